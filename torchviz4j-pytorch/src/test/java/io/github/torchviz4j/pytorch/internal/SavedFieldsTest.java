package io.github.torchviz4j.pytorch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.pytorch.internal.SavedFields.Field;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the field table, measured against the backward classes libtorch 2.10 has (the
 * {@code compiled_args} symbols of its {@code libtorch_cpu.so}, copied to the test resources).
 *
 * <p>Of libtorch 2.10's 698 classes, 83 save nothing (no attributes to show, as in Python) and
 * 615 are in the table. Of those, 507 decode every Python-visible field to a value, 89 hold an
 * {@code at::Scalar} that shows {@code ?} when it is complex (its bytes are skipped, not decoded),
 * and 19 have no Python-visible field. At run time any class shows {@code ?} for fields that
 * {@code compiled_args} did not reach: after {@code backward()} released its saved tensors, or
 * when a saved tensor was modified in place.
 */
class SavedFieldsTest {
  private static final Set<String> SCALARS = Set.of("at::Scalar", "std::optional<at::Scalar>", "std::vector<at::Scalar>");

  @Test
  void everyClassOfTheTableIsInLibtorch() throws IOException {
    Set<String> libtorch = libtorchClasses();

    assertThat(libtorch).hasSize(698);
    assertThat(SavedFields.classes()).hasSize(615);
    assertThat(libtorch).containsAll(SavedFields.classes());
    assertThat(SavedFields.of("NextafterBackward0")).as("saves nothing in libtorch 2.10").isNull();
  }

  @Test
  void coverageCountsOfTheTable() {
    assertThat(count(fields -> fields.stream().noneMatch(SavedState::isVisible))).as("no visible field").isEqualTo(19);
    assertThat(count(fields -> fields.stream().anyMatch(f -> SavedState.isVisible(f)
        && SCALARS.contains(SavedState.normalisedType(f))))).as("a Scalar, ? when complex").isEqualTo(89);
    assertThat(count(fields -> fields.stream().anyMatch(SavedState::isVisible)
        && fields.stream().noneMatch(f -> SCALARS.contains(SavedState.normalisedType(f)))))
        .as("every visible field decodes").isEqualTo(507);
    assertThat(count(fields -> fields.stream().anyMatch(Field::isTensor))).as("save tensors").isEqualTo(455);
    assertThat(count(fields -> fields.stream().anyMatch(f -> f.type().equals("std::vector<SavedVariable>"))))
        .as("save a list of tensors").isEqualTo(72);
  }

  @Test
  void noBookkeepingFlagIsAField() {
    assertThat(SavedFields.classes().stream().flatMap(c -> SavedFields.of(c).stream()).map(Field::name))
        .noneMatch(name -> name.endsWith("_released_") || name.endsWith("_size_"));
  }

  private static long count(Predicate<List<Field>> test) {
    return SavedFields.classes().stream().map(SavedFields::of).filter(test).count();
  }

  private static Set<String> libtorchClasses() throws IOException {
    Set<String> classes = new TreeSet<>();
    try (InputStream in = SavedFieldsTest.class.getResourceAsStream("/libtorch/autograd_classes_2.10.txt")) {
      assertThat(in).as("test resource libtorch/autograd_classes_2.10.txt").isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          classes.add(line.strip());
        }
      }
    }
    return classes;
  }
}

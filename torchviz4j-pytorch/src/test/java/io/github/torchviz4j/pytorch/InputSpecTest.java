package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class InputSpecTest {

  @Test
  void parsesShapeDtypeAndRange() {
    assertThat(InputSpec.parse("1,3,224,224")).isEqualTo(new InputSpec(List.of(1L, 3L, 224L, 224L), DType.FLOAT32, null));
    assertThat(InputSpec.parse("1, 128:int64:0..30522"))
        .isEqualTo(new InputSpec(List.of(1L, 128L), DType.INT64, new InputSpec.Range(0, 30522)));
    assertThat(InputSpec.parse("()").shape()).isEmpty();
    assertThat(InputSpec.parse("4:torch.float64:-1..1").range()).isEqualTo(new InputSpec.Range(-1, 1));
    assertThat(InputSpec.parse("2:long").dtype()).isEqualTo(DType.INT64);
    assertThat(InputSpec.parse("1,128:int64:0..30522")).hasToString("1,128:int64:0..30522");
  }

  @Test
  void malformedSpecsNameTheBadPart() {
    assertThatThrownBy(() -> InputSpec.parse("1,x")).isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("shape '1,x'");
    assertThatThrownBy(() -> InputSpec.parse("1,2:complex7")).hasMessageContaining("unknown dtype 'complex7'");
    assertThatThrownBy(() -> InputSpec.parse("1:int64:5..5")).hasMessageContaining("is empty");
    assertThatThrownBy(() -> InputSpec.parse("1:int64:0-5")).hasMessageContaining("write LOW..HIGH");
    assertThatThrownBy(() -> InputSpec.parse("1:int64:0..1.5")).hasMessageContaining("whole numbers");
    assertThatThrownBy(() -> InputSpec.parse("-1,2")).hasMessageContaining("negative");
    assertThatThrownBy(() -> InputSpec.parse("1:f:0..1:x")).hasMessageContaining("too many ':'");
  }

  @Test
  void randomTensorsFollowSpecAndSeed() {
    try (PointerScope scope = new PointerScope()) {
      List<InputSpec> specs = List.of(InputSpec.parse("2,3"), InputSpec.parse("1,64:int64:100..110"));

      List<Tensor> first = InputSpec.randomTensors(specs, 7);
      List<Tensor> again = InputSpec.randomTensors(specs, 7);

      assertThat(TorchScriptModel.describe(first.get(0))).isEqualTo("float32 (2, 3)");
      assertThat(TorchScriptModel.describe(first.get(1))).isEqualTo("int64 (1, 64)");
      assertThat(first.get(1).min().item_long()).isGreaterThanOrEqualTo(100);
      assertThat(first.get(1).max().item_long()).isLessThan(110);
      assertThat(first.get(0).equal(again.get(0))).isTrue();
      assertThat(first.get(1).equal(again.get(1))).isTrue();
      assertThat(first.get(0).requires_grad()).isFalse();
    }
  }
}

package io.github.torchviz4j.pytorch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.pytorch.DotCanonicalizer;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.TensorFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The autograd graph of each reference {@code .pt2} equals what the real torchviz draws for
 * {@code torch.export.load(f).module()(*inputs)}, byte for byte after renaming node ids.
 */
class ExportedProgramFidelityTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mha", "bigru", "seq2seq", "vit_small", "shufflenet_v2_x0_5"})
  void dotMatchesTorchviz(String caseName) throws Exception {
    assertMatches(caseName, MakeDotOptions.defaults(), "dot.canon.gv");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mha", "bigru", "seq2seq", "vit_small", "shufflenet_v2_x0_5"})
  void showAttrsAndShowSavedMatchTorchviz(String caseName) throws Exception {
    assertMatches(caseName, MakeDotOptions.builder().showAttrs(true).showSaved(true).build(), "attrs.canon.gv");
  }

  private static void assertMatches(String caseName, MakeDotOptions options, String reference) throws Exception {
    try (PointerScope scope = new PointerScope();
        ExportedProgram program = ExportedProgram.load(Pt2Files.model(caseName))) {
      String source = program.makeDot(Pt2Files.inputs(caseName), options).source();

      assertThat(DotCanonicalizer.canonicalize(source)).isEqualTo(Pt2Files.text(caseName, reference));
    }
  }

  /** The reference cases in the test resources ({@code pt2/<case>}: archive, inputs, torchviz DOT). */
  static final class Pt2Files {
    private Pt2Files() {}

    static Path model(String caseName) throws URISyntaxException {
      return Path.of(ExportedProgramFidelityTest.class.getResource("/pt2/" + caseName + "/model.pt2").toURI());
    }

    static List<Tensor> inputs(String caseName) throws URISyntaxException {
      Path folder = model(caseName).getParent();
      List<Tensor> inputs = new ArrayList<>();
      for (int i = 0; Files.exists(folder.resolve("input" + i + ".pt")); i++) {
        inputs.add(TensorFiles.load(folder.resolve("input" + i + ".pt")));
      }
      return inputs;
    }

    static String text(String caseName, String file) throws IOException {
      try (InputStream in = ExportedProgramFidelityTest.class.getResourceAsStream("/pt2/" + caseName + "/" + file)) {
        assertThat(in).as("reference %s/%s in test resources", caseName, file).isNotNull();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}

package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.BoolType;
import org.bytedeco.pytorch.CompilationUnit;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.SimpleSelf;
import org.bytedeco.pytorch.Type;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code torchviz4j diff}: two scripted models, or one in two modes, compared by module and op order. */
class DiffCommandTest {
  @TempDir
  Path dir;

  /** fc (Linear without bias) then the given body, scripted with libtorch's JIT and saved. */
  private Path scripted(String name, String body) {
    Path file = dir.resolve(name + ".pt");
    try (PointerScope scope = new PointerScope()) {
      torch.manual_seed(0);
      CompilationUnit unit = new CompilationUnit();
      JitModule fc = new JitModule(new QualifiedName("__torch__.Linear"), unit, true);
      fc.register_parameter("weight", torch.randn(3, 4).requires_grad_(true), false);
      JitModule root = new JitModule(new QualifiedName("__torch__.Model"), unit, true);
      root.register_module("fc", fc);
      // Modules built from Java lack the 'training' flag that nn.Module gives Python's.
      root.register_attribute("training", new Type.TypePtr(BoolType.get().get()), new IValue(true), false, false);
      unit.define(root._ivalue().type().name(), "def forward(self, x):\n    h = torch.matmul(x, self.fc.weight.t())\n"
          + "    return " + body + "\n", torch.nativeResolver(), new SimpleSelf(root._ivalue().type()));
      root.save(file.toString());
    }
    return file;
  }

  @Test
  void geluInsteadOfReluIsOneChangedNode() throws Exception {
    Path relu = scripted("relu", "torch.relu(h)");
    Path gelu = scripted("gelu", "torch.gelu(h)");
    Path json = dir.resolve("diff.json");

    CliRun run = CliRun.run("diff", relu.toString(), gelu.toString(), "--input-shape", "2,4", "--reduce", "sum",
        "-o", json.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("added 0, removed 0, changed 1 nodes\n");
    JsonNode diff = new ObjectMapper().readTree(Files.readString(json));
    List<JsonNode> changed = new ArrayList<>();
    diff.get("nodes").forEach(node -> {
      if (!node.get("diff").asText().equals("same")) {
        changed.add(node);
      }
    });
    assertThat(changed).singleElement().satisfies(node -> {
      assertThat(node.get("diff").asText()).isEqualTo("changed");
      assertThat(node.get("changes").get(0).asText()).isEqualTo("op ReluBackward0 → GeluBackward0");
      assertThat(node.get("before").get("name").asText()).isEqualTo("ReluBackward0");
      assertThat(node.get("after").get("name").asText()).isEqualTo("GeluBackward0");
    });
    assertThat(diff.get("counts").get("same").asInt()).isEqualTo(diff.get("nodes").size() - 1);
  }

  @Test
  void evalAgainstTrainRemovesTheDropoutsNodes() throws Exception {
    Path model = scripted("dropout", "torch.dropout(h, 0.5, self.training)");

    CliRun run = CliRun.run("diff", model.toString(), "--input-shape", "2,4", "--reduce", "sum",
        "--before-mode", "train", "--after-mode", "eval");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).matches("added 0, removed [1-9]\\d*, changed 0 nodes\n");
  }

  @Test
  void aModelAgainstItselfIsAllSame() {
    Path model = scripted("relu", "torch.relu(h)");

    CliRun run = CliRun.run("diff", model.toString(), model.toString(), "--input-shape", "2,4", "--reduce", "sum");

    assertThat(run.out()).isEqualTo("added 0, removed 0, changed 0 nodes\n");
  }

  @Test
  void oneModelNeedsTwoModesAndTheOutputNeedsAKnownExtension() {
    Path model = scripted("relu", "torch.relu(h)");

    CliRun one = CliRun.run("diff", model.toString());
    CliRun unknown = CliRun.run("diff", model.toString(), model.toString(), "-o", dir.resolve("d.txt").toString());

    assertThat(one.exitCode()).isEqualTo(2);
    assertThat(one.err()).contains("--before-mode and --after-mode");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("cannot tell the output format");
    assertThat(dir.resolve("d.txt")).doesNotExist();
  }

  @Test
  void everyPictureFormatAndTheViewerDrawTheDiff() throws Exception {
    Path relu = scripted("relu", "torch.relu(h)");
    Path gelu = scripted("gelu", "torch.gelu(h)");

    for (String name : List.of("diff.svg", "diff.png", "diff.pdf", "diff.html", "diff.gv")) {
      CliRun run = CliRun.run("diff", relu.toString(), gelu.toString(), "--input-shape", "2,4", "--reduce", "sum",
          "-o", dir.resolve(name).toString());
      assertThat(run.exitCode()).as(name + ": " + run.err()).isZero();
      assertThat(run.out()).isEqualTo("added 0, removed 0, changed 1 nodes\n");
    }

    String svg = Files.readString(dir.resolve("diff.svg"));
    assertThat(svg).containsOnlyOnce("data-role=\"function\" data-diff=\"changed\"")
        .containsOnlyOnce(">ReluBackward0 → GeluBackward0<");
    assertThat(javax.imageio.ImageIO.read(dir.resolve("diff.png").toFile()).getWidth()).isGreaterThan(100);
    try (var pdf = org.apache.pdfbox.Loader.loadPDF(dir.resolve("diff.pdf").toFile())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf)).contains("ReluBackward0").contains("GeluBackward0");
    }
    assertThat(Files.readString(dir.resolve("diff.gv")))
        .containsOnlyOnce("[label=\"ReluBackward0 → GeluBackward0\" fillcolor=lightgrey color=\"#f57c00\" penwidth=3.0]");
    String html = Files.readString(dir.resolve("diff.html"));
    assertThat(html).contains("\"diff\":\"changed\"").contains("\"diff\":\"same\"");
  }
}

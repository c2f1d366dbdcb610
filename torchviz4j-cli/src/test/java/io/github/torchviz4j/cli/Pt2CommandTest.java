package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code torchviz4j model.pt2 ...}: torch.export archives through the command line. */
class Pt2CommandTest {
  @TempDir Path dir;

  private final String model = resource("model.pt2");
  private final String input = resource("input0.pt");

  private static String resource(String file) {
    try {
      return Path.of(Objects.requireNonNull(Pt2CommandTest.class.getResource("/pt2/mha/" + file)).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String reference(String file) throws IOException {
    try (InputStream in = Pt2CommandTest.class.getResourceAsStream("/pt2/mha/" + file)) {
      return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void drawsTheAutogradGraphAsTorchvizDoes() throws IOException {
    Path out = dir.resolve("mha.gv");

    CliRun run = CliRun.run(model, "--input", input, "-o", out.toString(), "--no-clusters");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).matches("wrote \\S+mha\\.gv: 48 nodes, 49 edges, \\d+\\.\\d s\\n");
    assertThat(DotCanonicalizer.canonicalize(Files.readString(out))).isEqualTo(reference("dot.canon.gv"));
  }

  @Test
  void withoutInputsRunsTheArchivesSampleInputs() throws IOException {
    Path out = dir.resolve("sample.gv");

    CliRun run = CliRun.run(true, model, "-o", out.toString(), "--show-saved", "--show-attrs", "--no-clusters");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("model.pt2: 30 ops, 6 parameters, inputs(x: float32 (2, 6, 16)), schema 8.20")
        .contains("2 outputs from the archive's sample inputs");
    assertThat(DotCanonicalizer.canonicalize(Files.readString(out))).isEqualTo(reference("attrs.canon.gv"));
  }

  @Test
  void depthDrawsModulesFromTheModuleStack() throws IOException {
    Path out = dir.resolve("depth.gv");

    CliRun run = CliRun.run(model, "-o", out.toString(), "--depth", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out)).contains("MultiheadAttention", "LayerNorm").doesNotContain("BmmBackward0");
  }

  @Test
  void forwardDrawsTheExportedGraph() throws Exception {
    Path out = dir.resolve("forward.svg");

    CliRun run = CliRun.run(model, "--forward", "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
    assertThat(svg.getDocumentElement().getTextContent()).contains("aten.linear", "aten.layer_norm",
        "parameter a.in_proj_weight float32", "input x float32", "output layer_norm float32", "float32 (6, 2, 48)")
        .doesNotContain("AddmmBackward0");
  }

  @Test
  void forwardWithInputsNamesEachOpsBackwardFunctions() throws Exception {
    Path out = dir.resolve("forward.gv");

    CliRun run = CliRun.run(model, "--forward", "--input", input, "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out)).contains("aten.linear").contains("TBackward0, AddmmBackward0")
        .contains("NativeLayerNormBackward0");
  }

  @Test
  void wrongInputShapeIsOneLineAndExitOne() throws Exception {
    CliRun run = CliRun.run(model, "--input-shape", "2,6,8", "-o", dir.resolve("x.gv").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").contains("input 'x'", "must be float32 (2, 6, 16)");
    assertThat(dir.resolve("x.gv")).doesNotExist();
  }

  @Test
  void nonZipPt2IsOneLineAndExitOne() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.pt2"), "not a zip");

    CliRun run = CliRun.run(file.toString(), "-o", dir.resolve("x.svg").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").contains("not a zip archive");
  }

  @Test
  void aotInductorPackageIsOneLineAndExitOne() throws Exception {
    Path file = dir.resolve("aoti.pt2");
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("model/archive_format"));
      zip.write("pt2".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("model/data/aotinductor/model/model.so"));
      zip.write(new byte[8]);
    }

    CliRun run = CliRun.run(file.toString(), "-o", dir.resolve("x.svg").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").contains("AOTInductor package");
  }

  @Test
  void trainOrEvalOnAPt2IsAUsageError() {
    CliRun run = CliRun.run(model, "--eval", "-o", dir.resolve("x.svg").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--train/--eval do not apply to a .pt2 archive");
  }

  @Test
  void forwardOnTorchScriptIsAUsageError() {
    CliRun run = CliRun.run(CliRun.ref("neuron", "model.pt"), "--forward", "-o", dir.resolve("x.svg").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--forward draws the forward graph of a .pt2 archive");
  }
}

package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * TorchScript models drawn with modules: the transformer's model.pt and torchvision's ViT
 * (bench/vit_small), with modules found from parameter names, sequence numbers and the file's
 * module list.
 */
class ModuleViewCommandTest {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  @TempDir Path directory;

  private static String bench(String file) {
    try {
      return Path.of(Objects.requireNonNull(ModuleViewCommandTest.class.getResource("/bench/vit_small/" + file),
          file).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path drawVit(String name, String... options) {
    Path out = directory.resolve(name);
    List<String> args = new ArrayList<>(List.of(bench("model.pt"), "--input", bench("input0.pt"), "-o", out.toString(),
        "-q"));
    args.addAll(List.of(options));
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  /** Edges whose arrow end is drawn above their start by more than 2 pt. */
  private int upwardEdges(Path svg) throws Exception {
    int upward = 0;
    for (Element edge : groups(svg, "edge")) {
      Element path = (Element) edge.getElementsByTagName("path").item(0);
      List<Double> numbers = new ArrayList<>();
      Matcher matcher = NUMBER.matcher(path.getAttribute("d"));
      while (matcher.find()) {
        numbers.add(Double.parseDouble(matcher.group()));
      }
      if (numbers.get(numbers.size() - 1) < numbers.get(1) - 2) {
        upward++;
      }
    }
    return upward;
  }

  @Test
  void noModuleViewOfTheTorchScriptModelsDrawsAnEdgeUpwards() throws Exception {
    for (String[] options : List.of(new String[] {"--no-clusters"}, new String[0], new String[] {"--depth", "1"},
        new String[] {"--depth", "2"}, new String[] {"--depth", "3"})) {
      String name = String.join("", options).replace("-", "");
      assertThat(upwardEdges(drawVit("vit" + name + ".svg", options))).as("vit %s", name).isZero();
      assertThat(upwardEdges(draw(options))).as("transformer %s", name).isZero();
    }
  }

  @Test
  void boxesAndTitlesNameTheTorchScriptClasses() throws Exception {
    Path collapsed = drawVit("vit-d3.svg", "--depth", "3");
    List<Element> boxes = groups(collapsed, "node").stream()
        .filter(g -> g.getAttribute("data-role").equals("module")).toList();
    assertThat(boxes).extracting(g -> g.getAttribute("data-id"))
        .containsExactlyInAnyOrder("module:encoder.layers.encoder_layer_0", "module:encoder.layers.encoder_layer_1",
            "module:encoder.layers.encoder_layer_2", "module:encoder.layers.encoder_layer_3",
            "module:encoder.layers.encoder_layer_4", "module:encoder.layers.encoder_layer_5");
    assertThat(boxes).allSatisfy(box -> assertThat(box.getTextContent()).contains("EncoderBlock", "33,472"));
    // The layers run one after another, so they are drawn one below another, in order.
    List<Double> tops = boxes.stream()
        .sorted(java.util.Comparator.comparing((Element g) -> g.getAttribute("data-id")))
        .map(g -> Double.parseDouble(((Element) g.getElementsByTagName("rect").item(0)).getAttribute("y"))).toList();
    assertThat(tops).isSorted().doesNotHaveDuplicates();

    List<String> titles = groups(drawVit("vit.svg"), "cluster").stream().map(g -> g.getTextContent().strip()).toList();
    assertThat(titles).contains("encoder.layers (Sequential), 200,832 params", "heads.head (Linear), 650 params",
        "encoder.layers.encoder_layer_0.self_attention (MultiheadAttention), 16,640 params");
  }

  @Test
  void clusterTitlesFitTheirBoxes() throws Exception {
    double charWidth = 1233.0 / 2048 * 10; // DejaVu Sans Mono at 10 pt
    for (Element cluster : groups(drawVit("vit.svg"), "cluster")) {
      Element rect = (Element) cluster.getElementsByTagName("rect").item(0);
      Element text = (Element) cluster.getElementsByTagName("text").item(0);
      double right = Double.parseDouble(rect.getAttribute("x")) + Double.parseDouble(rect.getAttribute("width"));
      double titleEnd = Double.parseDouble(text.getAttribute("x")) + text.getTextContent().length() * charWidth;
      assertThat(titleEnd).as(text.getTextContent()).isLessThanOrEqualTo(right + 0.5);
    }
  }

  @Test
  void listModulesPrintsTheTreeInExecutionOrderAndWritesNothing() {
    CliRun run = CliRun.run(bench("model.pt"), "--input", bench("input0.pt"), "--list-modules");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("module").contains("depth", "class", "params", "functions");
    List<String> modules = lines.stream().skip(1).map(line -> line.strip().split("\\s+")[0]).toList();
    assertThat(modules).startsWith("conv_proj", "encoder", "encoder.layers", "encoder.layers.encoder_layer_0",
        "encoder.layers.encoder_layer_0.ln_1", "encoder.layers.encoder_layer_0.self_attention");
    assertThat(modules.indexOf("encoder.layers.encoder_layer_5")).isGreaterThan(modules.indexOf("encoder.layers.encoder_layer_4"));
    assertThat(modules.get(modules.size() - 1)).isEqualTo("heads.head");
    assertThat(lines).anySatisfy(line -> assertThat(line.strip().split("\\s+"))
        .containsExactly("encoder.layers.encoder_layer_0", "3", "EncoderBlock", "33,472", "54"));
    assertThat(directory).isEmptyDirectory();
  }

  @Test
  void theSummarySaysWhatWasDrawnAtADepth() {
    Path out = directory.resolve("vit.svg");
    CliRun run = CliRun.run(bench("model.pt"), "--input", bench("input0.pt"), "--depth", "3", "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("424 nodes, 447 edges; drawn at depth 3: 6 module boxes, ");
  }

  @Test
  void aPngShrunkBelowHalfIsAWarningWithTheScale() {
    assertThat(Torchviz4jCommand.scaleWarning(Path.of("big.png"), 0.14, 40_000_000))
        .isEqualTo("warning: big.png is scaled to 14% to stay under 40,000,000 pixels, too small to read its labels;"
            + " write .svg or .html instead, or draw fewer boxes with --depth");
    assertThat(Torchviz4jCommand.scaleWarning(Path.of("ok.png"), 0.79, 40_000_000)).isNull();
  }

  private List<Element> groups(Path svg, String type) throws Exception {
    var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
    NodeList all = document.getElementsByTagName("g");
    List<Element> groups = new ArrayList<>();
    for (int i = 0; i < all.getLength(); i++) {
      Element group = (Element) all.item(i);
      if (group.getAttribute("class").equals(type)) {
        groups.add(group);
      }
    }
    return groups;
  }

  private Path draw(String... options) throws IOException {
    Path svg = directory.resolve("transformer.svg");
    List<String> args = new ArrayList<>(List.of(CliRun.ref("transformer", "model.pt"),
        "--input", CliRun.ref("transformer", "input.pt"), "--reduce", "sum", "-o", svg.toString(), "-q"));
    args.addAll(List.of(options));
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return svg;
  }

  @Test
  void clustersGroupEachLayerAndItsSubmodulesByParameterNames() throws Exception {
    Set<String> clusters = groups(draw(), "cluster").stream().map(g -> g.getAttribute("data-path"))
        .collect(Collectors.toSet());

    for (String layer : List.of("layers.0", "layers.1")) {
      assertThat(clusters).contains(layer);
      for (String part : List.of("self_attn", "linear1", "linear2", "norm1", "norm2")) {
        assertThat(clusters).contains(layer + "." + part);
      }
    }
  }

  @Test
  void depthTwoDrawsOneBoxPerLayer() throws Exception {
    Path svg = draw("--depth", "2");

    List<Element> modules = groups(svg, "node").stream()
        .filter(g -> g.getAttribute("data-role").equals("module")).toList();
    assertThat(modules).extracting(g -> g.getAttribute("data-id"))
        .containsExactlyInAnyOrder("module:layers.0", "module:layers.1");
    assertThat(groups(svg, "edge")).anySatisfy(edge -> {
      assertThat(edge.getAttribute("data-tail")).isEqualTo("module:layers.0");
      assertThat(edge.getAttribute("data-head")).isEqualTo("module:layers.1");
    });
  }

  @Test
  void noClustersDrawsTheFlatOpGraph() throws Exception {
    assertThat(groups(draw("--no-clusters"), "cluster")).isEmpty();
  }

  @Test
  void negativeDepthIsAUsageError() {
    CliRun run = CliRun.run(CliRun.ref("neuron", "model.pt"), "--input", CliRun.ref("neuron", "input.pt"),
        "--depth", "-1", "-o", directory.resolve("n.svg").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--depth");
    assertThat(directory.resolve("n.svg")).doesNotExist();
  }
}

package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/** The transformer's model.pt drawn with modules found from parameter names alone. */
class ModuleViewCommandTest {
  @TempDir Path directory;

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
  void depthOneDrawsOneBoxPerLayer() throws Exception {
    Path svg = draw("--depth", "1");

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

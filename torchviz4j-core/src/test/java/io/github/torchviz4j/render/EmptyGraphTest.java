package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad-input catalogue, empty graphs: every format writes a valid, complete file. */
class EmptyGraphTest {

  static Map<String, Graph> cases() {
    return Map.of(
        "no nodes", new Graph(List.of(), List.of(), List.of()),
        "one output without grad_fn", new Graph(List.of(Node.tensor("y", "", List.of(2L))), List.of(), List.of("y")),
        "outputs only", new Graph(List.of(Node.tensor("y1", "", List.of()), Node.tensor("y2", "out", List.of(1L))),
            List.of(), List.of("y1", "y2")),
        "nodes without edges", new Graph(List.of(Node.function("f", "MulBackward0"), Node.function("g", "AccumulateGrad"),
            Node.tensor("w", "w", List.of(3L))), List.of(), List.of()));
  }

  static Stream<Arguments> casesAndFormats() {
    List<Arguments> arguments = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(cases().keySet())) {
      for (Format format : Format.values()) {
        arguments.add(Arguments.of(name, format));
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("casesAndFormats")
  void everyFormatWritesAValidFile(String name, Format format) throws IOException {
    Graph graph = cases().get(name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Digraph.of(graph).render(format, out);

    Object parsed = Outputs.parse(format, out.toByteArray());
    switch (format) {
      case HTML, JSON -> assertThat(Outputs.jsonNodes(parsed)).hasSize(graph.nodes().size());
      case PNG -> assertThat(((BufferedImage) parsed).getWidth() * (long) ((BufferedImage) parsed).getHeight())
          .isPositive();
      case DOT -> assertThat((String) parsed).contains("node [");
      default -> { }
    }
  }
}

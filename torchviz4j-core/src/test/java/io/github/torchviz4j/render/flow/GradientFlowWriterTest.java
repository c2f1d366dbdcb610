package io.github.torchviz4j.render.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.drawing.GradientFlow;
import io.github.torchviz4j.drawing.GradientScale;
import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.TensorData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientFlowWriterTest {
  @TempDir Path directory;

  /** Three linear layers; the last one's weight got a NaN gradient. */
  static Graph layers() {
    List<Node> nodes = new ArrayList<>(List.of(Node.tensor("y", "", List.of()), Node.function("sum", "SumBackward0")));
    List<Edge> edges = new ArrayList<>(List.of(new Edge("sum", "y", EdgeKind.OUTPUT)));
    double[] norms = {0.5, 0.05, Double.NaN};
    for (int i = 0; i < 3; i++) {
      for (String part : List.of("weight", "bias")) {
        String id = "p" + i + part;
        GradientState state = Double.isNaN(norms[i]) && part.equals("weight") ? GradientState.NAN : GradientState.PRESENT;
        double norm = state == GradientState.NAN ? Double.NaN : norms[i] == norms[i] ? norms[i] : 0.1;
        nodes.add(Node.tensor(id, "layers." + i + "." + part, part.equals("weight") ? List.of(4L, 4L) : List.of(4L))
            .withData(new TensorData(List.of(), state, norm, norm, List.of())));
        nodes.add(Node.function("acc" + id, "AccumulateGrad"));
        edges.add(new Edge(id, "acc" + id, EdgeKind.LEAF));
        edges.add(new Edge("acc" + id, "sum", EdgeKind.INPUT));
      }
    }
    return new Graph(nodes, edges, List.of("y"));
  }

  @Test
  void summarisesEachModuleInputSideFirst() {
    GradientFlow flow = GradientFlow.of(layers());

    assertThat(flow.rows()).extracting(GradientFlow.Row::module).containsExactly("layers.2", "layers.1", "layers.0");
    assertThat(flow.rows().get(2).parameters()).isEqualTo(20);
    assertThat(flow.rows().get(1).meanNorm()).isEqualTo(0.05);
    assertThat(flow.rows().get(0).problems()).isEqualTo(1);
  }

  @Test
  void writesJsonAndAChartWithProblemRowsInRed() throws Exception {
    GradientFlow flow = GradientFlow.of(layers());

    Path json = GradientFlowWriter.save(flow, directory.resolve("flow.json"));
    Path png = GradientFlowWriter.save(flow, directory.resolve("flow.png"));

    assertThat(Files.readString(json)).contains("{\"module\":\"layers.1\",\"parameters\":20,\"meanNorm\":0.05,"
        + "\"maxNorm\":0.05,\"problems\":0}", "\"problems\":1}");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getHeight()).isGreaterThan(60);
    boolean red = false;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        red |= (image.getRGB(x, y) & 0xFFFFFF) == GradientScale.PROBLEM_RGB;
      }
    }
    assertThat(red).isTrue();
  }
}

package io.github.torchviz4j.layout.elk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.drawing.Role;
import io.github.torchviz4j.layout.Box;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.layout.TextLine;
import io.github.torchviz4j.layout.TextMetrics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabeledNodeTest {
  private final TextMetrics metrics = TextMetrics.defaults();

  private Map<String, LabeledNode> seed() {
    return LabeledNode.of(SampleGraphs.seed(), metrics).stream()
        .collect(Collectors.toMap(n -> n.node().id(), Function.identity()));
  }

  @Test
  void boxesHaveTheSizesGraphvizGaveTheSeed() {
    // Widths read from refs/neuron/graph.svg (Graphviz 2.43). Heights are lines of 1.2 em (Graphviz's
    // LINESPACING) plus 4 pt above and below; that Graphviz measured 11 pt lines (19 and 30 pt boxes),
    // which let an underscore touch the line below.
    Map<String, LabeledNode> nodes = seed();
    assertThat(nodes.get("addmm")).extracting(LabeledNode::width, LabeledNode::height).containsExactly(101.0, 20.0);
    assertThat(nodes.get("tanh")).extracting(LabeledNode::width, LabeledNode::height).containsExactly(95.0, 20.0);
    assertThat(nodes.get("t")).extracting(LabeledNode::width, LabeledNode::height).containsExactly(77.0, 20.0);
    assertThat(nodes.get("bias")).extracting(LabeledNode::width, LabeledNode::height).containsExactly(83.0, 32.0);
    assertThat(nodes.get("weight")).extracting(LabeledNode::width, LabeledNode::height).containsExactly(95.0, 32.0);
    assertThat(nodes.get("out").width()).isEqualTo(59.0);
  }

  @Test
  void labelsAndRolesComeFromTorchviz() {
    Map<String, LabeledNode> nodes = seed();
    assertThat(nodes.get("out").lines()).containsExactly("", " (1, 1)");
    assertThat(nodes.get("out").role()).isEqualTo(Role.OUTPUT);
    assertThat(nodes.get("weight").lines()).containsExactly("layer1.weight", " (1, 2)");
    assertThat(nodes.get("weight").role()).isEqualTo(Role.LEAF);
    assertThat(nodes.get("accW").role()).isEqualTo(Role.FUNCTION);
  }

  @Test
  void shortLabelsGetGraphvizsMinimumWidth() {
    List<LabeledNode> nodes = LabeledNode.of(SampleGraphs.special(), metrics);
    LabeledNode scalar = nodes.stream().filter(n -> n.node().id().equals("loss")).findFirst().orElseThrow();
    assertThat(scalar.lines()).containsExactly("", " ()");
    assertThat(scalar.width()).isEqualTo(LabeledNode.MIN_WIDTH);
  }

  @Test
  void placedLinesAreCentredAndInsideTheBox() {
    LabeledNode weight = seed().get("weight");
    NodeLayout placed = weight.placeAt(10, 20, metrics);
    assertThat(placed.box()).isEqualTo(new Box(10, 20, 95, 32));
    assertThat(placed.lines()).extracting(TextLine::centerX).containsOnly(57.5);
    assertThat(placed.lines().get(1).baseline() - placed.lines().get(0).baseline()).isEqualTo(12.0);
    for (TextLine line : placed.lines()) {
      assertThat(line.baseline() - 8).isGreaterThanOrEqualTo(20);
      assertThat(line.baseline() + 2.5).isLessThanOrEqualTo(52);
      assertThat(line.centerX() - line.width() / 2).isGreaterThanOrEqualTo(10 + LabeledNode.MARGIN_X);
    }
  }
}

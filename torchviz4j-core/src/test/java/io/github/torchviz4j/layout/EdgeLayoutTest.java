package io.github.torchviz4j.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeLayoutTest {
  private static final List<Point> ROUTE = List.of(new Point(0, 0), new Point(0, 20), new Point(30, 20),
      new Point(30, 50));

  @Test
  void theArrowheadTipIsTheRouteEndAndThePathStopsAtItsBase() {
    EdgeLayout edge = EdgeLayout.along(new Edge("a", "b", EdgeKind.INPUT), ROUTE);
    assertThat(edge.arrowhead()).hasSize(3);
    assertThat(edge.end()).isEqualTo(new Point(30, 50));
    assertThat(edge.path()).containsExactly(new Point(0, 0), new Point(0, 20), new Point(30, 20),
        new Point(30, 40));
    assertThat(edge.arrowhead().get(1).distanceTo(edge.arrowhead().get(2))).isCloseTo(7, within(1e-9));
  }

  @Test
  void savedTensorEdgesHaveNoArrowheadAndKeepTheirRoute() {
    EdgeLayout edge = EdgeLayout.along(new Edge("a", "b", EdgeKind.SAVED), ROUTE);
    assertThat(edge.arrowhead()).isEmpty();
    assertThat(edge.path()).isEqualTo(ROUTE);
    assertThat(edge.end()).isEqualTo(new Point(30, 50));
  }

  @Test
  void viewEdgesAreDotted() {
    assertThat(EdgeLayout.along(new Edge("a", "b", EdgeKind.VIEW), ROUTE).dotted()).isTrue();
    assertThat(EdgeLayout.along(new Edge("a", "b", EdgeKind.OUTPUT), ROUTE).dotted()).isFalse();
  }

  @Test
  void anArrowShrinksToAShortLastSegmentInsteadOfBendingBack() {
    List<Point> route = List.of(new Point(0, 0), new Point(0, 20), new Point(5, 20), new Point(5, 24));
    EdgeLayout edge = EdgeLayout.along(new Edge("a", "b", EdgeKind.INPUT), route);
    assertThat(edge.end()).isEqualTo(new Point(5, 24));
    assertThat(edge.path()).containsExactly(new Point(0, 0), new Point(0, 20), new Point(5, 20));
  }
}

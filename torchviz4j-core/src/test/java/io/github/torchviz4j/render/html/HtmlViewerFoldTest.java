package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The viewer of a graph drawn with fold on, in a real headless Chromium: it opens folded, drawing
 * exactly the nodes and edges of the static folded picture with the run titled by its range and
 * count; a click on the title, the details panel's button and "Unfold all" unfold it, showing
 * every copy's nodes (one read back from the canvas pixels), and it folds again. Screenshots:
 * {@code target/viewer-test/fold-folded.png} and {@code fold-unfolded.png}.
 */
class HtmlViewerFoldTest {
  private static final int LAYERS = 8;

  @BeforeEach
  void browserAndNodeArePresent(TestInfo test) {
    Browser.require("HtmlViewerFoldTest." + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?"));
  }

  @Test
  void aFoldedEncoderOpensFoldedUnfoldsAndFoldsAgain() throws Exception {
    Graph graph = ViewerGraphs.transformer(LAYERS);
    Graph folded = folded(graph, 0);
    ModuleInfo run = folded.modules().stream().filter(m -> m.count() > 1).findFirst().orElseThrow();
    assertThat(run.path()).isEqualTo("layers.1");
    assertThat(folded.nodes().size()).as("the static folded picture").isLessThan(graph.nodes().size() / 3);
    Path html = Files.createDirectories(Browser.OUTPUT).resolve("fold.html");
    try (OutputStream out = Files.newOutputStream(html)) {
      new HtmlWriter().write(Scene.of(graph, RenderOptions.defaults().withFold(true)), out);
    }
    Map<String, Object> plan = HtmlViewerBrowserTest.basePlan("fold", graph, html);
    plan.put("mode", "fold");
    plan.put("expectFoldedNodes", folded.nodes().size());
    plan.put("expectFoldedEdges", edges(folded));
    plan.put("expectAllEdges", edges(graph));
    plan.put("expectGroups", 1);
    plan.put("group", run.path());
    plan.put("expectCount", LAYERS - 1);
    plan.put("expectTitle", "layers.1 … layers." + (LAYERS - 1));
    plan.put("expectClass", "TransformerEncoderLayer ×" + (LAYERS - 1));
    plan.put("expectTreeName", "1 … " + (LAYERS - 1));   // within its parent, layers
    // A parameter of a copy (blue when drawn) and the first layer's node it stands for.
    String copyNode = "L5_ff1_w";
    assertThat(graph.nodes()).extracting(Node::id).contains(copyNode, "L1_ff1_w");
    plan.put("copyNode", copyNode);
    plan.put("keptNode", "L1_ff1_w");
    plan.put("copyFill", "#add8e6");
    plan.put("screenshotFolded", Browser.OUTPUT.resolve("fold-folded.png").toString());
    plan.put("screenshotUnfolded", Browser.OUTPUT.resolve("fold-unfolded.png").toString());

    Browser.Result result = Browser.run("fold", HtmlViewerBrowserTest.json(plan));

    result.assertPassed("loads", "fold-opens-folded", "fold-edges-as-static-picture", "fold-controls", "fold-tree-name",
        "fold-svg-folded",
        "fold-title-click-unfolds", "fold-unfolded-is-taller", "fold-details-button-folds-again", "fold-unfold-all",
        "fold-fold-all-returns", "fold-search-reveals", "no-console-errors", "no-dialogs", "no-network");
  }

  @Test
  void collapsedToLayersAndFoldedItShowsOneBoxPerRun() throws Exception {
    Graph graph = ViewerGraphs.transformer(LAYERS);
    Graph boxes = folded(graph, 2);   // layers.i is depth 2
    List<String> titles = boxes.nodes().stream().filter(n -> n.kind() == NodeKind.MODULE)
        .map(n -> boxes.module(n.name()).displayPath()).toList();
    assertThat(titles).containsExactly("layers.0", "layers.1 … layers." + (LAYERS - 1));
    Path html = Files.createDirectories(Browser.OUTPUT).resolve("fold-depth2.html");
    try (OutputStream out = Files.newOutputStream(html)) {
      new HtmlWriter().write(Scene.of(graph, RenderOptions.defaults().withFold(true).withDepth(2)), out);
    }
    Map<String, Object> plan = HtmlViewerBrowserTest.basePlan("fold-depth2", graph, html);
    plan.put("mode", "fold");
    plan.put("expectBoxes", titles);
    plan.put("expectUnfoldedBoxes", LAYERS);
    plan.put("expectFoldedVisible", boxes.nodes().stream().filter(n -> n.kind() != NodeKind.MODULE).count());
    plan.put("screenshotFolded", Browser.OUTPUT.resolve("fold-depth2-folded.png").toString());
    plan.put("screenshotUnfolded", Browser.OUTPUT.resolve("fold-depth2-unfolded.png").toString());

    Browser.Result result = Browser.run("fold-depth2", HtmlViewerBrowserTest.json(plan));

    result.assertPassed("loads", "fold-boxes-folded", "fold-boxes-unfolded", "fold-boxes-fold-again", "no-console-errors");
  }

  @Test
  void runsInsideTheFirstOfARunFoldAsTheStaticPictureDoes() throws Exception {
    Graph graph = nested(4, 3);
    Graph folded = folded(graph, 0);
    List<String> titles = folded.modules().stream().filter(m -> m.count() > 1)
        .map(m -> m.displayPath() + "  " + m.displayClass()).toList();
    assertThat(titles).containsExactly("blocks.0 … blocks.3  Block ×4", "blocks.0.sub.0 … blocks.0.sub.2  Sub ×3");
    Path html = Files.createDirectories(Browser.OUTPUT).resolve("fold-nested.html");
    try (OutputStream out = Files.newOutputStream(html)) {
      new HtmlWriter().write(Scene.of(graph, RenderOptions.defaults().withFold(true)), out);
    }
    Map<String, Object> plan = HtmlViewerBrowserTest.basePlan("fold-nested", graph, html);
    plan.put("mode", "fold");
    plan.put("equivalenceOnly", true);
    plan.put("expectFoldedNodes", folded.nodes().size());
    plan.put("expectFoldedEdges", edges(folded));
    plan.put("expectAllEdges", edges(graph));
    plan.put("expectTitles", titles);

    Browser.Result result = Browser.run("fold-nested", HtmlViewerBrowserTest.json(plan));

    result.assertPassed("loads", "fold-nested-folded", "fold-nested-unfolded", "fold-nested-folded-again", "no-console-errors");
  }

  /**
   * {@code blocks.0} … {@code blocks.(n-1)}, each a chain of {@code sub.0} … {@code sub.(m-1)}, each
   * a weight, its AccumulateGrad and an MmBackward0 fed by the one before; a sum at the end.
   */
  private static Graph nested(int blocks, int subs) {
    List<Node> nodes = new ArrayList<>(List.of(Node.tensor("y", "", List.of())));
    List<Edge> edges = new ArrayList<>();
    List<ModuleInfo> modules = new ArrayList<>();
    nodes.add(Node.function("sum", "SumBackward0").withSequenceNr(blocks * subs));
    edges.add(new Edge("sum", "y", EdgeKind.OUTPUT));
    String previous = null;
    for (int i = 0; i < blocks; i++) {
      modules.add(new ModuleInfo("blocks." + i, "Block"));
      modules.add(new ModuleInfo("blocks." + i + ".sub", "ModuleList"));
      for (int j = 0; j < subs; j++) {
        String module = "blocks." + i + ".sub." + j;
        String id = "b" + i + "s" + j;
        modules.add(new ModuleInfo(module, "Sub"));
        nodes.add(Node.function(id + "_mm", "MmBackward0").withModulePath(module).withSequenceNr(i * subs + j));
        nodes.add(Node.function(id + "_acc", "AccumulateGrad").withModulePath(module));
        nodes.add(Node.tensor(id + "_w", module + ".weight", List.of(4L, 4L)).withModulePath(module));
        edges.add(new Edge(id + "_w", id + "_acc", EdgeKind.LEAF));
        edges.add(new Edge(id + "_acc", id + "_mm", EdgeKind.INPUT));
        if (previous != null) {
          edges.add(new Edge(previous, id + "_mm", EdgeKind.INPUT));
        }
        previous = id + "_mm";
      }
    }
    edges.add(new Edge(previous, "sum", EdgeKind.INPUT));
    return new Graph(nodes, edges, List.of("y"), modules);
  }

  private static List<String> edges(Graph graph) {
    return graph.edges().stream().map(e -> e.tail() + ">" + e.head()).toList();
  }

  /** The graph the static picture draws with fold on, modules collapsed at {@code depth} (0: none). */
  private static Graph folded(Graph graph, int depth) {
    return Drawing.of(graph, new DrawingOptions(depth, true, 0, 50, true)).graph();
  }
}

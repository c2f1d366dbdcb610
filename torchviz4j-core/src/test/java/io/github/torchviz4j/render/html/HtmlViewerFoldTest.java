package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.drawing.ModuleCollapse;
import io.github.torchviz4j.drawing.ModuleFold;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Graph folded = ModuleFold.fold(graph);
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
    // A parameter of a copy (blue when drawn) and the first layer's node it stands for.
    String copyNode = "L5_ff1_w";
    assertThat(graph.nodes()).extracting(Node::id).contains(copyNode, "L1_ff1_w");
    plan.put("copyNode", copyNode);
    plan.put("keptNode", "L1_ff1_w");
    plan.put("copyFill", "#add8e6");
    plan.put("screenshotFolded", Browser.OUTPUT.resolve("fold-folded.png").toString());
    plan.put("screenshotUnfolded", Browser.OUTPUT.resolve("fold-unfolded.png").toString());

    Browser.Result result = Browser.run("fold", HtmlViewerBrowserTest.json(plan));

    result.assertPassed("loads", "fold-opens-folded", "fold-edges-as-static-picture", "fold-controls", "fold-svg-folded",
        "fold-title-click-unfolds", "fold-unfolded-is-taller", "fold-details-button-folds-again", "fold-unfold-all",
        "fold-fold-all-returns", "fold-search-reveals", "no-console-errors", "no-dialogs", "no-network");
  }

  @Test
  void collapsedToLayersAndFoldedItShowsOneBoxPerRun() throws Exception {
    Graph graph = ViewerGraphs.transformer(LAYERS);
    Graph boxes = ModuleCollapse.collapse(ModuleFold.fold(graph), 2);   // layers.i is depth 2
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

  private static List<String> edges(Graph graph) {
    return graph.edges().stream().map(e -> e.tail() + ">" + e.head()).toList();
  }
}

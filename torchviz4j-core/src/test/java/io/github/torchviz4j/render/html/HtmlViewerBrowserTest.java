package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.TensorData;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.layout.elk.ElkLayoutEngine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.internal.Json;
import io.github.torchviz4j.render.Scene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The viewer in a real headless Chromium: it loads without console errors or network, search
 * finds nodes, clicking shows details verbatim and traces upstream and downstream, pan and zoom
 * respond, modules collapse and expand, exports download, and hostile names stay text.
 * Screenshots go to {@code target/viewer-test/}.
 */
class HtmlViewerBrowserTest {
  /** Skips each test with the reason (or fails it under CI) before any layout is computed. */
  @BeforeEach
  void browserAndNodeArePresent(TestInfo test) {
    Browser.require("HtmlViewerBrowserTest." + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?"));
  }

  @Test
  void hostileNamesStayTextAndEveryFeatureWorks() throws Exception {
    Graph graph = ViewerGraphs.hostile();
    Layout layout = layout(graph);
    Path html = write("hostile", graph, layout);
    Map<String, Object> plan = basePlan("hostile", graph, html);
    plan.put("search", Map.of("query", "<img src", "expectMatches", 1, "expectSelected", "bias"));
    plan.put("clicks", List.of(
        click(graph, "bias", ViewerGraphs.IMG_NAME, ViewerGraphs.HOSTILE_MODULE, "(1)", List.of("Linear")),
        click(graph, "weight", ViewerGraphs.SCRIPT_NAME, ViewerGraphs.HOSTILE_MODULE, "(1, 2)", List.of()),
        click(graph, "x", ViewerGraphs.AWKWARD_NAME, "(root)", "(1, 1)", List.of()),
        click(graph, "addmm", "AddmmBackward0", ViewerGraphs.HOSTILE_MODULE, null,
            List.of("AddmmBackward0", "alpha", "<i>" + ViewerGraphs.SCRIPT_NAME + "</i>", "sequence nr")),
        withScreenshot(click(graph, "tanh", "TanhBackward0", "(root)", null, List.of("Saved tensors", "result")),
            "hostile-selected.png")));
    plan.put("collapse", collapse(graph, ViewerGraphs.HOSTILE_MODULE, null, null));
    plan.put("expectSvgTexts", List.of(ViewerGraphs.IMG_NAME, ViewerGraphs.SCRIPT_NAME,
        "q\"uo'te\\back\\\\slash", "next é中😀\u2028end", "AddmmBackward0", " (1, 1)"));

    Browser.Result result = Browser.run("hostile", json(plan));

    result.assertPassed("loads", "no-external-urls", "no-injected-elements-on-load", "legend", "search-finds",
        "click-details-bias", "click-details-weight", "click-details-x", "click-details-addmm", "click-details-tanh",
        "no-injected-elements-after-clicks", "keyboard-zoom", "wheel-zoom", "drag-pan", "keyboard-pan",
        "fit-button", "collapse-reduces-visible-nodes", "expand-restores-visible-nodes", "collapse-all",
        "expand-all", "export-svg", "export-png", "no-console-errors", "no-dialogs", "no-network");
    assertThat(Browser.OUTPUT.resolve("hostile.png")).isNotEmptyFile();
  }

  @Test
  void seedGraphOpensAndTracesFromTheOutput() throws Exception {
    Graph graph = SampleGraphs.seed();
    Layout layout = layout(graph);
    Path html = write("seed", graph, layout);
    Map<String, Object> plan = basePlan("seed", graph, html);
    plan.put("search", Map.of("query", "accumulate", "expectMatches", 2,
        "expectSelected", firstMatch(graph, layout, n -> n.name().toLowerCase(Locale.ROOT).contains("accumulate"))));
    plan.put("clicks", List.of(
        click(graph, "out", "none", "not captured", "(1, 1)", List.of("where backward() starts")),
        withScreenshot(click(graph, "addmm", "AddmmBackward0", "not captured", null, List.of("AddmmBackward0")),
            "seed-selected.png")));

    Browser.Result result = Browser.run("seed", json(plan));

    result.assertPassed("loads", "search-finds", "search-next", "search-previous", "click-details-out",
        "click-details-addmm", "export-svg", "export-png", "no-console-errors", "no-dialogs", "no-network");
  }

  @Test
  void modulesOfThirtyNodeGraphCollapseAndExpand() throws Exception {
    Graph graph = ViewerGraphs.blocks();
    assertThat(graph.nodes()).hasSize(30);
    Layout layout = layout(graph);
    Path html = write("blocks", graph, layout);
    Map<String, Object> plan = basePlan("blocks", graph, html);
    plan.put("search", Map.of("query", "blocks.1.linear", "expectMatches", 6,
        "expectSelected", firstMatch(graph, layout, n -> n.modulePath().equals("blocks.1.linear"))));
    plan.put("clicks", List.of(
        click(graph, "l1_w", "blocks.1.linear.weight", "blocks.1.linear", "(49, 196)", List.of("Linear"))));
    plan.put("collapse", collapse(graph, "blocks.1", "blocks-collapsed.png", "blocks-all-collapsed.png"));

    Browser.Result result = Browser.run("blocks", json(plan));

    result.assertPassed("loads", "search-finds", "search-next", "click-details-l1_w",
        "collapse-reduces-visible-nodes", "expand-restores-visible-nodes", "collapse-all", "expand-all",
        "export-svg", "no-console-errors", "no-dialogs", "no-network");
  }

  @Test
  void gradientColoursArePaintedAsTheSvgPaintsThem() throws Exception {
    // An MLP whose four parameters carry gradients of different norms, one of them NaN (red), plus
    // the legend notes the drawing adds: every node keeps the fill the SVG and PNG give it.
    Graph mlp = SampleGraphs.mlp(2);
    Map<String, TensorData> gradients = Map.of(
        "l0w", gradient(GradientState.PRESENT, 0.001), "l0b", gradient(GradientState.PRESENT, 0.05),
        "l1w", gradient(GradientState.PRESENT, 2.0), "l1b", gradient(GradientState.NAN, Double.NaN));
    Graph graph = Drawing.of(mlp.withNodes(mlp.nodes().stream()
        .map(n -> gradients.containsKey(n.id()) ? n.withData(gradients.get(n.id())) : n).toList(), mlp.modules()),
        RenderOptions.defaults().drawing(Format.SVG)).graph();
    TorchvizStatements drawing = TorchvizStatements.of(graph);
    List<Map<String, String>> fills = graph.nodes().stream()
        .map(n -> Map.of("id", n.id(), "fill", String.format(Locale.ROOT, "#%06x", drawing.fill(n.id())))).toList();
    assertThat(fills.stream().map(f -> f.get("fill")).distinct()).as("gradient colours in the graph").hasSizeGreaterThan(5);
    Path html = write("gradients", graph, layout(graph));
    Map<String, Object> plan = basePlan("gradients", graph, html);
    plan.put("expectFills", fills);

    Browser.Result result = Browser.run("gradients", json(plan));

    result.assertPassed("loads", "canvas-fills", "export-svg", "export-svg-fills", "no-console-errors");
  }

  @Test
  void aDiffShowsItsChangesAndCanShowOnlyThemAndTheirNeighbours() throws Exception {
    Graph before = ViewerGraphs.blocks();
    Graph after = before.withNodes(before.nodes().stream().map(n -> n.id().equals("l2relu")
        ? new Node(n.id(), n.kind(), "GeluBackward0", n.shape(), n.attributes(), n.modulePath(), n.sequenceNr(),
            n.data(), n.saved())
        : n).toList(), before.modules());
    Scene scene = Scene.of(GraphDiff.of(before, after), RenderOptions.defaults());
    Graph union = scene.drawing(Format.HTML).graph();
    Files.createDirectories(Browser.OUTPUT);
    Path html = Browser.OUTPUT.resolve("diff.html");
    try (var out = Files.newOutputStream(html)) {
      new HtmlWriter().write(scene, out);
    }
    // The changed node, its input and its consumer, and the legend's notes.
    Set<String> kept = new HashSet<>(List.of("l2relu"));
    union.incoming("l2relu").forEach(e -> kept.add(e.tail()));
    union.outgoing("l2relu").forEach(e -> kept.add(e.head()));
    long notes = union.nodes().stream().filter(n -> n.kind() == io.github.torchviz4j.graph.NodeKind.NOTE).count();
    assertThat(kept).hasSize(3);
    assertThat(notes).isPositive();
    Map<String, Object> plan = basePlan("diff", union, html);
    Map<String, Object> diff = new LinkedHashMap<>();
    diff.put("changed", "l2relu");
    diff.put("borderColour", String.format(Locale.ROOT, "#%06x", Mark.CHANGED.borderRgb()));
    diff.put("expectVisible", kept.size() + notes);
    diff.put("screenshot", Browser.OUTPUT.resolve("diff-changed-only.png").toString());
    plan.put("diff", diff);

    Browser.Result result = Browser.run("diff", json(plan));

    result.assertPassed("loads", "diff-border-colour", "diff-details", "diff-button", "diff-changed-only", "diff-shows-all-again", "diff-export-svg",
        "export-svg", "no-console-errors", "no-dialogs", "no-network");
  }

  private static TensorData gradient(GradientState state, double norm) {
    return new TensorData(List.of(), state, norm, norm, List.of());
  }

  // ------------------------------------------------------------------ plans

  static Layout layout(Graph graph) {
    return layout(graph, LayoutOptions.defaults());
  }

  static Layout layout(Graph graph, LayoutOptions options) {
    return new ElkLayoutEngine().layout(TorchvizStatements.of(graph), options);
  }

  static Path write(String name, Graph graph, Layout layout) throws IOException {
    Files.createDirectories(Browser.OUTPUT);
    Path html = Browser.OUTPUT.resolve(name + ".html");
    Files.writeString(html, new HtmlWriter().html(TorchvizStatements.of(graph), layout), StandardCharsets.UTF_8);
    return html;
  }

  static Map<String, Object> basePlan(String name, Graph graph, Path html) throws IOException {
    Path downloads = Files.createDirectories(Browser.OUTPUT.resolve(name + "-downloads"));
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("mode", "functional");
    plan.put("chromium", Browser.require("HtmlViewerBrowserTest").toString());
    plan.put("html", html.toString());
    plan.put("downloads", downloads.toString());
    plan.put("screenshot", Browser.OUTPUT.resolve(name + ".png").toString());
    plan.put("expectNodes", graph.nodes().size());
    plan.put("panNode", graph.outputs().get(0));
    return plan;
  }

  /** What a click on a node must show: its fields verbatim and its upstream and downstream counts. */
  static Map<String, Object> click(Graph graph, String id, String name, String module, String shape,
      List<String> texts) {
    Map<String, Object> click = new LinkedHashMap<>();
    click.put("id", id);
    click.put("expectName", name);
    click.put("expectModule", module);
    click.put("expectShape", shape);
    click.put("expectUpstream", reachable(graph, id, true));
    click.put("expectDownstream", reachable(graph, id, false));
    click.put("expectText", texts);
    return click;
  }

  static Map<String, Object> withScreenshot(Map<String, Object> click, String file) {
    click.put("screenshot", Browser.OUTPUT.resolve(file).toString());
    return click;
  }

  /** Collapsing a module hides its nodes; collapsing all at depth 1 leaves the nodes outside modules. */
  static Map<String, Object> collapse(Graph graph, String path, String screenshot, String screenshotAll) {
    Map<String, Object> collapse = new LinkedHashMap<>();
    collapse.put("path", path);
    collapse.put("expectHidden", graph.nodes().stream().filter(n -> ModuleInfo.isWithin(n.modulePath(), path)
        && !n.modulePath().isEmpty()).count());
    Set<String> outermost = graph.nodes().stream().map(Node::modulePath).filter(p -> !p.isEmpty())
        .map(p -> ModuleLevels.of(p).get(0)).collect(Collectors.toSet());
    collapse.put("expectVisibleAllCollapsed", graph.nodes().stream().filter(n -> n.modulePath().isEmpty()).count());
    collapse.put("expectCollapsedModules", outermost.size());
    collapse.put("screenshot", screenshot == null ? null : Browser.OUTPUT.resolve(screenshot).toString());
    collapse.put("screenshotAll", screenshotAll == null ? null : Browser.OUTPUT.resolve(screenshotAll).toString());
    return collapse;
  }

  /** The first search match as the viewer orders matches: top to bottom, then left to right. */
  static String firstMatch(Graph graph, Layout layout, java.util.function.Predicate<Node> matches) {
    return layout.nodes().stream().filter(n -> matches.test(n.node()))
        .min(Comparator.comparingDouble((NodeLayout n) -> n.box().y()).thenComparingDouble(n -> n.box().x()))
        .orElseThrow().node().id();
  }

  /** Distinct nodes reachable against (upstream) or along (downstream) the edges. */
  static int reachable(Graph graph, String from, boolean upstream) {
    Function<String, List<Edge>> next = upstream ? graph::incoming : graph::outgoing;
    Set<String> seen = new HashSet<>(Set.of(from));
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    int count = 0;
    while (!todo.isEmpty()) {
      for (Edge edge : next.apply(todo.pop())) {
        String other = upstream ? edge.tail() : edge.head();
        if (seen.add(other)) {
          count++;
          todo.push(other);
        }
      }
    }
    return count;
  }

  /** Plans as JSON: maps, lists, strings, numbers, booleans and null. */
  static String json(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String text) {
      return Json.string(text);
    } else if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    } else if (value instanceof List<?> list) {
      return list.stream().map(HtmlViewerBrowserTest::json).collect(Collectors.joining(",", "[", "]"));
    } else if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> Json.string(String.valueOf(e.getKey())) + ":" + json(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    throw new IllegalArgumentException("no JSON for " + value.getClass());
  }
}

package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.SampleGraphs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The big graphs open in headless Chromium and stay usable: load time and frame times are printed
 * (and appended to {@code target/viewer-test/measurements.txt}), never asserted, since speed
 * depends on the machine. What is asserted: the page loads every node without console errors,
 * search finds nodes, and collapsing modules reduces the visible nodes.
 */
class HtmlViewerScaleTest {
  /** Skips each test with the reason (or fails it under CI) before any layout is computed. */
  @BeforeEach
  void browserAndNodeArePresent(TestInfo test) {
    Browser.require("HtmlViewerScaleTest." + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?"));
  }

  @Test
  void twentyThousandNodeChain() throws Exception {
    measure("chain20k", SampleGraphs.chain(20_000), LayoutOptions.defaults(), "SumBackward0", "f10000", false);
  }

  @Test
  void fortyEightLayerTransformer() throws Exception {
    Graph graph = ViewerGraphs.transformer(48);
    assertThat(graph.modules()).hasSize(48 * 7);
    measure("transformer48", graph, LayoutOptions.defaults(), "layers.47.self_attn", "L24_scores", true);
  }

  private static void measure(String name, Graph graph, LayoutOptions options, String query, String centerNode,
      boolean collapse) throws Exception {
    long t0 = System.nanoTime();
    Layout layout = HtmlViewerBrowserTest.layout(graph, options);
    long t1 = System.nanoTime();
    var html = HtmlViewerBrowserTest.write(name, graph, layout);
    long t2 = System.nanoTime();
    Map<String, Object> plan = HtmlViewerBrowserTest.basePlan(name, graph, html);
    plan.put("mode", "perf");
    plan.put("searchQuery", query);
    plan.put("centerNode", centerNode);
    plan.put("collapseDepth", collapse ? 1 : null);
    plan.put("screenshotAfter", Browser.OUTPUT.resolve(name + "-after.png").toString());

    Browser.Result result = Browser.run(name, HtmlViewerBrowserTest.json(plan));

    StringBuilder report = new StringBuilder();
    report.append(String.format("%s: %d nodes, %d edges; ELK layout %.0f ms, HTML writing %.0f ms%n",
        name, graph.nodes().size(), graph.edges().size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6));
    result.values().forEach((key, value) -> report.append("  ").append(key).append(" = ").append(value).append('\n'));
    System.out.print(report);
    Files.writeString(Browser.OUTPUT.resolve("measurements.txt"), report, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (collapse) {
      result.assertPassed("loads", "perf-search-finds", "perf-collapse-reduces", "no-console-errors", "no-dialogs",
          "no-network");
    } else {
      result.assertPassed("loads", "perf-search-finds", "no-console-errors", "no-dialogs", "no-network");
    }
    assertThat(result.values()).containsKeys("load_ms", "fit_draw_ms_median", "zoom100_draw_ms_median");
  }
}

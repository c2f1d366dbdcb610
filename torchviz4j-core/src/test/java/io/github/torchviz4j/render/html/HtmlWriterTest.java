package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.drawing.DrawingOptions;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.json.JsonWriter;
import io.github.torchviz4j.render.json.MiniJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML file's structure without a browser; {@link HtmlViewerBrowserTest} runs it. */
class HtmlWriterTest {
  private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  @TempDir Path directory;

  static String html(Graph graph, RenderOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new HtmlWriter().write(graph, options, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static List<String[]> scripts(String html) {
    List<String[]> scripts = new ArrayList<>();
    Matcher m = SCRIPT.matcher(html);
    while (m.find()) {
      scripts.add(new String[] {m.group(1), m.group(2)});
    }
    return scripts;
  }

  @Test
  void oneSelfContainedFileWithoutExternalUrls() throws IOException {
    String html = html(ViewerGraphs.hostile(), RenderOptions.defaults());

    assertThat(html).startsWith("<!DOCTYPE html>\n").endsWith("</html>\n").doesNotContain("\r");
    // No resource is loaded from anywhere: no URL in any src or href, no @import or url() in CSS.
    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
    Matcher style = STYLE.matcher(html);
    assertThat(style.find()).isTrue();
    assertThat(style.group(1)).doesNotContainPattern("(?i)@import|url\\(");
    assertThat(html).doesNotContainPattern("(?i)<(link|iframe|img|object|embed)\\b");
    assertThat(scripts(html)).hasSize(3);
  }

  @Test
  void graphJsonIsTheJsonExportWithNothingThatEndsTheScript() throws IOException {
    Graph graph = ViewerGraphs.hostile();
    String html = html(graph, RenderOptions.defaults());
    List<String[]> scripts = scripts(html);

    assertThat(scripts.get(0)[0]).isEqualTo(" type=\"application/json\" id=\"tv-graph\"");
    String graphJson = scripts.get(0)[1];
    assertThat(graphJson + "\n").isEqualTo(new JsonWriter().json(TorchvizStatements.of(graph)));
    assertThat(graphJson).doesNotContain("<", ">", "&", "\u2028", "\u2029");
    Map<?, ?> doc = (Map<?, ?>) MiniJson.parse(graphJson);
    assertThat(((List<?>) doc.get("nodes"))).hasSize(graph.nodes().size());
    assertThat(graphJson).contains(ViewerGraphs.IMG_NAME.replace("<", "\\u003c").replace(">", "\\u003e"));
    // The hostile names appear nowhere in the page as markup.
    assertThat(html).doesNotContain(ViewerGraphs.IMG_NAME, ViewerGraphs.SCRIPT_NAME, ViewerGraphs.HOSTILE_MODULE);
  }

  @Test
  void aFoldedGraphsPageHoldsTheCompleteGraphAndItsFoldsUnlessTooBigToLayOut() throws IOException {
    Graph graph = ViewerGraphs.transformer(4);
    int folded = Drawing.of(graph,
        new DrawingOptions(0, true, 0, 50, true)).graph().nodes().size();
    RenderOptions fold = RenderOptions.defaults().withFold(true);

    Map<String, Object> doc = graphJson(html(graph, fold));
    Map<String, Object> plain = graphJson(html(graph, RenderOptions.defaults()));
    // Too big unfolded, small enough folded: the page shows the folded drawing, as pictures do.
    Map<String, Object> tooBig = graphJson(html(graph, fold.withMaxLayoutNodes(folded)));

    assertThat((List<?>) doc.get("nodes")).hasSize(graph.nodes().size());
    assertThat((List<?>) doc.get("folds")).singleElement()
        .satisfies(f -> assertThat(f).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("path", "layers.1").containsEntry("title", "layers.1 … layers.3"));
    assertThat(plain).doesNotContainKey("folds");
    assertThat((List<?>) tooBig.get("nodes")).hasSize(folded);
    assertThat(tooBig).doesNotContainKey("folds");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> graphJson(String html) {
    return (Map<String, Object>) MiniJson.parse(scripts(html).get(0)[1]);
  }

  @Test
  void layoutJsonHoldsEveryNodeEdgeAndCluster() throws IOException {
    Graph graph = ViewerGraphs.blocks();
    String html = html(graph, RenderOptions.defaults().withDepth(1));
    String[] layout = scripts(html).get(1);

    assertThat(layout[0]).isEqualTo(" type=\"application/json\" id=\"tv-layout\"");
    Map<?, ?> doc = (Map<?, ?>) MiniJson.parse(layout[1]);
    assertThat((List<?>) doc.get("boxes")).hasSize(5 * graph.nodes().size());
    assertThat((List<?>) doc.get("paths")).hasSize(graph.edges().size());
    assertThat((List<?>) doc.get("arrows")).hasSize(graph.edges().size());
    assertThat(((List<?>) doc.get("clusters")).stream().map(c -> (Object) ((Map<?, ?>) c).get("path")).toList())
        .containsExactlyInAnyOrder("blocks", "blocks.0", "blocks.0.linear", "blocks.1", "blocks.1.linear", "blocks.2",
            "blocks.2.linear", "blocks.3", "blocks.3.linear");
    assertThat(doc.get("collapsedDepth")).hasToString("1");
    // depth collapses in the viewer, not in the file: every node is still there.
    Map<?, ?> graphDoc = (Map<?, ?>) MiniJson.parse(scripts(html).get(0)[1]);
    assertThat((List<?>) graphDoc.get("nodes")).hasSize(30);
  }

  @Test
  void contentSecurityPolicyAllowsOnlyThePagesOwnCodeAndNoNetwork() throws Exception {
    String html = html(SampleGraphs.seed(), RenderOptions.defaults());
    Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").matcher(html);
    assertThat(csp.find()).isTrue();
    String policy = csp.group(1);
    String script = scripts(html).get(2)[1];
    Matcher style = STYLE.matcher(html);
    assertThat(style.find()).isTrue();

    assertThat(policy).startsWith("default-src 'none';")
        .contains("script-src '" + sha256(script) + "'")
        .contains("style-src '" + sha256(style.group(1)) + "'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http");
  }

  @Test
  void deterministicSavedByExtensionWhateverTheEngine() throws IOException {
    Graph graph = SampleGraphs.mlp(2);
    assertThat(html(graph, RenderOptions.defaults())).isEqualTo(html(graph, RenderOptions.defaults()));
    Digraph digraph = Digraph.of(graph).withOptions(RenderOptions.defaults().withEngine(Engine.GRAPHVIZ));
    Path html = digraph.save(directory.resolve("mlp.html"));
    Path htm = digraph.save(directory.resolve("mlp.HTM"));
    assertThat(Files.readString(html)).isEqualTo(html(graph, RenderOptions.defaults()));
    assertThat(Files.readString(htm)).isEqualTo(Files.readString(html));
    assertThat(Format.fromPath(htm)).isEqualTo(Format.HTML);
    assertThat(Format.HTML.extensions()).containsExactly("html", "htm");
  }

  @Test
  void rejectsALayoutOfAnotherGraph() {
    Layout seedLayout = HtmlViewerBrowserTest.layout(SampleGraphs.seed());
    TorchvizStatements other = TorchvizStatements.of(SampleGraphs.mlp(1));

    assertThatThrownBy(() -> new HtmlWriter().html(other, seedLayout))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("lay out the same graph");
    assertThatThrownBy(() -> new HtmlWriter().html(TorchvizStatements.of(SampleGraphs.seed()), seedLayout, -1))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("negative");
  }

  private static String sha256(String text) throws Exception {
    return "sha256-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}

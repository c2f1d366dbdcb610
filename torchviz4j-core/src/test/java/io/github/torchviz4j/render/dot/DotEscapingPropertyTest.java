package io.github.torchviz4j.render.dot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.HostileNames;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * DOT escaping, proved against Graphviz's own parser: for random names used as parameter and
 * function names, {@code dot -Tcanon} accepts the text and every label reads back as the name.
 * Characters DOT cannot carry (NUL, unpaired surrogates) read back as U+FFFD ({@link
 * DotWriter#quote}). Each try batches its names into one graph: one {@code dot} run per try.
 */
class DotEscapingPropertyTest {

  @Provide
  Arbitrary<String> names() {
    return HostileNames.names();
  }

  @AddLifecycleHook(GraphvizCanon.NeedsDot.class)
  @Property(tries = 40, seed = "20261127")
  void everyLabelReadsBackThroughGraphviz(@ForAll @Size(min = 1, max = 16) List<@From("names") String> names) {
    assertRoundTrip(names);
  }

  @AddLifecycleHook(GraphvizCanon.NeedsDot.class)
  @Example
  void theCatalogueReadsBackThroughGraphviz() {
    assertRoundTrip(new ArrayList<>(HostileNames.catalogue().values()));
  }

  @AddLifecycleHook(GraphvizCanon.NeedsDot.class)
  @Example
  void runsLongerThanGraphvizsScannerBufferAreSplitAndJoinedAgain() {
    // 10,000 CJK chars are 30 KB of UTF-8 between two quotes; Graphviz 2.43 reads at most 16 KB.
    // One node per graph: Graphviz's layout refuses nodes this wide side by side.
    for (String name : List.of("日".repeat(10_000), "😀".repeat(5_000), "y".repeat(10_000),
        "é".repeat(DotWriter.MAX_RUN + 1))) {
      String source = new DotWriter().source(new Graph(List.of(Node.function("f0", name)), List.of(), List.of()));
      GraphvizCanon.Result result = GraphvizCanon.run(source);
      assertThat(result.exitCode()).as("dot -Tcanon exit code; stderr: %s", result.errors()).isZero();
      assertThat(GraphvizCanon.labelText(GraphvizCanon.nodeAttributes(result.canon()).get("f0").get("label")))
          .isEqualTo(name);
    }
  }

  @AddLifecycleHook(GraphvizCanon.NeedsDot.class)
  @Example
  void aNewlineBetweenEscapesSurvivesGraphviz243() {
    // Graphviz 2.43 drops the raw newline in "\\<newline>\\"; the writer uses its \n escape there.
    assertThat(DotWriter.quoteLabel("\\\n\\")).isEqualTo("\"\\\\\\n\\\\\"");
    assertThat(DotWriter.quoteLabel("a\n\\")).isEqualTo("\"a\n\\\\\"");
    assertRoundTrip(List.of("\\\n\\", "\"\n\"", "\\\n\n\\", "\\\n\"x\n", "x\n\\\ny"));
  }

  @Example
  void shortNamesAreQuotedExactlyAsPythonGraphvizQuotesThem() {
    assertThat(DotWriter.quote("layer1.weight")).isEqualTo("\"layer1.weight\"");
    assertThat(DotWriter.quote("AddmmBackward0")).isEqualTo("AddmmBackward0");
    assertThat(DotWriter.quote("say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\n\"");
    assertThat(DotWriter.quote("w".repeat(DotWriter.MAX_RUN))).isEqualTo("w".repeat(DotWriter.MAX_RUN));
    assertThat(DotWriter.quote("w".repeat(DotWriter.MAX_RUN + 1)))
        .isEqualTo("\"" + "w".repeat(DotWriter.MAX_RUN) + "\\\nw\"");
  }

  private static void assertRoundTrip(List<String> names) {
    Graph graph = HostileNames.graph(names);
    String source = new DotWriter().source(graph);
    GraphvizCanon.Result result = GraphvizCanon.run(source);

    assertThat(result.exitCode()).as("dot -Tcanon exit code; stderr: %s", result.errors()).isZero();
    assertThat(result.errors()).as("dot's warnings").isEmpty();
    Map<String, Map<String, String>> nodes = GraphvizCanon.nodeAttributes(result.canon());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      assertThat(GraphvizCanon.labelText(nodes.get("p" + i).get("label")))
          .as("tensor label %d", i).isEqualTo(carried(HostileNames.tensorLabel(name)));
      assertThat(GraphvizCanon.labelText(nodes.get("f" + i).get("label")))
          .as("function label %d", i).isEqualTo(carried(name));
    }
  }

  /** The text as DOT carries it: NUL and unpaired surrogates become U+FFFD. */
  static String carried(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(codePoint -> out.appendCodePoint(
        codePoint == 0 || Character.getType(codePoint) == Character.SURROGATE ? 0xFFFD : codePoint));
    return out.toString();
  }
}

package io.github.torchviz4j;

import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Names a user might give a parameter or a custom autograd function, chosen to break writers:
 * markup, escapes, control characters, bidirectional text, emoji, unpaired surrogates, 10,000
 * characters. Used as tensor names and as function names.
 */
public final class HostileNames {
  private HostileNames() {}

  /** The shape every hostile tensor gets: its label is {@code name + "\n (2, 3)"}. */
  public static final List<Long> SHAPE = List.of(2L, 3L);

  /** Pieces that are special to DOT, XML, HTML, JSON, JavaScript, Graphviz labels or fonts. */
  private static final List<String> PIECES = List.of(
      "\"", "\\", "\\\"", "\"\\", "\n", "\r", "\r\n", "\t", "<", ">", "&", "{", "}", "'", "`",
      "\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f", "\u0085",
      "\u009f", "\u00a0", "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
      "\u2069", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe", "\uffff",
      "\ud800", "\udbff", "\udc00", "\udfff", "\udc00\ud800",
      "שלום", "مرحبا", "日本語", "é", "e\u0301", "😀", "👩‍👩‍👧", "🇯🇵", "𝔘",
      "\\n", "\\l", "\\r", "\\N", "\\G", "\\E", "\\T", "\\H", "\\L", "\\\n", "\\\\",
      "<b>", "</script>", "</SCRIPT ", "<!--", "-->", "]]>", "<![CDATA[", "&amp;", "&#0;", "&lt;",
      "${x}", "%s", "%n", "{{x}}", "\\u003c", "<<>>", "->", "--", ";", "[", "]", "=", ",",
      "digraph", "node", "edge", "subgraph", "strict", "graph");

  /**
   * Named hard cases, for catalogue tests.
   *
   * @return case name to text, in a stable order
   */
  public static Map<String, String> catalogue() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("empty", "");
    cases.put("quotes", "say \"hi\" 'there'");
    cases.put("backslashes", "a\\b\\\\c\\");
    cases.put("graphviz escapes", "\\N \\G \\l \\n \\r \\E");
    cases.put("newlines", "line1\nline2\r\nline3\rline4\n");
    cases.put("markup", "<b>bold</b> & <i>x</i> &amp; &lt;");
    cases.put("script end", "</script><script>alert(1)</script><!--");
    cases.put("braces", "{}{{}}[];=,->");
    cases.put("control characters", "nul\u0000 bel\u0007 esc\u001b del\u007f c1\u0085\u009f");
    cases.put("right to left", "\u202eevil.exe שלום مرحبا \u200f\u2066x\u2069");
    cases.put("emoji", "😀 👩‍👩‍👧 🇯🇵 𝔘");
    cases.put("unpaired surrogates", "hi\ud800 lo\udc00 swapped\udc00\ud800 end\udbff");
    cases.put("noncharacters", "\ufffe\uffff\ufeff\u2028\u2029");
    cases.put("dot keyword", "digraph");
    cases.put("long ascii", "w".repeat(10_000));
    cases.put("long mixed", ("layer<\"&\\\n😀é".repeat(1_000)).substring(0, 10_000));
    return cases;
  }

  /**
   * Random names: mostly short mixes of hostile pieces, arbitrary UTF-16 and letters; sometimes
   * long ones up to 10,000 chars.
   *
   * @return the arbitrary
   */
  public static Arbitrary<String> names() {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(PIECES)),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(6)),
        Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars('.', '_').ofMaxLength(10)));
    Arbitrary<String> shortNames = piece.list().ofMaxSize(12).map(parts -> String.join("", parts));
    Arbitrary<String> longNames = piece.list().ofMinSize(1).ofMaxSize(20)
        .map(parts -> String.join("", parts))
        .filter(unit -> !unit.isEmpty())
        .flatMap(unit -> Arbitraries.integers().between(1_000, 10_000).map(length -> repeatTo(unit, length)));
    Arbitrary<String> longRuns = Arbitraries.strings().all().ofMinLength(5_000).ofMaxLength(10_000);
    return Arbitraries.frequencyOf(
        Tuple.of(20, shortNames), Tuple.of(1, longNames), Tuple.of(1, longRuns));
  }

  /** {@code unit} repeated and cut to {@code length} chars. */
  private static String repeatTo(String unit, int length) {
    return unit.repeat(length / unit.length() + 1).substring(0, length);
  }

  /**
   * A graph that uses every name twice, as a parameter and as a function: for name {@code i}, the
   * leaf tensor {@code p<i>} named it (shape {@link #SHAPE}), its {@code AccumulateGrad a<i>} and a
   * function {@code f<i>} named it, all feeding one {@code SumBackward0} and the output {@code y}.
   *
   * @param names the names
   * @return the graph
   */
  public static Graph graph(List<String> names) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    nodes.add(Node.tensor("y", "", List.of()));
    nodes.add(Node.function("sum", "SumBackward0"));
    edges.add(new Edge("sum", "y", EdgeKind.OUTPUT));
    for (int i = 0; i < names.size(); i++) {
      nodes.add(Node.tensor("p" + i, names.get(i), SHAPE));
      nodes.add(Node.function("a" + i, "AccumulateGrad"));
      nodes.add(Node.function("f" + i, names.get(i)));
      edges.add(new Edge("p" + i, "a" + i, EdgeKind.LEAF));
      edges.add(new Edge("a" + i, "f" + i, EdgeKind.INPUT));
      edges.add(new Edge("f" + i, "sum", EdgeKind.INPUT));
    }
    return new Graph(nodes, edges, List.of("y"));
  }

  /**
   * The label torchviz gives the tensor named {@code name} in {@link #graph}.
   *
   * @param name the name
   * @return {@code name + "\n (2, 3)"}
   */
  public static String tensorLabel(String name) {
    return name + "\n (2, 3)";
  }
}

package io.github.torchviz4j.render.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.layout.elk.ElkLayoutEngine;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfWriterTest {

  private static byte[] render(Graph graph) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PdfWriter().write(graph, RenderOptions.defaults(), out);
    return out.toByteArray();
  }

  @Test
  void labelsAreRealTextInTheEmbeddedFont() throws IOException {
    try (PDDocument document = Loader.loadPDF(render(SampleGraphs.seed()))) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("layer1.weight", "layer1.bias", "(1, 2)", "(1, 1)", "AddmmBackward0",
          "TanhBackward0", "TBackward0", "AccumulateGrad");
      PDPage page = document.getPage(0);
      PDFont font = page.getResources().getFont(page.getResources().getFontNames().iterator().next());
      assertThat(font.getName()).contains("DejaVuSansMono");
      assertThat(font.isEmbedded()).isTrue();
    }
  }

  @Test
  void thePageIsTheDrawingsSize() throws IOException {
    Layout layout = new ElkLayoutEngine().layout(SampleGraphs.seed(), LayoutOptions.defaults());
    try (PDDocument document = Loader.loadPDF(render(SampleGraphs.seed()))) {
      assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo((float) layout.width(), within(0.01f));
      assertThat(document.getPage(0).getMediaBox().getHeight()).isCloseTo((float) layout.height(), within(0.01f));
    }
  }

  @Test
  void awkwardNamesKeepWhatTheFontCanShow() throws IOException {
    try (PDDocument document = Loader.loadPDF(render(SampleGraphs.special()))) {
      String text = new PDFTextStripper().getText(document);
      // 中 has no glyph in DejaVu Sans Mono: it is drawn as '?', everything else as given.
      assertThat(text).contains("w<1>&\"é\"?", "next", "(4, 6)", "()", "self");
    }
  }

  @Test
  void aTallGraphIsScaledOntoAPageOfAtMost14400Points() throws IOException {
    Layout layout = new ElkLayoutEngine().layout(SampleGraphs.chain(2_000), LayoutOptions.defaults());
    assertThat(layout.height()).isGreaterThan(100_000);
    try (PDDocument document = Loader.loadPDF(render(SampleGraphs.chain(2_000)))) {
      float width = document.getPage(0).getMediaBox().getWidth();
      float height = document.getPage(0).getMediaBox().getHeight();
      assertThat(height).isCloseTo(14_400f, within(0.01f));
      assertThat(width).isLessThanOrEqualTo(14_400f);
      assertThat((double) height / width).isCloseTo(layout.height() / layout.width(),
          org.assertj.core.api.Assertions.withinPercentage(0.1));
      assertThat(new PDFTextStripper().getText(document)).contains("SumBackward0");
    }
  }

  @Test
  void outputIsDeterministic() throws IOException {
    assertThat(Arrays.equals(render(SampleGraphs.special()), render(SampleGraphs.special())))
        .as("same bytes for the same graph").isTrue();
  }

  @Test
  void theStreamIsLeftOpen() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    new PdfWriter().write(SampleGraphs.seed(), RenderOptions.defaults(), out);
    assertThat(closed[0]).isFalse();
    assertThat(out.size()).isPositive();
  }

  @Test
  void aDiffsMarksAreStrokedInTheirColoursAndRemovedOnesDashed() throws IOException {
    Graph before = SampleGraphs.mlp(2);
    Graph shorter = new Graph(before.nodes().stream().filter(n -> !n.id().equals(firstRelu(before))).toList(),
        bypass(before, firstRelu(before)), before.outputs(), before.modules());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PdfWriter().write(io.github.torchviz4j.render.Scene.of(
        io.github.torchviz4j.diff.GraphDiff.of(before, shorter), RenderOptions.defaults()), out);

    // Each operator with its numeric operands: "RG 214 39 40" strokes in RGB, "d [5, 3]" dashes.
    java.util.List<String> operations = new java.util.ArrayList<>();
    java.util.List<String> operands = new java.util.ArrayList<>();
    try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
      org.apache.pdfbox.pdfparser.PDFStreamParser parser =
          new org.apache.pdfbox.pdfparser.PDFStreamParser(document.getPage(0));
      for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
        if (token instanceof org.apache.pdfbox.contentstream.operator.Operator operator) {
          operations.add(operator.getName() + " " + String.join(" ", operands));
          operands.clear();
        } else if (token instanceof org.apache.pdfbox.cos.COSNumber number) {
          operands.add(String.valueOf(Math.round(number.floatValue() * 255)));
        } else if (token instanceof org.apache.pdfbox.cos.COSArray array) {
          operands.add(array.toFloatArray().length == 0 ? "[]" : Arrays.toString(array.toFloatArray()));
        }
      }
    }
    int red = io.github.torchviz4j.drawing.Mark.REMOVED.borderRgb();
    assertThat(operations).as("a red stroke for the removed ReLU and its edges")
        .contains("RG " + ((red >> 16) & 0xff) + " " + ((red >> 8) & 0xff) + " " + (red & 0xff));
    assertThat(operations).as("removed borders and edges are dashed 5, 3").contains("d [5.0, 3.0] 0");
  }

  private static String firstRelu(Graph graph) {
    return graph.nodes().stream().filter(n -> n.name().equals("ReluBackward0")).findFirst().orElseThrow().id();
  }

  /** The edges without a node's, its input joined to its consumers. */
  private static java.util.List<io.github.torchviz4j.graph.Edge> bypass(Graph graph, String id) {
    String input = graph.incoming(id).get(0).tail();
    java.util.List<io.github.torchviz4j.graph.Edge> edges = new java.util.ArrayList<>();
    for (io.github.torchviz4j.graph.Edge edge : graph.edges()) {
      if (edge.tail().equals(id)) {
        edges.add(new io.github.torchviz4j.graph.Edge(input, edge.head(), edge.kind(), edge.name(), edge.shape()));
      } else if (!edge.head().equals(id)) {
        edges.add(edge);
      }
    }
    return edges;
  }
}

package io.github.torchviz4j.render.pdf;

import io.github.torchviz4j.drawing.Mark;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.layout.BundledFont;
import io.github.torchviz4j.layout.ClusterLayout;
import io.github.torchviz4j.layout.EdgeLabel;
import io.github.torchviz4j.layout.EdgeLayout;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.Point;
import io.github.torchviz4j.layout.TextLine;
import io.github.torchviz4j.layout.TextMetrics;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.Scene;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws a graph as a one-page PDF with the embedded ELK layout and PDFBox; needs nothing
 * installed. Labels are real text in the embedded (subset) DejaVu Sans Mono, so they can be
 * searched and copied. Stateless and thread-safe.
 *
 * <p>The page is the drawing's size in points, scaled down uniformly when a side would exceed
 * {@value #MAX_PAGE_SIDE} pt, the largest page PDF viewers accept. Characters the font lacks are
 * drawn as {@link BundledFont#REPLACEMENT}.
 *
 * <pre>{@code
 * new PdfWriter().write(graph, RenderOptions.defaults(), out);
 * }</pre>
 */
public final class PdfWriter implements GraphWriter {
  /** The largest page side PDF allows (200 in), in points. */
  public static final double MAX_PAGE_SIDE = 14_400;

  private static final float[] DOTTED = {1f, 5f};
  private static final float[] DASHED = {5f, 2f};

  /** Creates the writer. */
  public PdfWriter() {
    // stateless
  }

  @Override
  public Format format() {
    return Format.PDF;
  }

  @Override
  public void write(Scene scene, OutputStream out) throws IOException {
    Checks.notNull(scene, "scene");
    Checks.notNull(out, "output stream");
    write(scene.layout(Format.PDF), out);
  }

  /**
   * Writes a layout as a PDF document. Does not close the stream.
   *
   * @param layout a computed layout
   * @param out where the PDF goes
   * @throws IOException if writing fails
   */
  public void write(Layout layout, OutputStream out) throws IOException {
    double scale = scale(layout.width(), layout.height());
    // A page must be at least 3 x 3 units; an empty graph still gets a valid page.
    float pageWidth = (float) Math.max(3, layout.width() * scale);
    float pageHeight = (float) Math.max(3, layout.height() * scale);
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle(pageWidth, pageHeight));
      document.addPage(page);
      PDType0Font font;
      try (InputStream in = BundledFont.open()) {
        font = PDType0Font.load(document, in, true);
      }
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.setNonStrokingColor(1f, 1f, 1f);
        content.addRect(0, 0, pageWidth, pageHeight);
        content.fill();
        // From here on draw in layout points; Painter flips y, as PDF's y grows upwards.
        content.transform(new Matrix((float) scale, 0, 0, (float) scale, 0, 0));
        Painter painter = new Painter(content, font, layout);
        for (ClusterLayout cluster : layout.clusters()) {
          painter.cluster(cluster);
        }
        for (EdgeLayout edge : layout.edges()) {
          painter.edge(edge);
        }
        for (NodeLayout node : layout.nodes()) {
          painter.node(node);
        }
        for (EdgeLabel label : layout.edgeLabels()) {
          painter.edgeLabel(label);
        }
      }
      // PDFBox derives the file identifier from the clock unless given a seed: fix it, so the same
      // graph always gives the same bytes.
      document.setDocumentId(0L);
      document.save(new KeepOpen(out));
    }
    out.flush();
  }

  /**
   * The uniform scale that keeps both page sides within {@value #MAX_PAGE_SIDE} pt.
   *
   * @param width drawing width in points
   * @param height drawing height in points
   * @return 1, or less for drawings larger than a PDF page can be
   */
  public static double scale(double width, double height) {
    double largest = Math.max(width, height);
    return largest <= MAX_PAGE_SIDE ? 1 : MAX_PAGE_SIDE / largest;
  }

  /** Draws one layout on one content stream, in layout coordinates. Single use. */
  private static final class Painter {
    private final PDPageContentStream content;
    private final PDType0Font font;
    private final TextMetrics metrics;
    private final float height;
    private final float fontSize;
    private final Map<Integer, Boolean> showable = new HashMap<>();

    Painter(PDPageContentStream content, PDType0Font font, Layout layout) {
      this.content = content;
      this.font = font;
      this.metrics = TextMetrics.of(layout.fontSize());
      this.height = (float) layout.height();
      this.fontSize = (float) layout.fontSize();
    }

    void cluster(ClusterLayout cluster) throws IOException {
      content.setStrokingColor(0.5f, 0.5f, 0.5f);
      content.setLineWidth(1f);
      content.setLineDashPattern(DASHED, 0);
      content.addRect((float) cluster.box().x(), y(cluster.box().maxY()), (float) cluster.box().width(),
          (float) cluster.box().height());
      content.stroke();
      String text = showable(cluster.label());
      if (!text.isEmpty()) {
        content.setNonStrokingColor(0.25f, 0.25f, 0.25f);
        content.beginText();
        content.setFont(font, fontSize);
        content.setTextMatrix(Matrix.getTranslateInstance(
            (float) (cluster.box().x() + ClusterLayout.PADDING), y(cluster.labelBaseline())));
        content.showText(text);
        content.endText();
      }
    }

    void edge(EdgeLayout edge) throws IOException {
      edgeStyle(edge);
      polyline(edge.path());
      content.stroke();
      if (!edge.arrowhead().isEmpty()) {
        content.setLineWidth(1f);
        content.setLineDashPattern(new float[0], 0);
        polyline(edge.arrowhead());
        content.closePath();
        content.fillAndStroke();
      }
    }

    void node(NodeLayout node) throws IOException {
      int rgb = node.fill();
      content.setNonStrokingColor(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f,
          (rgb & 0xff) / 255f);
      border(node.mark());
      content.addRect((float) node.box().x(), y(node.box().maxY()), (float) node.box().width(),
          (float) node.box().height());
      content.fillAndStroke();
      setColour(node.mark().textRgb(), false);
      for (TextLine line : node.lines()) {
        String text = showable(line.text());
        if (text.isEmpty()) {
          continue;
        }
        content.beginText();
        content.setFont(font, fontSize);
        content.setTextMatrix(Matrix.getTranslateInstance(
            (float) (line.centerX() - metrics.width(text) / 2), y(line.baseline())));
        content.showText(text);
        content.endText();
      }
    }

    /** An edge label (a backward pass's gradient) on white, painted after everything else. */
    void edgeLabel(EdgeLabel label) throws IOException {
      content.setNonStrokingColor(1f, 1f, 1f);
      content.addRect((float) label.box().x(), y(label.box().maxY()), (float) label.box().width(),
          (float) label.box().height());
      content.fill();
      int rgb = EdgeLabel.COLOR;
      content.setNonStrokingColor(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f);
      String text = showable(label.line().text());
      content.beginText();
      content.setFont(font, fontSize);
      content.setTextMatrix(Matrix.getTranslateInstance(
          (float) (label.line().centerX() - metrics.width(text) / 2), y(label.line().baseline())));
      content.showText(text);
      content.endText();
    }

    /** A node's border: black, or its mark's colour, width and dash. */
    private void border(Mark mark) throws IOException {
      setColour(mark.isMarked() ? mark.borderRgb() : 0, true);
      content.setLineWidth((float) mark.borderWidth());
      content.setLineDashPattern(mark.dashed() ? markDash() : new float[0], 0);
    }

    /** An edge's stroke and arrowhead fill: black (view edges dotted), or its mark's colour, width and dash. */
    private void edgeStyle(EdgeLayout edge) throws IOException {
      Mark mark = edge.mark();
      int rgb = mark.isMarked() ? mark.edgeRgb() : 0;
      setColour(rgb, true);
      setColour(rgb, false);
      content.setLineWidth((float) mark.edgeWidth());
      content.setLineDashPattern(edge.dotted() ? DOTTED : mark.dashed() ? markDash() : new float[0], 0);
    }

    private static float[] markDash() {
      return new float[] {(float) Mark.DASH_ON, (float) Mark.DASH_OFF};
    }

    private void setColour(int rgb, boolean stroking) throws IOException {
      float red = ((rgb >> 16) & 0xff) / 255f;
      float green = ((rgb >> 8) & 0xff) / 255f;
      float blue = (rgb & 0xff) / 255f;
      if (stroking) {
        content.setStrokingColor(red, green, blue);
      } else {
        content.setNonStrokingColor(red, green, blue);
      }
    }

    /**
     * The text as the embedded font can show it: {@link BundledFont#displayable}, and also every
     * character PDFBox finds no glyph for replaced, such as format characters (U+200D, U+202E,
     * U+2028) that Java reports as displayable but the font file has no glyph for.
     */
    private String showable(String text) {
      String displayable = BundledFont.displayable(text);
      StringBuilder out = new StringBuilder(displayable.length());
      displayable.codePoints().forEach(codePoint -> out.appendCodePoint(
          showable.computeIfAbsent(codePoint, this::hasGlyph) ? codePoint : BundledFont.REPLACEMENT));
      return out.toString();
    }

    private boolean hasGlyph(int codePoint) {
      try {
        font.encode(new String(Character.toChars(codePoint)));
        return true;
      } catch (IllegalArgumentException | IllegalStateException | IOException e) {
        return false;
      }
    }

    private void polyline(List<Point> points) throws IOException {
      content.moveTo((float) points.get(0).x(), y(points.get(0).y()));
      for (int i = 1; i < points.size(); i++) {
        content.lineTo((float) points.get(i).x(), y(points.get(i).y()));
      }
    }

    private float y(double layoutY) {
      return (float) (height - layoutY);
    }
  }

  /** PDFBox may close the stream it saves to; the caller owns ours. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

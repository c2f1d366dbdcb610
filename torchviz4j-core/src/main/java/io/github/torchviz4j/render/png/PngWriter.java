package io.github.torchviz4j.render.png;

import io.github.torchviz4j.Torchviz4jException;
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
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws a graph as PNG with the embedded ELK layout and Java2D, in the bundled font; needs nothing
 * installed and works headless. Stateless and thread-safe.
 *
 * <p>The image is {@code ceil(layout size x pixelsPerPoint)} pixels (96 dpi by default) unless
 * that exceeds {@link RenderOptions#maxPixels()}; then the whole picture is scaled down to fit.
 * Characters the font lacks are drawn as {@link BundledFont#REPLACEMENT}.
 *
 * <pre>{@code
 * new PngWriter().write(graph, RenderOptions.defaults(), out);
 * }</pre>
 */
public final class PngWriter implements GraphWriter {
  private static final Stroke SOLID = new BasicStroke(1f);
  private static final Stroke DASHED =
      new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 2f}, 0f);
  private static final Stroke DOTTED =
      new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {1f, 5f}, 0f);

  /** Creates the writer. */
  public PngWriter() {
    // stateless
  }

  @Override
  public Format format() {
    return Format.PNG;
  }

  @Override
  public void write(Scene scene, OutputStream out) throws IOException {
    Checks.notNull(scene, "scene");
    Checks.notNull(out, "output stream");
    writePng(image(scene.layout(Format.PNG), scene.options()), out);
  }

  /**
   * Writes a layout computed beforehand as PNG, so that a caller that needs the layout (e.g. for
   * {@link #scale}) lays the graph out once.
   *
   * @param layout a computed layout
   * @param options the resolution and pixel cap
   * @param out the stream; not closed
   * @throws IOException if writing fails
   */
  public void write(Layout layout, RenderOptions options, OutputStream out) throws IOException {
    Checks.notNull(layout, "layout");
    Checks.notNull(options, "render options");
    Checks.notNull(out, "output stream");
    writePng(image(layout, options), out);
  }

  /**
   * How much the pixel cap shrinks a layout's PNG against {@link RenderOptions#pixelsPerPoint()}.
   *
   * @param layout a computed layout
   * @param options the resolution and pixel cap
   * @return 1 when the picture fits, else the factor (below 0.5 labels become hard to read)
   */
  public static double scale(Layout layout, RenderOptions options) {
    PixelSize size = PixelSize.fit(layout.width(), layout.height(), options.pixelsPerPoint(), options.maxPixels());
    return Math.min(1, size.pixelsPerPoint() / options.pixelsPerPoint());
  }

  /**
   * Paints a layout.
   *
   * @param layout a computed layout
   * @param options the resolution and pixel cap
   * @return an RGB image, white background
   */
  public BufferedImage image(Layout layout, RenderOptions options) {
    PixelSize size = PixelSize.fit(layout.width(), layout.height(), options.pixelsPerPoint(),
        options.maxPixels());
    BufferedImage image = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size.width(), size.height());
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.scale(size.pixelsPerPoint(), size.pixelsPerPoint());
      g.setFont(BundledFont.awt((float) layout.fontSize()));
      for (ClusterLayout cluster : layout.clusters()) {
        paintCluster(g, cluster);
      }
      for (EdgeLayout edge : layout.edges()) {
        paintEdge(g, edge);
      }
      TextMetrics metrics = TextMetrics.of(layout.fontSize());
      for (NodeLayout node : layout.nodes()) {
        paintNode(g, node, metrics);
      }
      paintEdgeLabels(g, layout, metrics);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void paintCluster(Graphics2D g, ClusterLayout cluster) {
    g.setColor(Color.GRAY);
    g.setStroke(DASHED);
    g.draw(new Rectangle2D.Double(cluster.box().x(), cluster.box().y(), cluster.box().width(),
        cluster.box().height()));
    g.setColor(Color.DARK_GRAY);
    g.drawString(BundledFont.displayable(cluster.label()),
        (float) (cluster.box().x() + ClusterLayout.PADDING), (float) cluster.labelBaseline());
  }

  private static void paintEdge(Graphics2D g, EdgeLayout edge) {
    g.setColor(edge.mark().isMarked() ? new Color(edge.mark().edgeRgb()) : Color.BLACK);
    Stroke stroke = edgeStroke(edge);
    g.setStroke(stroke);
    if (stroke instanceof BasicStroke solid && solid.getDashArray() == null) {
      strokeSegments(g, edge.path());
    } else {
      g.draw(polyline(edge.path(), false));   // one path, so that dashes run on round corners
    }
    if (!edge.arrowhead().isEmpty()) {
      g.setStroke(SOLID);
      Path2D head = polyline(edge.arrowhead(), true);
      g.fill(head);
      g.draw(head);
    }
  }

  private static void paintNode(Graphics2D g, NodeLayout node, TextMetrics metrics) {
    Rectangle2D box = new Rectangle2D.Double(node.box().x(), node.box().y(), node.box().width(),
        node.box().height());
    g.setColor(new Color(node.fill()));
    g.fill(box);
    paintBorder(g, box, node.mark());
    g.setColor(new Color(node.mark().textRgb()));
    for (TextLine line : node.lines()) {
      String text = BundledFont.displayable(line.text());
      if (!text.isEmpty()) {
        double left = line.centerX() - metrics.width(text) / 2;
        g.drawString(text, (float) left, (float) line.baseline());
        underscores(g, text, left, line.baseline(), metrics);
      }
    }
  }

  /** Edge labels (a backward pass's gradients) on white, last so that no edge crosses them. */
  private static void paintEdgeLabels(Graphics2D g, Layout layout, TextMetrics metrics) {
    Color color = new Color(EdgeLabel.COLOR);
    for (EdgeLabel label : layout.edgeLabels()) {
      g.setColor(Color.WHITE);
      g.fill(new Rectangle2D.Double(label.box().x(), label.box().y(), label.box().width(), label.box().height()));
      String text = BundledFont.displayable(label.line().text());
      g.setColor(color);
      g.drawString(text, (float) (label.line().centerX() - metrics.width(text) / 2), (float) label.line().baseline());
    }
  }

  /** A node's border: black, or its mark's colour, width and dash. */
  private static void paintBorder(Graphics2D g, Rectangle2D box, Mark mark) {
    g.setColor(mark.isMarked() ? new Color(mark.borderRgb()) : Color.BLACK);
    g.setStroke(mark.borderWidth() == 1 && !mark.dashed() ? SOLID : markStroke(mark.borderWidth(), mark.dashed()));
    g.draw(box);
  }

  /** An edge's stroke: solid (view edges dotted), or its mark's width and dash. */
  private static Stroke edgeStroke(EdgeLayout edge) {
    if (edge.dotted()) {
      return DOTTED;
    }
    Mark mark = edge.mark();
    return mark.edgeWidth() == 1 && !mark.dashed() ? SOLID : markStroke(mark.edgeWidth(), mark.dashed());
  }

  private static Stroke markStroke(double width, boolean dashed) {
    return dashed
        ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {(float) Mark.DASH_ON, (float) Mark.DASH_OFF}, 0f)
        : new BasicStroke((float) width);
  }

  /**
   * Draws each underscore again as a bar at least one pixel high on a whole pixel row. The glyph's
   * bar is 0.04 em thick (half a pixel at 96 dpi): antialiased over two rows it came out pale, and
   * in downscaled pictures it vanished, where Graphviz's hinted text keeps it one pixel high.
   */
  private static void underscores(Graphics2D g, String text, double left, double baseline, TextMetrics metrics) {
    if (text.indexOf('_') < 0) {
      return;
    }
    Rectangle2D glyph = g.getFont().createGlyphVector(g.getFontRenderContext(), "_").getVisualBounds();
    double scale = g.getTransform().getScaleY();
    double translate = g.getTransform().getTranslateY();
    // The pixel row that holds the glyph bar's centre.
    double top = (Math.floor((baseline + glyph.getCenterY()) * scale + translate) - translate) / scale;
    double height = Math.max(1, Math.round(glyph.getHeight() * scale)) / scale;
    for (int i = text.indexOf('_'); i >= 0; i = text.indexOf('_', i + 1)) {
      double x = left + metrics.width(text.substring(0, i)) + glyph.getX();
      g.fill(new Rectangle2D.Double(x, top, glyph.getWidth(), height));
    }
  }

  /**
   * Strokes a solid route one segment at a time. Java2D's antialiasing walks every tile of a
   * shape's bounding box, and an orthogonal route down a tall picture (a shared weight's trunk, a
   * fan-in's side bus) has a box nearly as big as the picture, where each segment's is thin: a
   * 300-step RNN's PNG took 10 s to stroke its edges as whole paths. The pixels are the same but
   * at corners, where the segments' square caps overlap.
   */
  private static void strokeSegments(Graphics2D g, List<Point> points) {
    Line2D.Double segment = new Line2D.Double();
    for (int i = 1; i < points.size(); i++) {
      segment.setLine(points.get(i - 1).x(), points.get(i - 1).y(), points.get(i).x(), points.get(i).y());
      g.draw(segment);
    }
  }

  private static Path2D polyline(List<Point> points, boolean closed) {
    Path2D.Double path = new Path2D.Double();
    path.moveTo(points.get(0).x(), points.get(0).y());
    for (int i = 1; i < points.size(); i++) {
      path.lineTo(points.get(i).x(), points.get(i).y());
    }
    if (closed) {
      path.closePath();
    }
    return path;
  }

  /**
   * Encodes an image as PNG, through a memory cache; the stream stays open. Every PNG this
   * library writes goes through here.
   *
   * @param image the picture
   * @param out where the bytes go; flushed, not closed
   * @throws IOException if writing fails, naming the device's failure (e.g. a full disk)
   * @throws Torchviz4jException if the Java runtime has no PNG encoder
   */
  public static void writePng(BufferedImage image, OutputStream out) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new Torchviz4jException("this Java runtime has no PNG encoder (javax.imageio);"
          + " use a full JDK/JRE with the java.desktop module");
    }
    ImageWriter writer = writers.next();
    // A memory cache, not ImageIO's default temporary file, and the caller's stream stays open.
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(image);
    } catch (IIOException e) {
      // ImageIO says only "I/O error writing PNG file!": name the device's failure, e.g. a full disk.
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw new IOException("writing the PNG failed: " + cause.getMessage(), e);
      }
      throw e;
    } finally {
      writer.dispose();
    }
    out.flush();
  }
}

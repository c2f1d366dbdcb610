package io.github.torchviz4j.render.flow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.drawing.GradientFlow;
import io.github.torchviz4j.drawing.GradientFlow.Row;
import io.github.torchviz4j.drawing.GradientScale;
import io.github.torchviz4j.internal.OutputFiles;
import io.github.torchviz4j.internal.Thousands;
import io.github.torchviz4j.layout.BundledFont;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.png.PngWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link GradientFlow}: as JSON, or as a bar chart (one row per module, mean and largest
 * gradient norm on a log scale, modules with missing, zero, NaN or Inf gradients in red). Stateless.
 *
 * <pre>{@code
 * GradientFlowWriter.save(GradientFlow.of(graph), Path.of("grad-flow.png"));
 * }</pre>
 */
public final class GradientFlowWriter {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int ROW = 18;
  private static final int LABEL_WIDTH = 260;
  private static final int BAR_WIDTH = 420;
  private static final int MARGIN = 12;

  private GradientFlowWriter() {}

  /**
   * Writes the summary to a file, as JSON ({@code .json}) or a chart ({@code .png}), atomically.
   *
   * @param flow the summary
   * @param path ending in {@code .json} or {@code .png}
   * @return {@code path}
   * @throws IOException if writing fails
   */
  public static Path save(GradientFlow flow, Path path) throws IOException {
    Format format = Format.fromPath(path);
    if (format == Format.JSON) {
      byte[] json = json(flow).getBytes(StandardCharsets.UTF_8);
      OutputFiles.write(path, out -> out.write(json));
    } else if (format == Format.PNG) {
      BufferedImage chart = chart(flow);
      OutputFiles.write(path, out -> PngWriter.writePng(chart, out));
    } else {
      throw new Torchviz4jException("cannot write a gradient flow as " + format + " ('" + path
          + "'); end the file name with .json or .png");
    }
    return path;
  }

  /**
   * The summary as JSON: {@code {"modules":[{"module":..,"parameters":..,"meanNorm":..,"maxNorm":..,"problems":..}]}};
   * norms are null where no parameter of the module has a gradient.
   *
   * @param flow the summary
   * @return the JSON text
   */
  public static String json(GradientFlow flow) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.setPrettyPrinter(new RowPerLine());
      json.writeStartObject();
      json.writeArrayFieldStart("modules");
      for (Row row : flow.rows()) {
        json.writeStartObject();
        json.writeStringField("module", row.module());
        json.writeNumberField("parameters", row.parameters());
        number(json, "meanNorm", row.meanNorm());
        number(json, "maxNorm", row.maxNorm());
        json.writeNumberField("problems", row.problems());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string failed", e);
    }
    return text.append('\n').toString();
  }

  private static void number(JsonGenerator json, String name, double value) throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumberField(name, value);
    } else {
      json.writeNullField(name); // JSON has no NaN or infinity
    }
  }

  /** Compact JSON with one module row per line. */
  private static final class RowPerLine extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      g.writeRaw("\n]");
    }
  }


  /**
   * The chart: a row per module, bars for the mean (dark) and largest (light) gradient norm on a
   * shared log scale.
   *
   * @param flow the summary
   * @return the image
   */
  public static BufferedImage chart(GradientFlow flow) {
    int height = MARGIN * 2 + ROW * (flow.rows().size() + 2);
    BufferedImage image = new BufferedImage(LABEL_WIDTH + BAR_WIDTH + MARGIN * 3, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setFont(BundledFont.awt(11f));
      double[] range = range(flow);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "gradient norm per module, log scale %.1e .. %.1e (dark: mean, light: max)",
          range[0], range[1]), MARGIN, MARGIN + 12);
      int y = MARGIN + ROW * 2;
      for (Row row : flow.rows()) {
        drawRow(g, row, range, y);
        y += ROW;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawRow(Graphics2D g, Row row, double[] range, int y) {
    g.setColor(Color.BLACK);
    String label = (row.module().isEmpty() ? "(root)" : row.module()) + " " + Thousands.grouped(row.parameters());
    g.drawString(BundledFont.displayable(clip(label, g.getFont())), MARGIN, y);
    int x = MARGIN * 2 + LABEL_WIDTH;
    if (row.problems() > 0 || !Double.isFinite(row.maxNorm())) {
      g.setColor(new Color(GradientScale.PROBLEM_RGB));
      g.fillRect(x, y - 11, BAR_WIDTH, 12);
      g.setColor(Color.BLACK);
      g.drawString(row.problems() + " without a usable gradient", x + 4, y);
      return;
    }
    g.setColor(new Color(0x9ecae1));
    g.fillRect(x, y - 11, width(row.maxNorm(), range), 12);
    g.setColor(new Color(0x3182bd));
    g.fillRect(x, y - 8, width(row.meanNorm(), range), 6);
  }

  private static String clip(String label, Font font) {
    int maxChars = LABEL_WIDTH / Math.max(1, Math.round(font.getSize2D() * 0.6f));
    return label.length() <= maxChars ? label : "..." + label.substring(label.length() - maxChars + 3);
  }

  private static int width(double norm, double[] range) {
    double low = Math.log10(range[0]);
    double high = Math.log10(range[1]);
    double t = high <= low ? 1 : (Math.log10(norm) - low) / (high - low);
    return (int) Math.round(8 + Math.max(0, Math.min(1, t)) * (BAR_WIDTH - 8));
  }

  /** The log scale's ends: a decade below the smallest mean and the largest max. */
  private static double[] range(GradientFlow flow) {
    double low = Double.POSITIVE_INFINITY;
    double high = 0;
    for (Row row : flow.rows()) {
      if (Double.isFinite(row.meanNorm()) && row.meanNorm() > 0) {
        low = Math.min(low, row.meanNorm());
        high = Math.max(high, row.maxNorm());
      }
    }
    return high > 0 ? new double[] {low / 10, high} : new double[] {1e-3, 1};
  }
}

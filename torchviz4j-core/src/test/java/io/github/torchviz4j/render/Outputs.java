package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.render.json.MiniJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.w3c.dom.Document;

/** Checks that bytes are a complete, well-formed file of a format, by parsing them. */
public final class Outputs {
  private static final Pattern GRAPH_SCRIPT =
      Pattern.compile("<script type=\"application/json\" id=\"tv-graph\">(.*?)</script>", Pattern.DOTALL);

  private Outputs() {}

  /**
   * Parses the bytes as the format and returns something to look into.
   *
   * @param format the format
   * @param bytes a whole file
   * @return DOT text, a DOM {@link Document}, a {@link BufferedImage}, the PDF's text, the HTML's
   *     graph document or the JSON document
   */
  public static Object parse(Format format, byte[] bytes) {
    try {
      return switch (format) {
        case DOT -> {
          String dot = new String(bytes, StandardCharsets.UTF_8);
          assertThat(dot).startsWith("digraph {\n").endsWith("}\n");
          yield dot;
        }
        case SVG -> xml(bytes);
        case PNG -> {
          BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
          assertThat(image).as("a decodable PNG").isNotNull();
          yield image;
        }
        case PDF -> {
          try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            yield new PDFTextStripper().getText(document);
          }
        }
        case HTML -> {
          String html = new String(bytes, StandardCharsets.UTF_8);
          assertThat(html).startsWith("<!DOCTYPE html>\n").endsWith("</html>\n");
          Matcher graph = GRAPH_SCRIPT.matcher(html);
          assertThat(graph.find()).as("the graph's script element").isTrue();
          yield MiniJson.parse(graph.group(1));
        }
        case JSON -> MiniJson.parse(new String(bytes, StandardCharsets.UTF_8));
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses XML without fetching anything.
   *
   * @param bytes an XML document
   * @return the DOM
   */
  public static Document xml(byte[] bytes) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /**
   * The nodes of a JSON (or HTML graph) document.
   *
   * @param document what {@link #parse} returned for JSON or HTML
   * @return the node objects
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> jsonNodes(Object document) {
    return (List<Map<String, Object>>) ((Map<String, Object>) document).get("nodes");
  }
}

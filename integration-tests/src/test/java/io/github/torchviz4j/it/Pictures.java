package io.github.torchviz4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads pictures back: SVG as XML, PNG as pixels. */
final class Pictures {
  /** Graphviz's fills, as torchviz uses them. */
  static final int LIGHTBLUE = 0xADD8E6;
  static final int DARKOLIVEGREEN1 = 0xCAFF70;
  static final int LIGHTGREY = 0xD3D3D3;
  static final int ORANGE = 0xFFA500;

  private Pictures() {}

  /**
   * Parses an SVG file.
   *
   * @param file the file
   * @return the document, whose root is {@code svg}
   */
  static Document svg(Path file) throws Exception {
    assertThat(file).isNotEmptyFile();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document document = factory.newDocumentBuilder().parse(file.toFile());
    assertThat(document.getDocumentElement().getLocalName()).as("root of %s", file).isEqualTo("svg");
    return document;
  }

  /** @return the text of every {@code text} element, in document order */
  static List<String> texts(Document svg) {
    NodeList nodes = svg.getElementsByTagNameNS("*", "text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  /** @return the {@code g} elements of a class ({@code node}, {@code edge}, {@code cluster}) */
  static List<Element> groups(Document svg, String type) {
    NodeList nodes = svg.getElementsByTagNameNS("*", "g");
    List<Element> groups = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element element = (Element) nodes.item(i);
      if (element.getAttribute("class").equals(type)) {
        groups.add(element);
      }
    }
    return groups;
  }

  /**
   * Decodes a PNG file.
   *
   * @param file the file
   * @return its pixels
   */
  static BufferedImage png(Path file) throws IOException {
    assertThat(file).isNotEmptyFile();
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).as("PNG signature of %s", file).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("%s decodes", file).isNotNull();
    return image;
  }

  /** @return how many pixels have exactly this colour ({@code 0xRRGGBB}) */
  static long pixels(BufferedImage image, int rgb) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          count++;
        }
      }
    }
    return count;
  }
}

package io.github.torchviz4j.render.svg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.HostileNames;
import io.github.torchviz4j.render.Outputs;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SVG escaping: for random names used as parameter and function names the SVG parses as XML, and
 * each node's {@code <text>} elements, one per label line, hold the label. Characters XML cannot
 * hold read back as U+FFFD ({@link Xml}).
 */
class SvgEscapingPropertyTest {

  @Provide
  Arbitrary<String> names() {
    return HostileNames.names();
  }

  @Property(tries = 25, seed = "20261127")
  void everyLabelIsTextOfTheParsedSvg(@ForAll @Size(min = 1, max = 12) List<@From("names") String> names)
      throws IOException {
    assertLabels(names);
  }

  @Example
  void theCatalogueIsTextOfTheParsedSvg() throws IOException {
    assertLabels(new ArrayList<>(HostileNames.catalogue().values()));
  }

  private static void assertLabels(List<String> names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SvgWriter().write(HostileNames.graph(names), RenderOptions.defaults(), out);
    Document svg = Outputs.xml(out.toByteArray());

    Map<String, String> labels = new HashMap<>();
    NodeList groups = svg.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element group = (Element) groups.item(i);
      if (group.getAttribute("class").equals("node")) {
        List<String> lines = new ArrayList<>();
        NodeList texts = group.getElementsByTagName("text");
        for (int j = 0; j < texts.getLength(); j++) {
          lines.add(texts.item(j).getTextContent());
        }
        labels.put(group.getAttribute("data-id"), String.join("\n", lines));
      }
    }
    for (int i = 0; i < names.size(); i++) {
      assertThat(labels.get("p" + i)).as("tensor label %d", i).isEqualTo(xmlCarried(HostileNames.tensorLabel(names.get(i))));
      assertThat(labels.get("f" + i)).as("function label %d", i).isEqualTo(xmlCarried(names.get(i)));
    }
  }

  /** The text as XML 1.0 carries it: forbidden characters become U+FFFD. */
  static String xmlCarried(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
      out.appendCodePoint(allowed ? c : 0xFFFD);
    });
    return out.toString();
  }
}

package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.HostileNames;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.Outputs;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * HTML escaping: for random names the viewer page holds exactly as many {@code <} (and
 * {@code </script}) as the same page for harmless names, so no {@code <} comes from user data, and
 * the embedded graph document reads back every name exactly.
 */
class HtmlEscapingPropertyTest {

  @Provide
  Arbitrary<String> names() {
    return HostileNames.names();
  }

  @Property(tries = 15, seed = "20261127")
  void noUserTextBecomesMarkup(@ForAll @Size(min = 1, max = 10) List<@From("names") String> names)
      throws IOException {
    assertInert(names);
  }

  @Example
  void theCatalogueNeverBecomesMarkup() throws IOException {
    assertInert(new ArrayList<>(HostileNames.catalogue().values()));
  }

  private static void assertInert(List<String> names) throws IOException {
    String html = html(names);
    String harmless = html(Collections.nCopies(names.size(), "w"));

    assertThat(count(html, "<")).as("'<' in the page").isEqualTo(count(harmless, "<"));
    String lower = html.toLowerCase(Locale.ROOT);
    String harmlessLower = harmless.toLowerCase(Locale.ROOT);
    assertThat(count(lower, "</script")).isEqualTo(count(harmlessLower, "</script"));
    assertThat(count(lower, "<!--")).isEqualTo(count(harmlessLower, "<!--"));

    Map<String, Object> nodes = new HashMap<>();
    for (Map<String, Object> node : Outputs.jsonNodes(Outputs.parse(Format.HTML, html.getBytes(StandardCharsets.UTF_8)))) {
      nodes.put((String) node.get("id"), node.get("name"));
    }
    for (int i = 0; i < names.size(); i++) {
      assertThat(nodes.get("p" + i)).isEqualTo(names.get(i));
      assertThat(nodes.get("f" + i)).isEqualTo(names.get(i));
    }
  }

  private static String html(List<String> names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new HtmlWriter().write(HostileNames.graph(names), RenderOptions.defaults(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}

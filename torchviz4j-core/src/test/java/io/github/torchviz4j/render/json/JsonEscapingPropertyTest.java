package io.github.torchviz4j.render.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.HostileNames;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.Outputs;
import io.github.torchviz4j.render.RenderOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/**
 * JSON escaping: for random names the document parses and every name and label reads back exactly,
 * unpaired surrogates and NUL included (JSON's {@code \\u} escapes carry any UTF-16 text).
 */
class JsonEscapingPropertyTest {

  @Provide
  Arbitrary<String> names() {
    return HostileNames.names();
  }

  @Property(tries = 60, seed = "20261127")
  void everyNameAndLabelReadsBackExactly(@ForAll @Size(min = 1, max = 16) List<@From("names") String> names)
      throws IOException {
    assertRoundTrip(names);
  }

  @Example
  void theCatalogueReadsBackExactly() throws IOException {
    assertRoundTrip(new ArrayList<>(HostileNames.catalogue().values()));
  }

  private static void assertRoundTrip(List<String> names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonWriter().write(HostileNames.graph(names), RenderOptions.defaults(), out);
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(json).as("HTML-safe JSON").doesNotContain("<", ">", "&", "\u2028", "\u2029");

    Map<String, Map<String, Object>> nodes = new HashMap<>();
    for (Map<String, Object> node : Outputs.jsonNodes(Outputs.parse(Format.JSON, out.toByteArray()))) {
      nodes.put((String) node.get("id"), node);
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      assertThat(nodes.get("p" + i).get("name")).isEqualTo(name);
      assertThat(nodes.get("p" + i).get("label")).isEqualTo(HostileNames.tensorLabel(name));
      assertThat(nodes.get("f" + i).get("name")).isEqualTo(name);
      assertThat(nodes.get("f" + i).get("label")).isEqualTo(name);
    }
  }
}

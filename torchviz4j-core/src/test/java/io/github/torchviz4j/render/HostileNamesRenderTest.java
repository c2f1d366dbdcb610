package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.HostileNames;
import io.github.torchviz4j.layout.BundledFont;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad-input catalogue, names: every {@link HostileNames#catalogue()} case, as a parameter name and
 * as a function name, in every format, gives a valid file (PNG and PDF included: characters the
 * bundled font lacks are drawn as {@link BundledFont#REPLACEMENT}).
 */
class HostileNamesRenderTest {

  static Stream<Arguments> namesAndFormats() {
    List<Arguments> arguments = new ArrayList<>();
    for (Map.Entry<String, String> name : HostileNames.catalogue().entrySet()) {
      for (Format format : Format.values()) {
        arguments.add(Arguments.of(name.getKey(), name.getValue(), format));
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} as {2}")
  @MethodSource("namesAndFormats")
  void everyFormatWritesAValidFile(String caseName, String name, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Digraph.of(HostileNames.graph(List.of(name, "plain"))).render(format, out);

    Object parsed = Outputs.parse(format, out.toByteArray());
    if (format == Format.PNG) {
      BufferedImage image = (BufferedImage) parsed;
      assertThat((long) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(RenderOptions.DEFAULT_MAX_PIXELS);
    }
  }

  @Test
  void pdfDrawsMissingGlyphsAsTheReplacementAndKeepsTheRest() throws IOException {
    // DejaVu Sans Mono has Latin, Hebrew and box drawing, but no emoji and no CJK.
    assertThat(BundledFont.canDisplay("😀".codePointAt(0))).isFalse();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Digraph.of(HostileNames.graph(List.of("emoji😀name", "cjk日本name"))).render(Format.PDF, out);

    String text = (String) Outputs.parse(Format.PDF, out.toByteArray());
    assertThat(text).contains("emoji?name", "cjk??name");
  }
}

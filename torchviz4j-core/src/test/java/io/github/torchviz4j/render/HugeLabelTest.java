package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.HostileNames;
import io.github.torchviz4j.render.pdf.PdfWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

/**
 * Bad-input catalogue, huge labels: 10,000-character names make 60,000 pt wide boxes; pictures
 * stay within the PNG pixel cap and the PDF page limit instead of allocating gigabytes.
 */
class HugeLabelTest {
  private static final String HUGE = "w".repeat(10_000);

  private static byte[] render(Digraph digraph, Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    digraph.render(format, out);
    return out.toByteArray();
  }

  private static List<String> manyHugeNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      names.add(i + HUGE);
    }
    return names;
  }

  @Test
  void aPngOfHugeLabelsIsScaledUnderThePixelCap() throws IOException {
    Digraph digraph = Digraph.of(HostileNames.graph(manyHugeNames()));
    BufferedImage image = (BufferedImage) Outputs.parse(Format.PNG, render(digraph, Format.PNG));
    assertThat((long) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(RenderOptions.DEFAULT_MAX_PIXELS);

    BufferedImage small = (BufferedImage) Outputs.parse(Format.PNG,
        render(digraph.withOptions(RenderOptions.defaults().withMaxPixels(1_000_000)), Format.PNG));
    assertThat((long) small.getWidth() * small.getHeight()).isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void aPdfOfHugeLabelsFitsOnOnePage() throws IOException {
    byte[] pdf = render(Digraph.of(HostileNames.graph(List.of(HUGE, "😀".repeat(5_000)))), Format.PDF);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDRectangle page = document.getPage(0).getMediaBox();
      assertThat(Math.max(page.getWidth(), page.getHeight())).isLessThanOrEqualTo((float) PdfWriter.MAX_PAGE_SIDE);
    }
  }

  @Test
  void textFormatsKeepHugeLabelsWhole() throws IOException {
    Digraph digraph = Digraph.of(HostileNames.graph(List.of(HUGE)));
    assertThat((String) Outputs.parse(Format.DOT, render(digraph, Format.DOT))).contains("w".repeat(2_048));
    assertThat(Outputs.jsonNodes(Outputs.parse(Format.JSON, render(digraph, Format.JSON))))
        .anySatisfy(node -> assertThat(node.get("name")).isEqualTo(HUGE));
    assertThat(Outputs.xml(render(digraph, Format.SVG)).getDocumentElement().getTextContent()).contains(HUGE);
    assertThat(Outputs.jsonNodes(Outputs.parse(Format.HTML, render(digraph, Format.HTML))))
        .anySatisfy(node -> assertThat(node.get("name")).isEqualTo(HUGE));
  }
}

package io.github.torchviz4j.render.png;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Role;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.LayoutOptions;
import io.github.torchviz4j.layout.NodeLayout;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.layout.elk.ElkLayoutEngine;
import io.github.torchviz4j.render.RenderOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngWriterTest {

  private static BufferedImage render(Graph graph, RenderOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PngWriter().write(graph, options, out);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(image).as("decodes as an image").isNotNull();
    return image;
  }

  private static Set<Integer> colours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return colours;
  }

  @Test
  void theImageIsTheLayoutAt96Dpi() throws IOException {
    Layout layout = new ElkLayoutEngine().layout(SampleGraphs.seed(), LayoutOptions.defaults());
    BufferedImage image = render(SampleGraphs.seed(), RenderOptions.defaults());
    assertThat(image.getWidth()).isEqualTo((int) Math.ceil(layout.width() * 96 / 72));
    assertThat(image.getHeight()).isEqualTo((int) Math.ceil(layout.height() * 96 / 72));
  }

  @Test
  void theResolutionIsAnOption() throws IOException {
    Layout layout = new ElkLayoutEngine().layout(SampleGraphs.seed(), LayoutOptions.defaults());
    BufferedImage image = render(SampleGraphs.seed(), RenderOptions.defaults().withPixelsPerPoint(2));
    assertThat(image.getWidth()).isEqualTo((int) Math.ceil(layout.width() * 2));
  }

  @Test
  void everyRoleColourIsPaintedOnAWhiteBackground() throws IOException {
    Graph graph = SampleGraphs.special();
    BufferedImage image = render(graph, RenderOptions.defaults());
    Set<Integer> expected = new ElkLayoutEngine().layout(graph, LayoutOptions.defaults()).nodes().stream()
        .map(NodeLayout::role).map(Role::rgb).collect(Collectors.toSet());
    assertThat(expected).hasSize(5);
    assertThat(colours(image)).containsAll(expected).contains(0xFFFFFF, 0x000000);
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void thePixelCapScalesALargeGraphDown() throws IOException {
    Graph chain = SampleGraphs.chain(2_000);
    Layout layout = new ElkLayoutEngine().layout(chain, LayoutOptions.defaults());
    long cap = 2_000_000;
    BufferedImage image = render(chain, RenderOptions.defaults().withMaxPixels(cap));
    assertThat((long) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(cap);
    double uncapped = Math.ceil(layout.width() * 96 / 72) * Math.ceil(layout.height() * 96 / 72);
    assertThat(uncapped).isGreaterThan(cap * 10.0);
    // Scaled uniformly: the aspect ratio survives, and the cap is nearly used up.
    assertThat((double) image.getHeight() / image.getWidth())
        .isCloseTo(layout.height() / layout.width(), org.assertj.core.api.Assertions.withinPercentage(2));
    assertThat((long) image.getWidth() * image.getHeight()).isGreaterThan(cap * 9 / 10);
  }

  @Test
  void theScaleSaysHowMuchTheCapShrankTheImage() throws IOException {
    Graph chain = SampleGraphs.chain(2_000);
    Layout layout = new ElkLayoutEngine().layout(chain, LayoutOptions.defaults());
    RenderOptions capped = RenderOptions.defaults().withMaxPixels(2_000_000);

    double scale = PngWriter.scale(layout, capped);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PngWriter().write(layout, capped, out);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));

    assertThat(scale).isLessThan(0.5);
    assertThat((double) image.getWidth()).isCloseTo(layout.width() * 96 / 72 * scale,
        org.assertj.core.api.Assertions.within(1.0));
    assertThat(PngWriter.scale(layout, RenderOptions.defaults().withMaxPixels(2_147_483_639))).isEqualTo(1);
  }

  @Test
  void pixelSizeStaysWithinTheCapForExtremeShapes() {
    assertThat(PixelSize.fit(100, 200, 96.0 / 72, 40_000_000)).isEqualTo(new PixelSize(134, 267, 96.0 / 72));
    PixelSize thin = PixelSize.fit(8, 1_000_000_000, 96.0 / 72, 1_000);
    assertThat((long) thin.width() * thin.height()).isLessThanOrEqualTo(1_000);
    assertThat(thin.width()).isEqualTo(1);
    PixelSize tiny = PixelSize.fit(0, 0, 96.0 / 72, 1);
    assertThat(tiny.width()).isEqualTo(1);
    assertThat(tiny.height()).isEqualTo(1);
  }

  @Test
  void outputIsDeterministic() throws IOException {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    new PngWriter().write(SampleGraphs.special(), RenderOptions.defaults(), first);
    new PngWriter().write(SampleGraphs.special(), RenderOptions.defaults(), second);
    assertThat(Arrays.equals(first.toByteArray(), second.toByteArray())).as("same bytes for the same graph").isTrue();
  }
}

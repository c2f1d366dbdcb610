package io.github.torchviz4j.render.png;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.drawing.Role;
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
import java.util.List;
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

  /**
   * GPT-2's {@code h.0.ln_2.bias} over {@code (64)}: the underscore, the lowest ink of the first
   * line, must leave clear rows of pixels above the second line, and stay dark at 96 dpi and in
   * downscaled pictures. The underscore's rows are where the picture differs from the same label
   * with a space in its place.
   */
  @Test
  void anUnderscoreAndTheNextLineDoNotMeet() throws IOException {
    int fill = Role.OUTPUT.rgb();
    for (double pixelsPerPoint : new double[] {96.0 / 72, 0.75, 0.5}) {
      RenderOptions options = RenderOptions.defaults().withPixelsPerPoint(pixelsPerPoint);
      BufferedImage image = render(tensor("h.0.ln_2.bias"), options);
      BufferedImage without = render(tensor("h.0.ln 2.bias"), options);
      int underscoreBottom = -1;
      double darkest = 255;
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          if (Math.abs(luminance(image.getRGB(x, y)) - luminance(without.getRGB(x, y))) > 0.05 * luminance(fill)) {
            underscoreBottom = y;
            darkest = Math.min(darkest, luminance(image.getRGB(x, y)));
          }
        }
      }
      assertThat(underscoreBottom).as("the underscore is drawn at %s px/pt", pixelsPerPoint).isPositive();
      assertThat(darkest).as("the underscore is dark at %s px/pt", pixelsPerPoint).isLessThan(0.5 * luminance(fill));
      // The second line's first row of ink below the underscore, inside the box's fill.
      int nextLine = -1;
      for (int y = underscoreBottom + 1; y < without.getHeight() && nextLine < 0; y++) {
        for (int x = 0; x < without.getWidth(); x++) {
          if (isInkOnFill(without, x, y, fill)) {
            nextLine = y;
            break;
          }
        }
      }
      // Clear rows between them: two at 96 dpi, one at 54 dpi (at 1.1 em lines: one and none).
      int clearRows = nextLine - underscoreBottom - 1;
      if (pixelsPerPoint > 0.5) {
        assertThat(clearRows).as("clear rows between the underscore and the next line at %s px/pt", pixelsPerPoint)
            .isGreaterThanOrEqualTo(pixelsPerPoint > 1 ? 2 : 1);
      }
    }
  }

  private static Graph tensor(String name) {
    return new Graph(List.of(Node.tensor("b", name, List.of(64L))), List.of(), List.of("b"));
  }

  /** A pixel of text: darker than the fill, between fill-coloured pixels on its row. */
  private static boolean isInkOnFill(BufferedImage image, int x, int y, int fill) {
    if (luminance(image.getRGB(x, y)) >= 0.9 * luminance(fill)) {
      return false;
    }
    boolean fillLeft = false;
    boolean fillRight = false;
    for (int i = 0; i < x; i++) {
      fillLeft |= (image.getRGB(i, y) & 0xFFFFFF) == fill;
    }
    for (int i = x + 1; i < image.getWidth(); i++) {
      fillRight |= (image.getRGB(i, y) & 0xFFFFFF) == fill;
    }
    return fillLeft && fillRight;
  }

  private static double luminance(int rgb) {
    return 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
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

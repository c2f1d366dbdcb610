package io.github.torchviz4j.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.Torchviz4jException;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import org.junit.jupiter.api.Test;

class TextMetricsTest {
  private final TextMetrics metrics = TextMetrics.defaults();

  @Test
  void asciiIsMonospacedAtDejaVuSansMonosAdvance() {
    // DejaVu Sans Mono advances 1233/2048 em: 6.02 pt at 10 pt.
    assertThat(metrics.width("M")).isCloseTo(6.02, within(0.01));
    assertThat(metrics.width("AddmmBackward0")).isCloseTo(14 * 6.0205, within(0.01));
    assertThat(metrics.width("")).isZero();
  }

  /**
   * The font's numbers TextMetrics uses without Java2D: at every size, the advance, the cap height
   * and the descent Java2D measures on the bundled font give the same advance and baseline.
   */
  @Test
  void theFontsOwnNumbersGiveWhatJava2dMeasures() {
    FontRenderContext context = new FontRenderContext(null, true, true);
    for (double size = 4; size <= 40; size += 0.25) {
      Font font = BundledFont.awt((float) size);
      double capHeight = font.createGlyphVector(context, "H").getVisualBounds().getHeight();
      double descent = font.getLineMetrics("Mg", context).getDescent();
      TextMetrics atSize = TextMetrics.of(size);

      assertThat(atSize.width("M")).as("advance at %s pt", size)
          .isCloseTo(font.getStringBounds("M", context).getWidth(), within(1e-9));
      assertThat(atSize.baselineOffset()).as("baseline at %s pt", size)
          .isCloseTo(atSize.lineHeight() / 2 + (capHeight - descent) / 2, within(1e-6));
    }
  }

  @Test
  void linesAreElevenPointsApartAsGraphvizDrawsThem() {
    assertThat(metrics.lineHeight()).isEqualTo(12);
    assertThat(metrics.baselineOffset()).isBetween(7.0, 9.0);
  }

  @Test
  void glyphsTheFontHasUseTheirAdvanceAndMissingOnesCountAsOneEm() {
    assertThat(BundledFont.canDisplay('é')).isTrue();
    assertThat(metrics.width("é")).isCloseTo(6.02, within(0.01));
    assertThat(BundledFont.canDisplay('中')).isFalse();
    assertThat(metrics.width("a中")).isCloseTo(6.02 + 10, within(0.01));
  }

  @Test
  void displayableReplacesOnlyWhatTheFontCannotDraw() {
    assertThat(BundledFont.displayable("w<1>&\"é\"")).isEqualTo("w<1>&\"é\"");
    assertThat(BundledFont.displayable("a中b\u0001")).isEqualTo("a?b?");
    assertThat(BundledFont.displayable("x\uD800y")).isEqualTo("x?y");
  }

  @Test
  void rejectsANonPositiveSize() {
    assertThatThrownBy(() -> TextMetrics.of(0)).isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("font size 0.0 is invalid");
  }
}

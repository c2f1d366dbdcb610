package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;
import java.awt.Font;
import java.awt.font.FontRenderContext;

/**
 * Measures label text in the bundled monospace font, independent of the fonts installed.
 * Immutable and thread-safe.
 *
 * <p>Characters the font has no glyph for count as one em wide: SVG viewers draw them with a
 * fallback font (CJK glyphs are about one em), so boxes stay wide enough; PNG and PDF draw a
 * narrower {@link BundledFont#REPLACEMENT} instead.
 */
public final class TextMetrics {
  /** torchviz's {@code fontsize=10}. */
  public static final double DEFAULT_FONT_SIZE = 10;

  /**
   * Lines 1.2 em apart, Graphviz's {@code LINESPACING} for a label's lines (12 pt at 10 pt): at
   * 1.1 em an underscore of the bundled font touches the parentheses of the line below at 96 dpi.
   */
  private static final double LINE_SPACING = 1.2;

  private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

  /**
   * DejaVu Sans Mono's own numbers, in its 2048 units per em: every glyph advances 1233, a capital
   * H is 1493 high, the descent is 483. Taken from the font so that ASCII labels, nearly all of
   * them, are measured without starting Java2D's font system (about 0.1 s of a cold run);
   * {@code TextMetricsTest} checks them against the font through Java2D.
   */
  private static final double UNITS_PER_EM = 2048;

  private static final double ADVANCE = 1233;
  private static final double CAP_HEIGHT = 1493;
  private static final double DESCENT = 483;

  /** Java2D gives a glyph's visual bounds in whole 1/64 pt (FreeType's 26.6 fixed point), rounded. */
  private static final double VISUAL_BOUNDS_STEP = 64;

  private final double fontSize;
  private final double asciiAdvance;
  private final double baselineOffset;
  /** The Java2D font, made on the first label beyond ASCII; immutable, so a race only makes two. */
  private volatile Font font;

  private TextMetrics(double fontSize) {
    this.fontSize = fontSize;
    this.asciiAdvance = fontSize * ADVANCE / UNITS_PER_EM;
    double capHeight = Math.round(fontSize * CAP_HEIGHT / UNITS_PER_EM * VISUAL_BOUNDS_STEP) / VISUAL_BOUNDS_STEP;
    double descent = fontSize * DESCENT / UNITS_PER_EM;
    // Centre the body of the text (cap height down to the descender) in its line.
    this.baselineOffset = lineHeight() / 2 + (capHeight - descent) / 2;
  }

  /**
   * Metrics for the bundled font at a size.
   *
   * @param fontSize the size in points, positive
   * @return the metrics
   */
  public static TextMetrics of(double fontSize) {
    Checks.check(fontSize > 0 && Double.isFinite(fontSize),
        "font size " + fontSize + " is invalid; give a positive number of points");
    return new TextMetrics(fontSize);
  }

  /** @return metrics at torchviz's 10 pt */
  public static TextMetrics defaults() {
    return of(DEFAULT_FONT_SIZE);
  }

  /** @return the font size in points */
  public double fontSize() {
    return fontSize;
  }

  /** @return the distance between the baselines of consecutive lines, in points */
  public double lineHeight() {
    return fontSize * LINE_SPACING;
  }

  /** @return the distance from the top of a line to its baseline, in points */
  public double baselineOffset() {
    return baselineOffset;
  }

  /**
   * The advance width of one line of text.
   *
   * @param line text without line breaks
   * @return its width in points
   */
  public double width(String line) {
    if (isPrintableAscii(line)) {
      return line.length() * asciiAdvance; // fast path: every ASCII glyph has the same advance
    }
    double width = 0;
    StringBuilder drawable = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); ) {
      int codePoint = line.codePointAt(i);
      if (!Character.isSurrogate(line.charAt(i)) && !Character.isISOControl(codePoint)
          && BundledFont.canDisplay(codePoint)) {
        drawable.appendCodePoint(codePoint);
      } else {
        width += fontSize;
      }
      i += Character.charCount(codePoint);
    }
    if (drawable.length() > 0) {
      width += font().createGlyphVector(CONTEXT, drawable.toString()).getLogicalBounds().getWidth();
    }
    return width;
  }

  private Font font() {
    Font made = font;
    if (made == null) {
      made = BundledFont.awt((float) fontSize);
      font = made;
    }
    return made;
  }

  private static boolean isPrintableAscii(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}

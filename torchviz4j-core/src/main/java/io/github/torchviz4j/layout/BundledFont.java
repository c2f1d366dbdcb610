package io.github.torchviz4j.layout;

import io.github.torchviz4j.Torchviz4jException;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The monospace font bundled with torchviz4j (DejaVu Sans Mono), so that label sizes and PNG/PDF
 * text do not depend on the fonts a machine happens to have. Thread-safe.
 */
public final class BundledFont {
  /** The classpath resource holding the TrueType file. */
  public static final String RESOURCE = "/io/github/torchviz4j/fonts/DejaVuSansMono.ttf";

  /** The CSS font family for SVG: the bundled font first, then common monospace fonts. */
  public static final String SVG_FONT_FAMILY = "DejaVu Sans Mono, Menlo, Consolas, monospace";

  /** What PNG and PDF draw instead of a character the font has no glyph for. */
  public static final char REPLACEMENT = '?';

  private BundledFont() {}

  /** Loads the font on first use only; {@link Font} is immutable, so one instance is shared. */
  private static final class Holder {
    static final Font FONT = load();

    private static Font load() {
      try (InputStream in = open()) {
        return Font.createFont(Font.TRUETYPE_FONT, in);
      } catch (IOException | FontFormatException e) {
        throw new Torchviz4jException("cannot read the bundled font " + RESOURCE
            + "; the torchviz4j-core jar looks damaged, download it again", e);
      }
    }
  }

  /**
   * Opens the TrueType file, e.g. to embed it in a PDF. The caller closes the stream.
   *
   * @return a new stream over the font file
   * @throws Torchviz4jException if the resource is missing from the classpath
   */
  public static InputStream open() {
    InputStream in = BundledFont.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new Torchviz4jException("the bundled font " + RESOURCE + " is not on the classpath;"
          + " if you repackaged torchviz4j-core (e.g. a shaded jar), keep its resources");
    }
    return in;
  }

  /**
   * The font as a Java2D font.
   *
   * @param size the size in points
   * @return the font at that size
   */
  public static Font awt(float size) {
    return Holder.FONT.deriveFont(size);
  }

  /**
   * Whether the font has a glyph for a character.
   *
   * @param codePoint a Unicode code point
   * @return true if the font can draw it
   */
  public static boolean canDisplay(int codePoint) {
    return Holder.FONT.canDisplay(codePoint);
  }

  /**
   * The text with every character the font cannot draw replaced by {@link #REPLACEMENT}, as PNG
   * and PDF draw it (PDF cannot show a character without a glyph at all).
   *
   * @param text any text
   * @return the text, one replacement per missing code point
   */
  public static String displayable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int next = i + Character.charCount(codePoint);
      boolean ok = !Character.isSurrogate(text.charAt(i)) && !Character.isISOControl(codePoint)
          && canDisplay(codePoint);
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        if (ok) {
          out.appendCodePoint(codePoint);
        } else {
          out.append(REPLACEMENT);
        }
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }
}

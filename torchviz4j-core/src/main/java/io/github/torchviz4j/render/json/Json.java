package io.github.torchviz4j.render.json;

/**
 * JSON text pieces: strings escaped so that the result is also safe inside an HTML
 * {@code <script>} element, and numbers without exponents or locale. Stateless.
 *
 * <p>Besides what JSON requires ({@code "}, {@code \}, control characters), it escapes {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029 as {@code \u003c}-style escapes, and unpaired surrogates,
 * which UTF-8 cannot carry, likewise. The text means the same to any JSON parser; only its bytes
 * differ.
 */
public final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * Appends a JSON string literal, quotes included.
   *
   * @param text any text, user data included
   * @param out where the literal goes
   */
  public static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(c, out);
        default -> {
          if (c < 0x20 || c == 0x7f) {
            unicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * A JSON string literal.
   *
   * @param text any text
   * @return the literal, quotes included
   */
  public static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    string(text, out);
    return out.toString();
  }

  /**
   * Appends a number rounded to hundredths, trailing zeros dropped ({@code 12}, {@code 12.5},
   * {@code -0.25}); a coordinate in points needs no more.
   *
   * @param value a finite number
   * @param out where it goes
   */
  public static void hundredths(double value, StringBuilder out) {
    long rounded = Math.round(value * 100);
    if (rounded < 0) {
      out.append('-');
      rounded = -rounded;
    }
    out.append(rounded / 100);
    long fraction = rounded % 100;
    if (fraction != 0) {
      out.append('.').append(fraction / 10);
      if (fraction % 10 != 0) {
        out.append(fraction % 10);
      }
    }
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
        .append(HEX[c & 0xf]);
  }
}

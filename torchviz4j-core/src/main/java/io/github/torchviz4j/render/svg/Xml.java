package io.github.torchviz4j.render.svg;

/**
 * Escapes user text (tensor names are user data) for XML 1.0. Characters XML cannot carry at
 * all (most control characters, unpaired surrogates, U+FFFE/U+FFFF) become U+FFFD, so the output
 * always parses.
 */
final class Xml {
  private static final char REPLACEMENT = '\uFFFD';

  private Xml() {}

  /**
   * Escapes text for element content or a double-quoted attribute value.
   *
   * @param text any text
   * @param out where the escaped text goes
   */
  static void escape(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        // Parsers normalise raw whitespace in attributes; character references survive.
        case '\t' -> out.append("&#9;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
            out.append(REPLACEMENT);
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}

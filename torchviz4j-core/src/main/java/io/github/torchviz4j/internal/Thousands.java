package io.github.torchviz4j.internal;

/**
 * Whole numbers with commas between groups of three digits ({@code 33,472}), as module titles
 * print parameter counts: what {@code String.format(Locale.ROOT, "%,d", n)} gives, without
 * parsing a format on every title (10 ms of a cold command's first layout). Stateless.
 */
public final class Thousands {
  private Thousands() {}

  /**
   * @param n any number
   * @return its digits grouped in threes by commas, with a leading minus when negative
   */
  public static String grouped(long n) {
    String text = Long.toString(n);
    int first = n < 0 ? 1 : 0;
    int digits = text.length() - first;
    StringBuilder out = new StringBuilder(text.length() + digits / 3).append(text, 0, first);
    for (int i = 0; i < digits; i++) {
      if (i > 0 && (digits - i) % 3 == 0) {
        out.append(',');
      }
      out.append(text.charAt(first + i));
    }
    return out.toString();
  }
}

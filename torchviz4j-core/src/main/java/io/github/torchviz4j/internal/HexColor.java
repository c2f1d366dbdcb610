package io.github.torchviz4j.internal;

/**
 * A colour as the pictures write it: {@code #rrggbb}, lower case, what {@code String.format("#%06x",
 * rgb)} gives, without parsing a format for every node of an SVG. Stateless.
 */
public final class HexColor {
  private HexColor() {}

  /**
   * @param rgb red, green and blue in the low 24 bits ({@code 0xd3d3d3})
   * @return {@code #d3d3d3}
   * @throws IllegalArgumentException if bits above the low 24 are set
   */
  public static String of(int rgb) {
    if ((rgb & ~0xffffff) != 0) {
      throw new IllegalArgumentException("an RGB colour has 24 bits, but got 0x" + Integer.toHexString(rgb));
    }
    // The bit above the colour keeps the leading zeros; substring drops it.
    return "#" + Integer.toHexString(0x1000000 | rgb).substring(1);
  }
}

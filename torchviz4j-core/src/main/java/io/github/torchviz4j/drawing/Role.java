package io.github.torchviz4j.drawing;

import java.util.Optional;

/**
 * The part a node plays in torchviz's picture, which decides its fill colour.
 *
 * <p>Colour names are Graphviz/X11 names; {@link #rgb()} gives the colour a renderer paints.
 */
public enum Role {
  /** An output tensor, where {@code backward()} starts: green. */
  OUTPUT("darkolivegreen1", 0xCAFF70),
  /** The base of an output that is a view: dark green. */
  VIEW_BASE("darkolivegreen3", 0xA2CD5A),
  /** A leaf tensor that needs gradients, usually a parameter: blue. */
  LEAF("lightblue", 0xADD8E6),
  /** A backward function: gray (torchviz sets no fill colour; Graphviz fills lightgrey). */
  FUNCTION(null, 0xD3D3D3),
  /** A tensor saved by a backward function: orange. */
  SAVED("orange", 0xFFA500),
  /** A collapsed module: light yellow, a colour torchviz does not use. */
  MODULE("lightyellow", 0xFFFFE0),
  /** A legend or note: white. */
  NOTE("white", 0xFFFFFF);

  private final String dotFillColor;
  private final int rgb;

  Role(String dotFillColor, int rgb) {
    this.dotFillColor = dotFillColor;
    this.rgb = rgb;
  }

  /** @return the {@code fillcolor} torchviz writes for this role, empty for functions */
  public Optional<String> dotFillColor() {
    return Optional.ofNullable(dotFillColor);
  }

  /** @return the fill colour as {@code 0xRRGGBB}, as Graphviz paints it */
  public int rgb() {
    return rgb;
  }
}

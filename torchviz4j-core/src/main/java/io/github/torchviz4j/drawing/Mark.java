package io.github.torchviz4j.drawing;

/**
 * How a drawing marks a node or edge beyond its role: nothing in an ordinary drawing; in the
 * drawing of a diff ({@link Drawing#of(io.github.torchviz4j.diff.GraphDiff, DrawingOptions)}),
 * faded when the two graphs agree, a green border when added, a red dashed border when removed, an
 * orange border when changed. Every picture writer paints these styles from here, so SVG, PNG, PDF
 * and the viewer agree.
 */
public enum Mark {
  /** No mark: black border and text, the fill as it is. */
  NONE(0x000000, 1, false, 0x000000, 0x000000, 1),
  /** In both graphs, alike: the usual colours, faded, with a grey border and text. */
  SAME(0xA8A8A8, 1, false, 0x8C8C8C, 0xBDBDBD, 1),
  /** Only in the graph after: a thick green border; green edges. */
  ADDED(0x1FA13A, 3, false, 0x000000, 0x1FA13A, 2),
  /** Only in the graph before: a thick red dashed border; red dashed edges. */
  REMOVED(0xD62728, 3, true, 0x000000, 0xD62728, 2),
  /** In both at the same place, with another op, shape, dtype or attribute: a thick orange border. */
  CHANGED(0xF57C00, 3, false, 0x000000, 0xF57C00, 2);

  /** The dash of removed borders and edges, in points. */
  public static final double DASH_ON = 5;

  /** The gap between dashes of removed borders and edges, in points. */
  public static final double DASH_OFF = 3;

  /** How far {@link #SAME} moves a fill towards white, from 0 (not at all) to 1 (white). */
  static final double FADE = 0.6;

  private final int borderRgb;
  private final double borderWidth;
  private final boolean dashed;
  private final int textRgb;
  private final int edgeRgb;
  private final double edgeWidth;

  Mark(int borderRgb, double borderWidth, boolean dashed, int textRgb, int edgeRgb, double edgeWidth) {
    this.borderRgb = borderRgb;
    this.borderWidth = borderWidth;
    this.dashed = dashed;
    this.textRgb = textRgb;
    this.edgeRgb = edgeRgb;
    this.edgeWidth = edgeWidth;
  }

  /** @return the colour of a marked node's border, {@code 0xRRGGBB} */
  public int borderRgb() {
    return borderRgb;
  }

  /** @return the width of a marked node's border, in points */
  public double borderWidth() {
    return borderWidth;
  }

  /** @return whether borders and edges with this mark are dashed ({@link #DASH_ON}, {@link #DASH_OFF}) */
  public boolean dashed() {
    return dashed;
  }

  /** @return the colour of a marked node's label, {@code 0xRRGGBB} */
  public int textRgb() {
    return textRgb;
  }

  /** @return the colour of a marked edge and its arrowhead, {@code 0xRRGGBB} */
  public int edgeRgb() {
    return edgeRgb;
  }

  /** @return the width of a marked edge, in points */
  public double edgeWidth() {
    return edgeWidth;
  }

  /** @return whether this mark draws anything other than an ordinary drawing does */
  public boolean isMarked() {
    return this != NONE;
  }

  /**
   * The fill a node with this mark is painted with.
   *
   * @param fill the node's fill, {@code 0xRRGGBB}
   * @return the fill moved {@link #FADE} of the way to white for {@link #SAME}, else unchanged
   */
  public int paint(int fill) {
    if (this != SAME) {
      return fill;
    }
    int red = fade((fill >> 16) & 0xff);
    int green = fade((fill >> 8) & 0xff);
    int blue = fade(fill & 0xff);
    return (red << 16) | (green << 8) | blue;
  }

  private static int fade(int channel) {
    return (int) Math.round(channel + (255 - channel) * FADE);
  }

  /** @return the name the JSON and the viewer use: {@code none}, {@code same}, {@code added}, ... */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

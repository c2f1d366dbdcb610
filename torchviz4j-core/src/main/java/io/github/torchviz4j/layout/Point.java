package io.github.torchviz4j.layout;

/**
 * A position in points, origin at the top left of the drawing, y growing downwards. Immutable.
 *
 * @param x distance from the left edge
 * @param y distance from the top edge
 */
public record Point(double x, double y) {

  /**
   * The distance to another point.
   *
   * @param other the other point
   * @return the Euclidean distance in points
   */
  public double distanceTo(Point other) {
    return Math.hypot(other.x - x, other.y - y);
  }

  /**
   * This point moved by an offset.
   *
   * @param offset how far to move, as a point's coordinates
   * @return the moved point
   */
  public Point plus(Point offset) {
    return new Point(x + offset.x, y + offset.y);
  }
}

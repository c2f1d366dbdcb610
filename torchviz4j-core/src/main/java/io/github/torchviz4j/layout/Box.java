package io.github.torchviz4j.layout;

import io.github.torchviz4j.internal.Checks;

/**
 * An axis-aligned rectangle in points, origin at the top left, y growing downwards. Immutable.
 *
 * @param x left edge
 * @param y top edge
 * @param width width, not negative
 * @param height height, not negative
 */
public record Box(double x, double y, double width, double height) {

  /**
   * Validates the size.
   *
   * @param x left edge
   * @param y top edge
   * @param width width, not negative
   * @param height height, not negative
   */
  public Box {
    Checks.check(width >= 0 && height >= 0 && Double.isFinite(width) && Double.isFinite(height),
        "box size " + width + " x " + height + " is invalid; sizes must be finite and not negative");
    Checks.check(Double.isFinite(x) && Double.isFinite(y),
        "box position (" + x + ", " + y + ") is invalid; coordinates must be finite");
  }

  /** @return the right edge */
  public double maxX() {
    return x + width;
  }

  /** @return the bottom edge */
  public double maxY() {
    return y + height;
  }

  /** @return the horizontal centre */
  public double centerX() {
    return x + width / 2;
  }

  /** @return the vertical centre */
  public double centerY() {
    return y + height / 2;
  }

  /**
   * Whether the interiors of two boxes overlap; boxes that only touch do not.
   *
   * @param other another box
   * @return true if they share area
   */
  public boolean overlaps(Box other) {
    return x < other.maxX() && other.x < maxX() && y < other.maxY() && other.y < maxY();
  }

  /**
   * Whether a point lies on this box's border, give or take a tolerance.
   *
   * @param point the point
   * @param tolerance how far off the border it may be, in points
   * @return true if it is within {@code tolerance} of an edge of the box and not further inside
   *     or outside
   */
  public boolean onBorder(Point point, double tolerance) {
    boolean withinOuter = point.x() >= x - tolerance && point.x() <= maxX() + tolerance
        && point.y() >= y - tolerance && point.y() <= maxY() + tolerance;
    boolean insideInner = point.x() > x + tolerance && point.x() < maxX() - tolerance
        && point.y() > y + tolerance && point.y() < maxY() - tolerance;
    return withinOuter && !insideInner;
  }
}

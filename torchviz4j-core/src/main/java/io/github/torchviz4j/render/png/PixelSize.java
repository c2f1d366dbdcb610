package io.github.torchviz4j.render.png;

/**
 * The pixel size of a picture and the scale that gets it there: the requested resolution, or less
 * when that would exceed the pixel cap. Immutable.
 *
 * @param width image width in pixels, at least 1
 * @param height image height in pixels, at least 1
 * @param pixelsPerPoint the scale the drawing is painted at
 */
record PixelSize(int width, int height, double pixelsPerPoint) {

  /**
   * Fits a drawing into at most {@code maxPixels} pixels.
   *
   * @param widthPoints drawing width in points
   * @param heightPoints drawing height in points
   * @param pixelsPerPoint requested resolution
   * @param maxPixels the cap on width x height, at least 1
   * @return the size: {@code ceil(points x pixelsPerPoint)} if that fits, else scaled down
   *     uniformly until it does
   */
  static PixelSize fit(double widthPoints, double heightPoints, double pixelsPerPoint, long maxPixels) {
    double w = Math.max(widthPoints, 1e-9);
    double h = Math.max(heightPoints, 1e-9);
    long width = Math.max(1, (long) Math.ceil(w * pixelsPerPoint));
    long height = Math.max(1, (long) Math.ceil(h * pixelsPerPoint));
    if (width * height <= maxPixels) {
      return new PixelSize((int) width, (int) height, pixelsPerPoint);
    }
    // floor(w*s) * floor(h*s) <= w*h*s^2 = maxPixels; the clamps handle 1-pixel-thin pictures.
    double scale = Math.sqrt(maxPixels / (w * h));
    width = Math.max(1, Math.min(maxPixels, (long) Math.floor(w * scale)));
    height = Math.max(1, Math.min(maxPixels / width, (long) Math.floor(h * scale)));
    return new PixelSize((int) width, (int) height, scale);
  }
}

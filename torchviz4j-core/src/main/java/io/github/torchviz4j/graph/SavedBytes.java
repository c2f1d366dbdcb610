package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;

/**
 * The memory a backward function holds for the backward pass: the bytes of the storages of the
 * tensors it saved, each storage counted once in the whole graph (at the first function that saved
 * it), so that the functions' bytes add up to the graph's total. Immutable.
 *
 * @param total bytes of the storages first saved by this function
 * @param parameters the part of {@code total} that belongs to parameters' storages (a weight saved
 *     for the gradient of the input costs no extra memory: it is held anyway)
 */
public record SavedBytes(long total, long parameters) {

  /** Not measured: memory was not asked for, or the node is not a backward function. */
  public static final SavedBytes NOT_MEASURED = new SavedBytes(-1, -1);

  /**
   * Validates the fields.
   *
   * @param total bytes of the storages first saved here, or -1 when not measured
   * @param parameters the part of it held by parameters, or -1 when not measured
   */
  public SavedBytes {
    Checks.check(total >= -1 && parameters >= -1 && parameters <= Math.max(total, -1) && (total < 0) == (parameters < 0),
        "saved bytes " + total + " (parameters " + parameters + ") are inconsistent; give 0 <= parameters <= total,"
            + " or -1 for both");
  }

  /** @return whether bytes were measured */
  public boolean measured() {
    return total >= 0;
  }

  /** @return the bytes that do not belong to parameters */
  public long withoutParameters() {
    return total - parameters;
  }
}

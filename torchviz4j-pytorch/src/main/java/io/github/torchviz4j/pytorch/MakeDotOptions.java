package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.internal.Checks;

/**
 * What {@link TorchViz#makeDot} captures: torchviz's arguments and the capture limits; defaults
 * are torchviz's. How the result is drawn is {@link io.github.torchviz4j.render.RenderOptions}'s
 * business ({@code digraph.withOptions(...)}), except torchviz's {@code max_attr_chars}, which
 * {@code makeDot} hands on to the digraph's render options.
 * Immutable.
 *
 * <pre>{@code
 * MakeDotOptions options = MakeDotOptions.builder().showSaved(true).showAttrs(true).build();
 * }</pre>
 *
 * @param showSaved draw the tensors each backward function saved, as orange nodes; default false
 * @param showAttrs list each backward function's saved attributes under its name; default false
 * @param showGradients after {@code backward()}: annotate each parameter with its gradient's norm
 *     and largest magnitude, colour parameters by norm (log scale, with a legend), mark missing,
 *     all-zero, NaN and Inf gradients in red, and list parameters that are not in the graph;
 *     default false
 * @param showValues show the values (and gradients) of outputs and parameters with at most this
 *     many elements; default 0 (none)
 * @param showMemory measure the memory each backward function holds for the backward pass (the
 *     storages of its saved tensors, counted once per graph; parameters apart); default false
 * @param maxNodes refuse graphs with more nodes than this, with a clear exception instead of
 *     running out of heap; default {@value #DEFAULT_MAX_NODES}
 * @param maxAttrChars torchviz's {@code max_attr_chars}: attribute values longer than this are
 *     cut with {@code ...}; default 50, values below 3 act as 3
 * @param showBackward replay the backward pass during the capture ({@link TorchViz#traceBackward})
 *     and label each edge with the gradient that flows back along it (values when small, else the
 *     norm); {@code makeDot} turns on {@link io.github.torchviz4j.render.RenderOptions#showBackward()}.
 *     Capture before {@code backward()}, or after one that kept the graph; default false
 */
public record MakeDotOptions(boolean showSaved, boolean showAttrs, boolean showGradients, int showValues,
    boolean showMemory, int maxNodes, int maxAttrChars, boolean showBackward) {
  /** The default {@link #maxNodes}: about 1 GB of heap for the captured graph. */
  public static final int DEFAULT_MAX_NODES = 2_000_000;

  /** torchviz's default {@code max_attr_chars}. */
  public static final int DEFAULT_MAX_ATTR_CHARS = 50;


  /**
   * Validates the fields.
   *
   * @param showSaved draw the tensors each backward function saved, as orange nodes; default false
   * @param showAttrs list each backward function's saved attributes under its name; default false
   * @param showGradients after {@code backward()}: annotate each parameter with its gradient's norm
   *     and largest magnitude, colour parameters by norm (log scale, with a legend), mark missing,
   *     all-zero, NaN and Inf gradients in red, and list parameters that are not in the graph;
   *     default false
   * @param showValues show the values (and gradients) of outputs and parameters with at most this
   *     many elements; default 0 (none)
   * @param showMemory measure the memory each backward function holds for the backward pass (the
   *     storages of its saved tensors, counted once per graph; parameters apart); default false
   * @param maxNodes refuse graphs with more nodes than this, with a clear exception instead of
   *     running out of heap; default {@value #DEFAULT_MAX_NODES}
   * @param maxAttrChars torchviz's {@code max_attr_chars}: attribute values longer than this are
   *     cut with {@code ...}; default 50, values below 3 act as 3
   * @param showBackward replay the backward pass and label edges with its gradients; default false
   */
  public MakeDotOptions {
    Checks.check(maxNodes >= 1, "maxNodes is " + maxNodes + "; give a positive number of nodes");
    Checks.check(showValues >= 0, "showValues is " + showValues + "; give 0 or a number of elements");
    Checks.check(maxAttrChars >= 0,
        "maxAttrChars is " + maxAttrChars + "; give 0 or more (torchviz's default is 50)");
  }

  /**
   * Options without the backward pass.
   *
   * @param showSaved draw saved tensors
   * @param showAttrs list function attributes
   * @param showGradients show gradients after {@code backward()}
   * @param showValues show values of tensors with at most this many elements
   * @param showMemory measure the memory held for backward
   * @param maxNodes the most nodes a capture may record
   * @param maxAttrChars the longest attribute value shown
   */
  public MakeDotOptions(boolean showSaved, boolean showAttrs, boolean showGradients, int showValues,
      boolean showMemory, int maxNodes, int maxAttrChars) {
    this(showSaved, showAttrs, showGradients, showValues, showMemory, maxNodes, maxAttrChars, false);
  }

  /** @return torchviz's defaults */
  public static MakeDotOptions defaults() {
    return builder().build();
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link MakeDotOptions}; not thread-safe. */
  public static final class Builder {
    private boolean showSaved;
    private boolean showAttrs;
    private boolean showGradients;
    private int showValues;
    private boolean showMemory;
    private int maxNodes = DEFAULT_MAX_NODES;
    private int maxAttrChars = DEFAULT_MAX_ATTR_CHARS;
    private boolean showBackward;

    private Builder() {}

    /**
     * Sets whether saved tensors are drawn (torchviz's {@code show_saved}).
     *
     * @param show true to draw them
     * @return this builder
     */
    public Builder showSaved(boolean show) {
      this.showSaved = show;
      return this;
    }

    /**
     * Sets whether function attributes are listed (torchviz's {@code show_attrs}).
     *
     * @param show true to list them
     * @return this builder
     */
    public Builder showAttrs(boolean show) {
      this.showAttrs = show;
      return this;
    }

    /**
     * Sets whether gradients are shown (call after {@code backward()}).
     *
     * @param show true to annotate and colour parameters by their gradients
     * @return this builder
     */
    public Builder showGradients(boolean show) {
      this.showGradients = show;
      return this;
    }

    /**
     * Shows the values of small tensors.
     *
     * @param maxElements tensors with at most this many elements show their values; 0 for none
     * @return this builder
     */
    public Builder showValues(int maxElements) {
      this.showValues = maxElements;
      return this;
    }

    /**
     * Sets whether the memory held for backward is measured and shown.
     *
     * @param show true to measure each function's saved bytes
     * @return this builder
     */
    public Builder showMemory(boolean show) {
      this.showMemory = show;
      return this;
    }

    /**
     * Sets the largest graph captured.
     *
     * @param nodes the most nodes a capture may record
     * @return this builder
     */
    public Builder maxNodes(int nodes) {
      this.maxNodes = nodes;
      return this;
    }

    /**
     * Sets the longest attribute value shown (torchviz's {@code max_attr_chars}).
     *
     * @param chars characters, default 50; values below 3 act as 3
     * @return this builder
     */
    public Builder maxAttrChars(int chars) {
      this.maxAttrChars = chars;
      return this;
    }

    /**
     * Sets whether the backward pass is replayed and its gradients drawn on the edges.
     *
     * @param show true to label every edge with the gradient that flows back along it
     * @return this builder
     */
    public Builder showBackward(boolean show) {
      this.showBackward = show;
      return this;
    }

    /** @return the options */
    public MakeDotOptions build() {
      return new MakeDotOptions(showSaved, showAttrs, showGradients, showValues, showMemory, maxNodes, maxAttrChars,
          showBackward);
    }
  }
}

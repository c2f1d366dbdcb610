package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.render.RenderOptions;

/**
 * What {@link TorchViz#makeDot} captures and how the result is drawn; defaults are torchviz's.
 * Immutable.
 *
 * <pre>{@code
 * MakeDotOptions options = MakeDotOptions.builder().render(RenderOptions.defaults().withEngine(Engine.GRAPHVIZ)).build();
 * }</pre>
 *
 * @param render how pictures are drawn; default {@link RenderOptions#defaults()}
 */
public record MakeDotOptions(RenderOptions render) {

  /** Validates the fields. */
  public MakeDotOptions {
    Checks.notNull(render, "render options");
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
    private RenderOptions render = RenderOptions.defaults();

    private Builder() {}

    /**
     * Sets how pictures are drawn.
     *
     * @param renderOptions the rendering options
     * @return this builder
     */
    public Builder render(RenderOptions renderOptions) {
      this.render = renderOptions;
      return this;
    }

    /** @return the options */
    public MakeDotOptions build() {
      return new MakeDotOptions(render);
    }
  }
}

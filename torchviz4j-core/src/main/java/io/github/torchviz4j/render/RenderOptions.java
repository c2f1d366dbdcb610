package io.github.torchviz4j.render;

import io.github.torchviz4j.internal.Checks;

/**
 * How pictures are drawn. Immutable.
 *
 * @param engine what lays out and draws SVG, PNG and PDF; default {@link Engine#ELK}
 */
public record RenderOptions(Engine engine) {

  /** Validates the fields. */
  public RenderOptions {
    Checks.notNull(engine, "engine");
  }

  /** @return the defaults: the embedded ELK engine */
  public static RenderOptions defaults() {
    return new RenderOptions(Engine.ELK);
  }

  /**
   * A copy with another engine.
   *
   * @param newEngine the engine
   * @return the copy
   */
  public RenderOptions withEngine(Engine newEngine) {
    return new RenderOptions(newEngine);
  }
}

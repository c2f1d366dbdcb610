package io.github.torchviz4j.render;

/** What lays out and draws pictures (SVG, PNG, PDF). DOT text needs no engine. */
public enum Engine {
  /** The embedded renderer: Eclipse ELK layout and torchviz4j's own writers; needs nothing installed. */
  ELK,
  /** Graphviz's {@code dot} program, which must be on the {@code PATH}. */
  GRAPHVIZ
}

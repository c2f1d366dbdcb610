/**
 * torchviz4j's engine-neutral core: the graph model, the drawing stage, the embedded ELK layout
 * and the writers. Exports only API packages: {@code internal} (shared helpers), {@code layout.elk} (reached
 * through {@link io.github.torchviz4j.render.Scene#layout}) and {@code render.graphviz} (chosen by
 * {@link io.github.torchviz4j.render.Engine#GRAPHVIZ}) stay inside; the other modules, on the
 * class path, still reach them.
 */
module io.github.torchviz4j.core {
  requires transitive java.desktop;
  requires com.fasterxml.jackson.core;
  requires com.google.common;
  requires org.apache.pdfbox;
  requires org.apache.fontbox;
  requires org.eclipse.elk.core;
  requires org.eclipse.elk.graph;
  requires org.eclipse.emf.common;
  requires org.eclipse.emf.ecore;
  requires org.eclipse.elk.alg.layered;
  requires org.eclipse.xtext.xbase.lib;
  requires static org.jspecify;

  exports io.github.torchviz4j;
  exports io.github.torchviz4j.graph;
  exports io.github.torchviz4j.diff;
  exports io.github.torchviz4j.drawing;
  exports io.github.torchviz4j.layout;
  exports io.github.torchviz4j.render;
  exports io.github.torchviz4j.render.dot;
  exports io.github.torchviz4j.render.flow;
  exports io.github.torchviz4j.render.html;
  exports io.github.torchviz4j.render.json;
  exports io.github.torchviz4j.render.pdf;
  exports io.github.torchviz4j.render.png;
  exports io.github.torchviz4j.render.svg;
  // Shared checks and file helpers for torchviz4j's own modules only (not API).
  exports io.github.torchviz4j.internal to io.github.torchviz4j.pytorch;
}

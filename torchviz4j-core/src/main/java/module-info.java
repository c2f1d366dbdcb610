/**
 * torchviz4j's engine-neutral core: the graph model, the drawing stage, the embedded ELK layout
 * and the writers. Exports only API packages; {@code io.github.torchviz4j.internal} stays inside (the other
 * modules, on the class path, still reach it).
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
  exports io.github.torchviz4j.layout.elk;
  exports io.github.torchviz4j.render;
  exports io.github.torchviz4j.render.dot;
  exports io.github.torchviz4j.render.flow;
  exports io.github.torchviz4j.render.graphviz;
  exports io.github.torchviz4j.render.html;
  exports io.github.torchviz4j.render.json;
  exports io.github.torchviz4j.render.pdf;
  exports io.github.torchviz4j.render.png;
  exports io.github.torchviz4j.render.svg;
}

package io.github.torchviz4j.render;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.layout.SampleGraphs;
import java.nio.file.Path;

/** Run in a child JVM by {@link NoGraphvizRenderTest}: saves the seed as SVG, PNG and PDF. */
public final class NoGraphvizRenderMain {
  private NoGraphvizRenderMain() {}

  /**
   * Saves {@code seed.svg}, {@code seed.png} and {@code seed.pdf}.
   *
   * @param args the output directory
   * @throws Exception if rendering fails, which fails the test
   */
  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    Digraph digraph = Digraph.of(SampleGraphs.seed());
    for (String extension : new String[] {"svg", "png", "pdf"}) {
      digraph.save(directory.resolve("seed." + extension));
    }
  }
}

package io.github.torchviz4j.render;

import io.github.torchviz4j.Torchviz4jException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An output format, known by its file extensions. The writers depend on this package, never the
 * other way round: {@link io.github.torchviz4j.Digraph} picks the writer of a format.
 */
public enum Format {
  /** Graphviz DOT text, identical to torchviz's {@code make_dot(...).source}. */
  DOT(List.of("gv", "dot")),
  /** Scalable vector graphics, text kept as text. */
  SVG(List.of("svg")),
  /** A raster image. */
  PNG(List.of("png")),
  /** A PDF page, text kept as text. */
  PDF(List.of("pdf")),
  /**
   * An interactive viewer in one self-contained HTML file (pan, zoom, search, details, module
   * clusters, export); always laid out by the embedded ELK engine.
   */
  HTML(List.of("html", "htm")),
  /** The graph as JSON data: nodes, edges, outputs and modules; needs no engine. */
  JSON(List.of("json"));

  private final List<String> extensions;

  Format(List<String> extensions) {
    this.extensions = extensions;
  }

  /** @return the file extensions of this format, without dots */
  public List<String> extensions() {
    return extensions;
  }

  /**
   * The format a file name asks for.
   *
   * @param path an output path such as {@code neuron.svg}
   * @return the format of its extension
   * @throws Torchviz4jException if the extension is missing or unknown
   */
  public static Format fromPath(Path path) {
    String fileName = String.valueOf(path.getFileName());
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(format -> format.extensions.contains(extension))
        .findFirst()
        .orElseThrow(() -> new Torchviz4jException("cannot tell the output format of '" + path
            + "' from its extension; end the file name with one of " + knownExtensions()));
  }

  private static String knownExtensions() {
    return Arrays.stream(values())
        .flatMap(format -> format.extensions.stream())
        .map(extension -> "." + extension)
        .collect(Collectors.joining(", "));
  }
}

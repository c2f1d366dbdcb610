package io.github.torchviz4j.jupyter;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.render.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * The JJava kernel extension of torchviz4j: once installed, a {@link Digraph} that is a cell's
 * value, or is passed to {@code display(...)}, shows inline as SVG, the way torchviz's {@code
 * make_dot(...)} shows in a Python notebook. Stateless and thread-safe.
 *
 * <p>JJava finds it through {@code META-INF/services/org.dflib.jjava.jupyter.Extension} as soon as
 * the jar is on the kernel's class path, so a notebook needs nothing but the dependency:
 *
 * <pre>{@code
 * %maven io.github.torchviz4j:torchviz4j-jupyter:0.1.0-SNAPSHOT
 * %maven io.github.torchviz4j:torchviz4j-pytorch:0.1.0-SNAPSHOT
 *
 * Digraph dot = TorchViz.makeDot(yPred, model.named_parameters());
 * dot                                    // the cell's value: drawn under the cell
 * display(dot);                          // the same, from anywhere in a cell
 * display(dot, "image/png");             // only the PNG
 * display(dot, "text/vnd.graphviz");     // the DOT text, as torchviz's dot.source
 * }</pre>
 *
 * <p>The MIME bundle of a {@code Digraph} holds {@value #SVG} (the picture Jupyter shows), {@value
 * #PNG} (base64, for front ends without SVG) and {@value #TEXT} (a one-line summary). On request it
 * also renders {@value #DOT}. Pictures are drawn with the digraph's own {@link
 * io.github.torchviz4j.render.RenderOptions}, so {@code dot.withOptions(...)} changes what the
 * notebook shows.
 */
public final class Torchviz4jExtension implements Extension {
  /** The MIME type of the inline picture. */
  public static final String SVG = "image/svg+xml";

  /** The MIME type of the raster fallback, base64 in the bundle as Jupyter expects. */
  public static final String PNG = "image/png";

  /** The MIME type of the text fallback. */
  public static final String TEXT = "text/plain";

  /** The MIME type of the DOT text, rendered only when asked for. */
  public static final String DOT = "text/vnd.graphviz";

  /** Creates the extension; JJava calls it through the service loader. */
  public Torchviz4jExtension() {}

  /**
   * Registers the renderers with the kernel.
   *
   * @param kernel the running kernel
   */
  @Override
  public void install(BaseKernel kernel) {
    register(Checks.notNull(kernel, "kernel").getRenderer());
  }

  /**
   * Registers the {@link Digraph} renderers with a renderer, for kernels that do not load
   * extensions (or tests): SVG and PNG preferred, DOT text supported on request.
   *
   * <pre>{@code
   * Renderer renderer = new Renderer();
   * Torchviz4jExtension.register(renderer);
   * DisplayData bundle = renderer.render(dot);   // image/svg+xml, image/png, text/plain
   * }</pre>
   *
   * @param renderer the renderer to register with
   */
  public static void register(Renderer renderer) {
    Checks.notNull(renderer, "renderer");
    renderer.createRegistration(Digraph.class)
        .preferring(MIMEType.parse(SVG), MIMEType.parse(PNG))
        .supporting(MIMEType.parse(DOT))
        .register(Torchviz4jExtension::render);
  }

  /**
   * Renders a digraph as the types the context asks for.
   *
   * @param dot the digraph
   * @param context the request and the bundle to fill
   * @throws io.github.torchviz4j.Torchviz4jException if the graph cannot be drawn, e.g. it is
   *     larger than {@link io.github.torchviz4j.render.RenderOptions#maxLayoutNodes()}
   * @throws UncheckedIOException if a writer fails
   */
  static void render(Digraph dot, RenderContext context) {
    context.renderIfRequested(MIMEType.parse(SVG), () -> new String(bytes(dot, Format.SVG), StandardCharsets.UTF_8));
    context.renderIfRequested(MIMEType.parse(PNG), () -> Base64.getEncoder().encodeToString(bytes(dot, Format.PNG)));
    context.renderIfRequested(MIMEType.parse(DOT), dot::source);
    context.renderIfRequested(MIMEType.parse(TEXT), () -> summary(dot));
  }

  /**
   * The text shown where no picture can be: what the graph holds.
   *
   * @param dot the digraph
   * @return for the seed neuron {@code "Digraph: autograd graph of 8 nodes, 7 edges, 1 output"}
   */
  static String summary(Digraph dot) {
    int outputs = dot.graph().outputs().size();
    return "Digraph: autograd graph of " + dot.graph().nodes().size() + " nodes, " + dot.graph().edges().size()
        + " edges, " + outputs + (outputs == 1 ? " output" : " outputs");
  }

  private static byte[] bytes(Digraph dot, Format format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      dot.render(format, out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not draw the graph as " + format + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Renders a digraph as a MIME bundle without a kernel, as {@code display(dot)} would: SVG, PNG
   * and text.
   *
   * @param dot the digraph
   * @return the bundle
   */
  public static DisplayData displayData(Digraph dot) {
    Renderer renderer = new Renderer();
    register(renderer);
    return renderer.render(Checks.notNull(dot, "digraph"));
  }
}

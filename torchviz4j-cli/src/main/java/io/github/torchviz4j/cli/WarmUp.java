package io.github.torchviz4j.cli;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a small made-up model on a second thread while the command loads libtorch and runs the
 * model, so that by the time the real graph is drawn the layout's and the writer's classes are
 * loaded and initialised and some of their code compiled. In a fresh JVM the first layout and
 * picture of a 500-node graph take about half a second, nearly all class initialisation and
 * interpretation; the same work takes tens of milliseconds warm. Loading libtorch and the model is
 * native work on one thread, so a second core has room. On by default when the JVM sees more than
 * one processor ({@link Torchviz4jCommand#WARM_UP}), for the pictures the embedded layout draws
 * ({@link #helps}).
 *
 * <p>The drawing goes to {@link OutputStream#nullOutputStream()}; it touches no file and no state
 * the real drawing reads (the writers and the layout engine are stateless). Errors are ignored: a
 * failed warm-up only means a slower start.
 */
final class WarmUp {
  /** Blocks of the made-up model: enough for the JIT to compile the layout's and writer's loops. */
  private static final int BLOCKS = 12;

  /**
   * Pictures written: the first lays the model out and loads the classes; the others reuse that
   * layout (the {@link Digraph} keeps it), so that the writer's code runs hot enough to compile.
   */
  private static final int ROUNDS = 3;

  private WarmUp() {}

  /**
   * Whether a warm-up helps a command that writes {@code format}: only when the embedded layout
   * runs. DOT and JSON are written without a layout, and Graphviz's pictures by the {@code dot}
   * program, which the warm-up would only start three more times.
   *
   * @param format the format the command will write
   * @param options the options it will draw with
   * @return true for SVG, PNG and PDF laid out by ELK, and for HTML (always ELK)
   */
  static boolean helps(Format format, RenderOptions options) {
    return switch (format) {
      case HTML -> true;
      case SVG, PNG, PDF -> options.engine() == Engine.ELK;
      case DOT, JSON -> false;
    };
  }

  /**
   * Starts the warm-up of a run that makes the class-data-sharing archive, which holds the classes
   * that run loads: it draws the run's own picture where the embedded layout draws it, else an SVG
   * laid out by ELK, the command's default picture. An archive made by a first run that wrote DOT
   * lacked ELK's and the writer's 1,400 classes, and later SVG runs took 1.08 times as long.
   *
   * @param format the format the command will write
   * @param options the options it will draw with
   * @return the started thread, to be joined before the run ends
   */
  static Thread startForArchive(Format format, RenderOptions options) {
    return helps(format, options) ? start(format, options) : start(Format.SVG, options.withEngine(Engine.ELK));
  }

  /**
   * Starts drawing the made-up model as {@code format} with {@code options} on a daemon thread.
   *
   * @param format the format the command will write
   * @param options the options it will draw with (clusters, engine, ...)
   * @return the started thread
   */
  static Thread start(Format format, RenderOptions options) {
    Thread thread = new Thread(() -> run(format, options), "torchviz4j-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  private static void run(Format format, RenderOptions options) {
    try {
      Digraph digraph = new Digraph(sample(), options);
      for (int i = 0; i < ROUNDS; i++) {
        digraph.render(format, OutputStream.nullOutputStream());
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // A warm-up that fails costs only time; the real drawing reports its own errors.
    }
  }

  /**
   * A made-up CNN as a capture would give it: per block a weight and bias with their
   * {@code AccumulateGrad}, a convolution, a batch norm and a ReLU in a module of their own, every
   * other block with a residual add; the output at the end.
   *
   * @return the graph
   */
  static Graph sample() {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    List<ModuleInfo> modules = new ArrayList<>();
    modules.add(new ModuleInfo("features", "Sequential"));
    String previous = null;
    String residual = null;
    for (int b = 0; b < BLOCKS; b++) {
      String module = "features." + b;
      modules.add(new ModuleInfo(module, "ConvBNReLU"));
      String conv = "conv" + b;
      nodes.add(Node.function(conv, "ConvolutionBackward0").withModulePath(module));
      for (String param : List.of("weight", "bias")) {
        String tensor = param + b;
        String accumulate = "acc" + param + b;
        nodes.add(Node.tensor(tensor, module + "." + param, param.equals("weight") ? List.of(16L, 16L, 3L, 3L)
            : List.of(16L)).withModulePath(module));
        nodes.add(Node.function(accumulate, "AccumulateGrad").withModulePath(module));
        edges.add(new Edge(tensor, accumulate, EdgeKind.LEAF));
        edges.add(new Edge(accumulate, conv, EdgeKind.INPUT));
      }
      if (previous != null) {
        edges.add(new Edge(previous, conv, EdgeKind.INPUT));
      }
      String norm = "norm" + b;
      String relu = "relu" + b;
      nodes.add(Node.function(norm, "NativeBatchNormBackward0").withModulePath(module));
      nodes.add(Node.function(relu, "ReluBackward0").withModulePath(module));
      edges.add(new Edge(conv, norm, EdgeKind.INPUT));
      edges.add(new Edge(norm, relu, EdgeKind.INPUT));
      previous = relu;
      if (b % 2 == 1 && residual != null) {
        String add = "add" + b;
        nodes.add(Node.function(add, "AddBackward0").withModulePath("features"));
        edges.add(new Edge(relu, add, EdgeKind.INPUT));
        edges.add(new Edge(residual, add, EdgeKind.INPUT));
        previous = add;
      }
      if (b % 2 == 1) {
        residual = previous;
      }
    }
    String mean = "mean";
    nodes.add(Node.function(mean, "MeanBackward0"));
    edges.add(new Edge(previous, mean, EdgeKind.INPUT));
    nodes.add(Node.tensor("output", "", List.of(2L, 10L)));
    edges.add(new Edge(mean, "output", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of("output"), modules);
  }
}

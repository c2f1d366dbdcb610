package io.github.torchviz4j.render.graphviz;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import io.github.torchviz4j.render.dot.DotWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Draws a graph with Graphviz: torchviz's DOT text ({@link DotWriter}) piped through
 * {@code dot -Tsvg|-Tpng|-Tpdf}, so the picture is the one torchviz users get. The render options
 * apply as with the embedded renderer: {@link RenderOptions#depth()} collapses modules, {@link
 * RenderOptions#clusters()} adds them as dashed clusters ({@link DotWriter#sourceWithClusters}),
 * {@link RenderOptions#maxAttrChars()} cuts attribute values. {@code dot} must be on the {@code
 * PATH}; the default {@link Engine#ELK} needs nothing installed. Stateless and thread-safe.
 *
 * <p>{@code dot}'s input, output and error streams are served by separate threads, so a large
 * graph or a chatty {@code dot} cannot deadlock the pipe. Nothing is written to the caller's
 * stream unless {@code dot} succeeds.
 */
public final class GraphvizWriter implements GraphWriter {
  private final Format format;
  private final Supplier<Optional<Path>> dotLocator;

  /**
   * Creates a writer that runs the {@code dot} found on the {@code PATH}.
   *
   * @param format SVG, PNG or PDF
   * @throws Torchviz4jException if the format is not a picture format
   */
  public GraphvizWriter(Format format) {
    this(format, DotExecutable::onPath);
  }

  /** For tests: finds {@code dot} with the given lookup instead of the {@code PATH}. */
  GraphvizWriter(Format format, Supplier<Optional<Path>> dotLocator) {
    this.format = Checks.notNull(format, "format");
    Checks.check(format != Format.DOT,
        "Graphviz renders pictures, not DOT; write DOT with " + DotWriter.class.getSimpleName());
    this.dotLocator = Checks.notNull(dotLocator, "dot locator");
  }

  @Override
  public Format format() {
    return format;
  }

  @Override
  public void write(Scene scene, OutputStream out) throws IOException {
    Checks.notNull(scene, "scene");
    Checks.notNull(out, "output stream");
    // What the embedded renderer would draw: modules collapsed to the depth, legend added.
    Drawing drawing = scene.drawing(format);
    // dot lays out large graphs far slower than ELK: the same limit applies, to the graph drawn.
    scene.checkLayoutSize(drawing, format);
    Path dot = dotLocator.get().orElseThrow(GraphvizWriter::dotMissing);
    DotWriter dotWriter = new DotWriter();
    String text = drawing.options().clusters()
        ? dotWriter.sourceWithClusters(drawing)
        : dotWriter.source(drawing);
    byte[] source = text.getBytes(StandardCharsets.UTF_8);
    out.write(run(dot, source));
    out.flush();
  }

  private static Torchviz4jException dotMissing() {
    return new Torchviz4jException("Graphviz's dot was not found on the PATH; install Graphviz"
        + " (e.g. 'apt-get install graphviz', 'brew install graphviz' or 'choco install graphviz')"
        + " or put its bin directory on the PATH, or use the default ELK engine, which needs"
        + " nothing installed");
  }

  private byte[] run(Path dot, byte[] source) throws IOException {
    String type = "-T" + format.name().toLowerCase(Locale.ROOT);
    Process process;
    try {
      process = new ProcessBuilder(dot.toString(), type).start();
    } catch (IOException e) {
      throw new Torchviz4jException("cannot start Graphviz's dot at '" + dot + "': " + e.getMessage()
          + "; check the Graphviz installation, or use the default ELK engine", e);
    }
    CompletableFuture<byte[]> stdout = readAll(process.getInputStream());
    CompletableFuture<byte[]> stderr = readAll(process.getErrorStream());
    CompletableFuture<Void> stdin = CompletableFuture.runAsync(() -> feed(process, source), daemonExecutor());
    try {
      int exit = process.waitFor();
      byte[] error = stderr.get();
      byte[] picture = stdout.get();
      joinQuietly(stdin);
      if (exit != 0) {
        throw new Torchviz4jException("Graphviz's dot (" + dot + " " + type + ") failed with exit code "
            + exit + ": " + new String(error, StandardCharsets.UTF_8).strip());
      }
      return picture;
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new Torchviz4jException("interrupted while waiting for Graphviz's dot", e);
    } catch (ExecutionException e) {
      process.destroyForcibly();
      throw new IOException("cannot read the output of Graphviz's dot: " + e.getCause(), e.getCause());
    }
  }

  /** Writes the DOT text; if dot exits early, the broken pipe is reported through its exit code. */
  private static void feed(Process process, byte[] source) {
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(source);
    } catch (IOException e) {
      // dot stopped reading (it failed); its exit code and stderr say why.
    }
  }

  private static CompletableFuture<byte[]> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (InputStream in = stream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, daemonExecutor());
  }

  private static void joinQuietly(CompletableFuture<Void> future) throws InterruptedException {
    try {
      future.get();
    } catch (ExecutionException e) {
      // feed() swallows its own failures; nothing else can fail here.
    }
  }

  /** One daemon thread per stream: the common pool may be small or busy, and these threads block. */
  private static Executor daemonExecutor() {
    return task -> {
      Thread thread = new Thread(task, "torchviz4j-graphviz-io");
      thread.setDaemon(true);
      thread.start();
    };
  }
}

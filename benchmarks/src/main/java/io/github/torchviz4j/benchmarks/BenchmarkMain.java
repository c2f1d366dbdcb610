package io.github.torchviz4j.benchmarks;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.TorchViz;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import io.github.torchviz4j.render.dot.DotWriter;
import io.github.torchviz4j.render.png.PngWriter;
import io.github.torchviz4j.render.svg.SvgWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.global.torch;

/**
 * Measures torchviz4j on a fixed set of big graphs and compares it with Graphviz's {@code dot
 * -Tsvg} on our own DOT, in the same run. Prints two Markdown tables (times, memory) and writes
 * them, with the machine, to {@code <out>/results.md}.
 *
 * <p>Per graph: each phase (capture, DOT text, layout, SVG, PNG) is run {@code --warmup} times,
 * then timed {@code --runs} times and reported as the median; end to end (capture + layout + SVG
 * written to a file) likewise. {@code dot} runs {@code --dot-runs} times (once if a run takes over
 * a minute), capped at {@code --dot-timeout} seconds. Memory: the heap the captured graph keeps,
 * peak heap above the live baseline during capture and during end to end, JavaCPP wrappers left
 * after capture, and the process's resident memory before building the model and after freeing it.
 *
 * <p>Arguments: {@code --runs N} (5), {@code --warmup N} (2), {@code --dot-runs N} (3), {@code
 * --dot-timeout S} (300), {@code --no-dot}, {@code --only a,b}, {@code --out DIR}
 * (benchmarks/target/bench), {@code --no-heap-check}.
 *
 * <p>The graphs: {@code big_chain} and the transformers follow {@code refs/README.md};
 * {@code transformer12} and {@code transformer48} replay Python's {@code TransformerEncoder} op for
 * op (4,223 nodes at 48 layers, the graph the issue timed Graphviz on), {@code transformer48_nn} is
 * libtorch's own C++ encoder, whose attention has fewer ops (3,362 nodes).
 */
public final class BenchmarkMain {
  private static final double MB = 1024.0 * 1024.0;

  private final Settings settings;
  private final PrintStream log = System.err;

  private BenchmarkMain(Settings settings) {
    this.settings = settings;
  }

  /** One graph of the set. */
  private record Case(String name, String recipe, Supplier<Models.Built> build, boolean render) {}

  /** What was measured for one graph; times in milliseconds, memory in bytes. */
  private record Result(String name, String recipe, int nodes, int edges, double captureMs, double dotTextMs,
      double layoutMs, double svgMs, double pngMs, String pngPixels, double endToEndMs,
      OptionalDouble dotSeconds, String dotNote, long graphHeap, long capturePeakHeap, long endToEndPeakHeap,
      long wrappersLeft, long rssBefore, long rssAfter) {}

  private record Settings(int runs, int warmup, int dotRuns, long dotTimeout, boolean dot, List<String> only,
      Path out, boolean heapCheck) {}

  static List<Case> cases() {
    return List.of(
        new Case("big_chain", "2,000 x tanh(x*1.01+0.1)", () -> Models.chain(2000), true),
        new Case("transformer12", "Python's TransformerEncoder op for op, 12 layers",
            () -> Models.pythonTransformer(12), true),
        new Case("transformer48", "Python's TransformerEncoder op for op, 48 layers",
            () -> Models.pythonTransformer(48), true),
        new Case("transformer48_nn", "libtorch's C++ nn::TransformerEncoder, 48 layers",
            () -> Models.libtorchTransformer(48), true),
        new Case("rnn100", "an RNN cell unrolled 100 steps", () -> Models.rnn(100), true),
        new Case("chain20k", Models.chainIterations(20_000) + " x tanh(x*1.01+0.1)",
            () -> Models.chain(Models.chainIterations(20_000)), true),
        new Case("chain100k", Models.chainIterations(100_000) + " x tanh(x*1.01+0.1)",
            () -> Models.chain(Models.chainIterations(100_000)), false));
  }

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   * @throws Exception if a measurement fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--capture-once")) {
      captureOnce(args[1]);
      return;
    }
    new BenchmarkMain(parse(args)).run();
  }

  private static Settings parse(String[] args) {
    int runs = 5;
    int warmup = 2;
    int dotRuns = 3;
    long dotTimeout = 300;
    boolean dot = true;
    boolean heapCheck = true;
    List<String> only = List.of();
    Path out = Path.of("benchmarks", "target", "bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--dot-runs" -> dotRuns = Integer.parseInt(args[++i]);
        case "--dot-timeout" -> dotTimeout = Long.parseLong(args[++i]);
        case "--no-dot" -> dot = false;
        case "--no-heap-check" -> heapCheck = false;
        case "--only" -> only = Arrays.asList(args[++i].split(","));
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; known: --runs N,"
            + " --warmup N, --dot-runs N, --dot-timeout S, --no-dot, --only a,b, --out DIR, --no-heap-check");
      }
    }
    if (runs < 1 || warmup < 0 || dotRuns < 1 || dotTimeout < 1) {
      throw new IllegalArgumentException("--runs and --dot-runs must be at least 1, --warmup 0 or more,"
          + " --dot-timeout at least 1 second");
    }
    return new Settings(runs, warmup, dotRuns, dotTimeout, dot, only, out, heapCheck);
  }

  private static void loadLibtorch() {
    try {
      // Extract our libtorch before the first torch call, so no other libtorch is picked up.
      Loader.cacheResources(torch.class, "/org/bytedeco/pytorch/" + Loader.getPlatform() + "/");
    } catch (IOException e) {
      throw new IllegalStateException("cannot extract libtorch to ~/.javacpp/cache: " + e.getMessage(), e);
    }
    Loader.load(torch.class);
  }

  private void run() throws Exception {
    Files.createDirectories(settings.out());
    String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long loadStart = System.nanoTime();
    loadLibtorch();
    log.printf(Locale.ROOT, "libtorch loaded in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
    DotBaseline dot = settings.dot() ? DotBaseline.find(settings.dotTimeout()) : null;
    if (settings.dot() && dot == null) {
      log.println("Graphviz 'dot' is not installed (not on the PATH): skipping the dot baseline");
    }
    warmUpJvm();
    List<Result> results = new ArrayList<>();
    for (Case c : cases()) {
      if (settings.only().isEmpty() || settings.only().contains(c.name())) {
        results.add(measure(c, dot));
      }
    }
    String heapCheck = settings.heapCheck() && (settings.only().isEmpty() || settings.only().contains("chain100k"))
        ? heapCheck() : "";
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String report = report(results, dot, started, loadBefore, loadAfter, heapCheck);
    System.out.println(report);
    Files.writeString(settings.out().resolve("results.md"), report);
    log.println("wrote " + settings.out().resolve("results.md") + " and the pictures next to it");
  }

  /**
   * Runs every phase until the JIT has compiled ELK and our code: measured, a layout reaches its
   * steady speed only after 15-20 runs; a cold JVM's first runs are 3-10x slower.
   */
  private void warmUpJvm() throws IOException {
    log.println("warming up the JVM on transformer12, big_chain and a 20,000-node chain");
    try (Models.Built built = Models.pythonTransformer(12)) {
      for (int i = 0; i < 2; i++) {
        Graph graph = TorchViz.capture(built.outputs, built.params);
        new DotWriter().source(graph);
        png(layout(graph));
      }
      for (int i = 0; i < 20; i++) {
        new SvgWriter().svg(layout(TorchViz.capture(built.outputs, built.params)));
      }
    }
    try (Models.Built built = Models.chain(2000)) {
      for (int i = 0; i < 10; i++) {
        new SvgWriter().svg(layout(TorchViz.capture(built.outputs, built.params)));
      }
    }
    try (Models.Built built = Models.chain(Models.chainIterations(20_000))) {
      Graph graph = TorchViz.capture(built.outputs, built.params);
      new SvgWriter().svg(layout(graph));
    }
  }

  private Result measure(Case c, DotBaseline dot) throws Exception {
    log.println("== " + c.name());
    Heap.collect();
    long rssBefore = Pointer.physicalBytes();
    Result result;
    try (Models.Built built = c.build().get()) {
      Heap.collect();
      long wrappersBefore = Pointer.totalCount();
      long heapBefore = Heap.used();
      Heap.resetPeak();
      Graph graph = TorchViz.capture(built.outputs, built.params);
      long capturePeak = Heap.peak() - heapBefore;
      long wrappersLeft = Pointer.totalCount() - wrappersBefore;
      Heap.collect();
      long graphHeap = Heap.used() - heapBefore;
      int nodes = graph.nodes().size();
      int edges = graph.edges().size();
      log.printf(Locale.ROOT, "   %,d nodes, %,d edges; graph keeps %.1f MB of heap%n", nodes, edges, graphHeap / MB);

      double captureMs = median(() -> TorchViz.capture(built.outputs, built.params));
      String[] dotText = new String[1];
      double dotTextMs = median(() -> dotText[0] = new DotWriter().source(graph));
      Path dotFile = settings.out().resolve(c.name() + ".gv");
      Files.writeString(dotFile, dotText[0]);
      log.printf(Locale.ROOT, "   capture %.0f ms, DOT %.0f ms%n", captureMs, dotTextMs);

      double layoutMs = Double.NaN;
      double svgMs = Double.NaN;
      double pngMs = Double.NaN;
      String pngPixels = "";
      double endToEndMs = Double.NaN;
      long endToEndPeak = -1;
      if (c.render()) {
        Layout[] layout = new Layout[1];
        layoutMs = median(() -> layout[0] = layout(graph));
        svgMs = median(() -> new SvgWriter().svg(layout[0]).getBytes(StandardCharsets.UTF_8));
        Files.writeString(settings.out().resolve(c.name() + ".svg"), new SvgWriter().svg(layout[0]));
        byte[][] png = new byte[1][];
        pngMs = median(() -> png[0] = png(layout[0]));
        Files.write(settings.out().resolve(c.name() + ".png"), png[0]);
        BufferedImage image = ImageIO.read(settings.out().resolve(c.name() + ".png").toFile());
        pngPixels = image.getWidth() + "x" + image.getHeight();
        log.printf(Locale.ROOT, "   layout %.0f ms, SVG %.0f ms, PNG %.0f ms (%s px)%n", layoutMs, svgMs, pngMs,
            pngPixels);
        Path e2eFile = settings.out().resolve(c.name() + ".e2e.svg");
        // What a user's program does: make_dot with the defaults, then save as SVG.
        Runnable endToEnd = () -> save(TorchViz.makeDot(built.outputs, built.params, MakeDotOptions.defaults()),
            e2eFile);
        layout[0] = null;
        Heap.collect();
        long e2eHeapBefore = Heap.used();
        Heap.resetPeak();
        endToEnd.run();
        endToEndPeak = Heap.peak() - e2eHeapBefore;
        endToEndMs = median(endToEnd::run);
        log.printf(Locale.ROOT, "   end to end %.0f ms, peak heap +%.0f MB%n", endToEndMs, endToEndPeak / MB);
      }
      OptionalDouble dotSeconds = OptionalDouble.empty();
      String dotNote = "";
      if (dot == null) {
        dotNote = settings.dot() ? "dot not installed" : "not run (--no-dot)";
      } else if (!c.render()) {
        dotNote = "not run (capture and DOT only)";
      } else {
        DotRun run = timeDot(dot, dotFile, settings.out().resolve(c.name() + ".dot.svg"));
        dotSeconds = run.seconds();
        dotNote = run.note();
        log.println("   dot -Tsvg: " + (dotSeconds.isPresent()
            ? String.format(Locale.ROOT, "%.1f s", dotSeconds.getAsDouble()) : "") + " " + dotNote);
      }
      result = new Result(c.name(), c.recipe(), nodes, edges, captureMs, dotTextMs, layoutMs, svgMs, pngMs,
          pngPixels, endToEndMs, dotSeconds, dotNote, graphHeap, capturePeak, endToEndPeak, wrappersLeft,
          rssBefore, 0);
    }
    Heap.collect();
    long rssAfter = Pointer.physicalBytes();
    log.printf(Locale.ROOT, "   resident memory %.0f MB before the model, %.0f MB after freeing it%n",
        rssBefore / MB, rssAfter / MB);
    return new Result(result.name(), result.recipe(), result.nodes(), result.edges(), result.captureMs(),
        result.dotTextMs(), result.layoutMs(), result.svgMs(), result.pngMs(), result.pngPixels(),
        result.endToEndMs(), result.dotSeconds(), result.dotNote(), result.graphHeap(), result.capturePeakHeap(),
        result.endToEndPeakHeap(), result.wrappersLeft(), rssBefore, rssAfter);
  }

  private record DotRun(OptionalDouble seconds, String note) {}

  private DotRun timeDot(DotBaseline dot, Path dotFile, Path svgFile) throws IOException, InterruptedException {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < settings.dotRuns(); i++) {
      OptionalDouble t = dot.time(dotFile, svgFile);
      if (t.isEmpty()) {
        return new DotRun(OptionalDouble.empty(), "did not finish in " + dot.timeoutSeconds() + " s");
      }
      times.add(t.getAsDouble());
      if (t.getAsDouble() > 60) {
        break;
      }
    }
    return new DotRun(OptionalDouble.of(median(times)), times.size() == 1 ? "(1 run)" : "");
  }

  /** The layout {@link Digraph#save} draws with the default options. */
  private static Layout layout(Graph graph) {
    return Scene.of(graph, RenderOptions.defaults()).layout(Format.SVG);
  }

  private static byte[] png(Layout layout) {
    BufferedImage image = new PngWriter().image(layout, RenderOptions.defaults());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }

  private static void save(Digraph digraph, Path file) {
    try {
      digraph.save(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  /** Warm-up runs, then the median of the timed runs, in milliseconds. */
  private double median(Runnable task) {
    for (int i = 0; i < settings.warmup(); i++) {
      task.run();
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < settings.runs(); i++) {
      long start = System.nanoTime();
      task.run();
      times.add((System.nanoTime() - start) / 1e6);
    }
    log.println("     runs (ms): " + times.stream().map(t -> String.format(Locale.ROOT, "%.0f", t)).toList());
    return median(times);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * Captures the 100,000-node chain in a fresh JVM limited to 200 MB of heap: proof that capture
   * fits, independent of how the pools count garbage.
   */
  private String heapCheck() throws IOException, InterruptedException {
    log.println("== heap check: chain100k capture in a JVM with -Xmx200m");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx200m", "-Xss16m", "-cp",
        System.getProperty("java.class.path"), BenchmarkMain.class.getName(), "--capture-once", "chain100k")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    String verdict = done && p.exitValue() == 0 ? output
        : "FAILED (exit " + (done ? p.exitValue() : "timeout") + "): " + output;
    log.println("   " + verdict);
    return verdict;
  }

  /** Child-JVM entry: build one case, capture it 3 times, print the times and the heap. */
  private static void captureOnce(String name) {
    loadLibtorch();
    Case c = cases().stream().filter(k -> k.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no case " + name));
    try (Models.Built built = c.build().get()) {
      List<Double> times = new ArrayList<>();
      int nodes = 0;
      for (int i = 0; i < 4; i++) {
        long start = System.nanoTime();
        Graph graph = TorchViz.capture(built.outputs, built.params);
        times.add((System.nanoTime() - start) / 1e6);
        nodes = graph.nodes().size();
      }
      System.out.printf(Locale.ROOT, "-Xmx200m: captured %,d nodes 4 times without running out of heap"
              + " (max heap %.0f MB); times %s ms%n", nodes, Runtime.getRuntime().maxMemory() / MB,
          times.stream().map(t -> String.format(Locale.ROOT, "%.0f", t)).toList());
    }
  }

  private String report(List<Result> results, DotBaseline dot, String started, double loadBefore,
      double loadAfter, String heapCheck) throws IOException, InterruptedException {
    StringBuilder s = new StringBuilder();
    s.append("Run ").append(started).append(": ").append(settings.runs()).append(" timed runs after ")
        .append(settings.warmup()).append(" warm-up run(s) per phase, medians; warm JVM.\n");
    s.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(memTotal()).append(" RAM, Java ").append(System.getProperty("java.vm.version")).append(" (")
        .append(System.getProperty("java.vm.name")).append("), max heap ")
        .append(String.format(Locale.ROOT, "%.0f MB", Runtime.getRuntime().maxMemory() / MB)).append(", ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(".\n");
    s.append(String.format(Locale.ROOT, "Load average (1 min): %.2f at start, %.2f at end.%n", loadBefore,
        loadAfter));
    s.append("Graphviz: ").append(dot == null ? "not run" : dot.version()).append(".\n\n");
    s.append("| graph | nodes | edges | capture ms | DOT ms | layout ms | SVG ms | PNG ms (px) | end to end ms"
        + " | dot -Tsvg s | dot / ours |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      s.append("| ").append(r.name()).append(" | ").append(String.format(Locale.ROOT, "%,d", r.nodes()))
          .append(" | ").append(String.format(Locale.ROOT, "%,d", r.edges()))
          .append(" | ").append(ms(r.captureMs())).append(" | ").append(ms(r.dotTextMs()))
          .append(" | ").append(ms(r.layoutMs())).append(" | ").append(ms(r.svgMs()))
          .append(" | ").append(Double.isNaN(r.pngMs()) ? "–" : ms(r.pngMs()) + " (" + r.pngPixels() + ")")
          .append(" | ").append(ms(r.endToEndMs())).append(" | ");
      if (r.dotSeconds().isPresent()) {
        s.append(String.format(Locale.ROOT, "%.2f", r.dotSeconds().getAsDouble()));
        if (!r.dotNote().isEmpty()) {
          s.append(' ').append(r.dotNote());
        }
        s.append(" | ").append(String.format(Locale.ROOT, "%.1f×",
            r.dotSeconds().getAsDouble() * 1000 / r.endToEndMs()));
      } else {
        s.append(r.dotNote().isEmpty() ? "–" : r.dotNote());
        s.append(" | ").append(r.dotNote().startsWith("did not finish")
            ? String.format(Locale.ROOT, "> %.0f×", settings.dotTimeout() * 1000 / r.endToEndMs()) : "–");
      }
      s.append(" |\n");
    }
    s.append("\n| graph | graph on heap MB | peak heap, capture MB | peak heap, end to end MB"
        + " | wrappers left after capture | resident MB: before model / after freeing it |\n");
    s.append("|---|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      s.append("| ").append(r.name())
          .append(" | ").append(mb(r.graphHeap()))
          .append(" | ").append(mb(r.capturePeakHeap()))
          .append(" | ").append(r.endToEndPeakHeap() < 0 ? "–" : mb(r.endToEndPeakHeap()))
          .append(" | ").append(r.wrappersLeft())
          .append(" | ").append(mb(r.rssBefore())).append(" / ").append(mb(r.rssAfter()))
          .append(" |\n");
    }
    if (!heapCheck.isEmpty()) {
      s.append("\nchain100k ").append(heapCheck).append('\n');
    }
    return s.toString();
  }

  private static String ms(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.0f", bytes / MB);
  }

  private static String memTotal() throws IOException {
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.isReadable(meminfo)) {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.0f GB", kb / 1024.0 / 1024.0);
        }
      }
    }
    return "unknown";
  }
}

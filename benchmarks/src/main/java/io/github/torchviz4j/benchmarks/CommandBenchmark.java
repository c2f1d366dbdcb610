package io.github.torchviz4j.benchmarks;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.TensorFiles;
import io.github.torchviz4j.pytorch.TorchScriptModel;
import io.github.torchviz4j.pytorch.TorchViz;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;

/**
 * Measures what users run: whole-process, cold runs of {@code bin/torchviz4j MODEL.pt --input ...
 * -o out.svg} on TorchScript files of real architectures, side by side in one run with Python's
 * torchviz pipeline ({@code torch.jit.load} + {@code make_dot} + Graphviz, with each Python given,
 * when it has {@code torch} and {@code torchviz}; a message otherwise) and with {@code dot -Tsvg}
 * alone on the same graph's DOT. Each round runs every model once in every configuration, so that
 * the machine's load hits them alike; the tables give medians over the rounds. The start-up
 * measures of {@code bin/torchviz4j} are switched off one at a time through its environment
 * ({@code TORCHVIZ4J_CDS=0}, {@code TORCHVIZ4J_NATIVE_PATH=0}, {@code JAVA_OPTS}), to show what each
 * gives. Then, in this JVM (warm),
 * the in-process numbers with the command's defaults (module clusters on), and the command's peak
 * resident memory on the big generated models ({@link ScriptedModels}).
 *
 * <p>Arguments: {@code --bench DIR} (required: a directory of directories, each with a
 * TorchScript {@code model.pt} and its {@code input0.pt}, {@code input1.pt}...), {@code --launcher FILE} ({@code bin/torchviz4j}), {@code --runs
 * N} (5), {@code --measure-runs N} (3; rounds for the start-up measures), {@code --no-measures},
 * {@code --no-big}, {@code --out DIR} ({@code benchmarks/target/command}), {@code --python COMMAND}
 * (repeatable: each Python to compare with, e.g. two PyTorch versions; {@code python3} when none
 * is given).
 */
public final class CommandBenchmark {
  private static final String TIME = "/usr/bin/time";

  /** The Python pipeline of {@code bench/README.md}, as a user would run it. */
  private static final String PYTHON_PIPELINE = String.join("\n",
      "import sys, glob, torch",
      "from torchviz import make_dot",
      "m = torch.jit.load(sys.argv[1] + \"/model.pt\")",
      "y = m(*[torch.load(f) for f in sorted(glob.glob(sys.argv[1] + \"/input[0-9].pt\"))])",
      "g = make_dot(y, params=dict(m.named_parameters())); g.format = \"svg\"; g.render(\"out\", cleanup=True)",
      "");

  /** A way to run the command: a name and the environment it runs with. */
  private record Variant(String name, String what, Map<String, String> env) {}

  /** The command with all start-up measures, then with each switched off, then with none. */
  private static final List<Variant> VARIANTS = List.of(
      new Variant("all measures", "the launcher as shipped", Map.of()),
      new Variant("no CDS archive", "TORCHVIZ4J_CDS=0", Map.of("TORCHVIZ4J_CDS", "0")),
      new Variant("JavaCPP searches for libtorch", "TORCHVIZ4J_NATIVE_PATH=0", Map.of("TORCHVIZ4J_NATIVE_PATH", "0")),
      new Variant("libtorch's threads as they come", "TORCHVIZ4J_LIBTORCH_THREADS=0",
          Map.of("TORCHVIZ4J_LIBTORCH_THREADS", "0")),
      new Variant("the JVM's metaspace threshold", "JAVA_OPTS=-XX:MetaspaceSize=21m",
          Map.of("JAVA_OPTS", "-XX:MetaspaceSize=21m")),
      new Variant("no warm-up thread", "JAVA_OPTS=-Dtorchviz4j.warmUp=false",
          Map.of("JAVA_OPTS", "-Dtorchviz4j.warmUp=false")),
      new Variant("the JVM's exit", "JAVA_OPTS=-Dtorchviz4j.quickExit=false",
          Map.of("JAVA_OPTS", "-Dtorchviz4j.quickExit=false")),
      new Variant("two compiler threads", "JAVA_OPTS=-XX:CICompilerCount=2",
          Map.of("JAVA_OPTS", "-XX:CICompilerCount=2")),
      new Variant("C2 as well as C1", "JAVA_OPTS=-XX:TieredStopAtLevel=4", Map.of("JAVA_OPTS", "-XX:TieredStopAtLevel=4")),
      new Variant("G1 collector", "JAVA_OPTS=-XX:+UseG1GC", Map.of("JAVA_OPTS", "-XX:+UseG1GC")),
      new Variant("none of them", "CDS, libtorch's folders and threads, C1 only and one compiler thread,"
          + " serial collector, metaspace threshold, warm-up and quick exit off (the jars stay unsigned)",
          Map.of("TORCHVIZ4J_CDS", "0", "TORCHVIZ4J_NATIVE_PATH", "0", "TORCHVIZ4J_LIBTORCH_THREADS", "0",
              "JAVA_OPTS", "-XX:TieredStopAtLevel=4 -XX:+UseG1GC -XX:MetaspaceSize=21m -Dtorchviz4j.warmUp=false"
              + " -Dtorchviz4j.quickExit=false")));

  /**
   * A Python to run the pipeline with.
   *
   * @param command how to start it
   * @param status "Python X with torch A and torchviz B", or why the pipeline cannot run
   * @param torch the PyTorch version, or null when the pipeline cannot run
   */
  private record Python(String command, String status, String torch) {}

  /** One process run: wall, CPU (user + system) seconds and peak resident memory. */
  private record Sample(double wall, double cpu, long maxRssKb) {}

  private record Settings(Path bench, Path launcher, int runs, int measureRuns, boolean measures, boolean big,
      Path out, List<String> pythons) {}

  private final Settings settings;
  private final StringBuilder report = new StringBuilder();

  private CommandBenchmark(Settings settings) {
    this.settings = settings;
  }

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    new CommandBenchmark(parse(args)).run();
  }

  private static Settings parse(String[] args) {
    Path bench = null;
    Path launcher = Path.of("bin/torchviz4j");
    int runs = 5;
    int measureRuns = 3;
    boolean measures = true;
    boolean big = true;
    Path out = Path.of("benchmarks/target/command");
    List<String> pythons = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bench" -> bench = Path.of(args[++i]);
        case "--launcher" -> launcher = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--measure-runs" -> measureRuns = Integer.parseInt(args[++i]);
        case "--no-measures" -> measures = false;
        case "--no-big" -> big = false;
        case "--out" -> out = Path.of(args[++i]);
        case "--python" -> pythons.add(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; see CommandBenchmark's class comment");
      }
    }
    if (bench == null) {
      throw new IllegalArgumentException("give --bench DIR: a directory of model directories, each with a TorchScript"
          + " model.pt and its input0.pt, input1.pt...");
    }
    return new Settings(bench, launcher.toAbsolutePath(), runs, measureRuns, measures, big, out.toAbsolutePath(),
        pythons.isEmpty() ? List.of("python3") : List.copyOf(pythons));
  }

  private void run() throws Exception {
    Files.createDirectories(settings.out());
    List<Path> models;
    try (Stream<Path> dirs = Files.list(settings.bench())) {
      models = dirs.filter(d -> Files.isRegularFile(d.resolve("model.pt"))).sorted().toList();
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no model.pt under " + settings.bench() + "; give --bench DIR");
    }
    String started = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Python> pythons = settings.pythons().stream().map(CommandBenchmark::python).toList();
    pythons.forEach(p -> log("python: " + p.status()));

    // One untimed run first: builds the jar if needed and makes the class-data-sharing archive, as
    // a user's first run does; every timed run after it is a fresh JVM ("cold").
    Sample first = command(models.get(0), Map.of(), "first.svg");
    log(String.format(Locale.ROOT, "first run (makes the CDS archive if this build has none): %.2f s",
        first.wall()));

    Map<String, List<Sample>> ours = new LinkedHashMap<>();
    Map<String, List<Sample>> py = new LinkedHashMap<>(); // by Python command and model
    Map<String, List<Double>> dot = new LinkedHashMap<>();
    Map<String, Integer> nodes = new LinkedHashMap<>();
    for (Path model : models) {
      String name = model.getFileName().toString();
      Path gv = settings.out().resolve(name + ".gv");
      command(model, Map.of(), gv.getFileName().toString());
      nodes.put(name, (int) Files.readAllLines(gv).stream().filter(l -> l.matches("\\s*\\S+ \\[label=.*")).count());
    }
    for (int round = 0; round < settings.runs(); round++) {
      for (Path model : models) {
        String name = model.getFileName().toString();
        ours.computeIfAbsent(name, k -> new ArrayList<>()).add(command(model, Map.of(), name + ".svg"));
        for (Python python : pythons) {
          if (python.torch() != null) {
            py.computeIfAbsent(python.command() + "|" + name, k -> new ArrayList<>()).add(pipeline(python, model));
          }
        }
        dot.computeIfAbsent(name, k -> new ArrayList<>()).add(dot(settings.out().resolve(name + ".gv")));
      }
      log("round " + (round + 1) + " of " + settings.runs() + " done");
    }

    header(started, loadBefore, pythons, first);
    commandTable(models, nodes, ours, py, dot, pythons);
    if (settings.measures()) {
      measuresTable(models);
    }
    inProcessTable(models);
    if (settings.big()) {
      bigTable();
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    report.append(String.format(Locale.ROOT, "%nLoad average (1 min): %.2f at start, %.2f at end.%n", loadBefore,
        loadAfter));
    Files.writeString(settings.out().resolve("results.md"), report.toString());
    System.out.print(report);
  }

  private void header(String started, double load, List<Python> pythons, Sample first) throws IOException {
    report.append("Command benchmark, run ").append(started).append(" UTC (`benchmarks/run.sh --command`).\n\n");
    report.append("- **Machine**: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(memTotal()).append(" RAM, ").append(System.getProperty("os.name")).append(' ')
        .append(System.getProperty("os.arch")).append(", Java ").append(System.getProperty("java.vm.version"))
        .append(String.format(Locale.ROOT, "; load average %.2f at start.%n", load));
    report.append("- **Graphviz**: ").append(firstLine("dot", "-V")).append("; **Python**: ")
        .append(pythons.stream().map(p -> "`" + p.command() + "`: " + p.status()).collect(Collectors.joining("; ")))
        .append(".\n");
    report.append(String.format(Locale.ROOT, "- The first run, which also makes the"
        + " class-data-sharing archive if this build has none (once per build and JDK): %.2f s.%n%n", first.wall()));
  }

  private void commandTable(List<Path> models, Map<String, Integer> nodes, Map<String, List<Sample>> ours,
      Map<String, List<Sample>> py, Map<String, List<Double>> dot, List<Python> pythons) {
    List<Python> ran = pythons.stream().filter(p -> p.torch() != null).toList();
    report.append(String.format(Locale.ROOT, "Whole process, cold, medians of %d rounds (min in brackets); CPU ="
        + " user + system seconds.%n%n", settings.runs()));
    report.append("| model | nodes | `bin/torchviz4j -o x.svg` s | CPU s | peak RSS MB |");
    ran.forEach(p -> report.append(" Python torchviz + dot, torch ").append(p.torch()).append(" s | ours / it |"));
    report.append(" `dot -Tsvg` alone s |\n|---|---:|---:|---:|---:|").append("---:|---:|".repeat(ran.size()))
        .append("---:|\n");
    Map<Python, List<Double>> ratios = new LinkedHashMap<>();
    for (Path model : models) {
      String name = model.getFileName().toString();
      List<Sample> o = ours.get(name);
      double wall = median(o.stream().map(Sample::wall).toList());
      report.append(String.format(Locale.ROOT, "| %s | %,d | %.2f (%.2f) | %.2f | %.0f |", name, nodes.get(name), wall,
          o.stream().mapToDouble(Sample::wall).min().orElse(0), median(o.stream().map(Sample::cpu).toList()),
          median(o.stream().map(s -> (double) s.maxRssKb()).toList()) / 1024));
      for (Python python : ran) {
        double p = median(py.get(python.command() + "|" + name).stream().map(Sample::wall).toList());
        ratios.computeIfAbsent(python, k -> new ArrayList<>()).add(wall / p);
        report.append(String.format(Locale.ROOT, " %.2f | %.2f |", p, wall / p));
      }
      report.append(String.format(Locale.ROOT, " %.2f |%n", median(dot.get(name))));
    }
    report.append('\n');
    ratios.forEach((python, r) -> report.append(String.format(Locale.ROOT,
        "Median ratio ours / Python with torch %s over the models: %.2f; worst %.2f.%n", python.torch(), median(r),
        r.stream().mapToDouble(Double::doubleValue).max().orElse(0))));
    pythons.stream().filter(p -> p.torch() == null).forEach(p -> report.append("Python pipeline not run with `")
        .append(p.command()).append("`: ").append(p.status()).append(".\n"));
  }

  private void measuresTable(List<Path> models) throws IOException, InterruptedException {
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    for (int round = 0; round < settings.measureRuns(); round++) {
      for (Path model : models) {
        for (Variant variant : VARIANTS) {
          String key = variant.name() + "|" + model.getFileName();
          samples.computeIfAbsent(key, k -> new ArrayList<>())
              .add(command(model, variant.env(), model.getFileName() + "-variant.svg"));
        }
      }
      log("measures round " + (round + 1) + " of " + settings.measureRuns() + " done");
    }
    report.append(String.format(Locale.ROOT, "%nStart-up measures, one switched off at a time: whole process, cold,"
        + " medians of %d rounds, wall s / CPU s / peak RSS MB; *vs all* = median over the models of this wall time / the"
        + " shipped launcher's.%n%n", settings.measureRuns()));
    report.append("| variant | how |");
    for (Path model : models) {
      report.append(' ').append(model.getFileName()).append(" |");
    }
    report.append(" vs all |\n|---|---|").append("---:|".repeat(models.size() + 1)).append('\n');
    for (Variant variant : VARIANTS) {
      report.append("| ").append(variant.name()).append(" | ").append(variant.what()).append(" |");
      List<Double> ratios = new ArrayList<>();
      for (Path model : models) {
        List<Sample> s = samples.get(variant.name() + "|" + model.getFileName());
        List<Sample> all = samples.get(VARIANTS.get(0).name() + "|" + model.getFileName());
        double wall = median(s.stream().map(Sample::wall).toList());
        ratios.add(wall / median(all.stream().map(Sample::wall).toList()));
        report.append(String.format(Locale.ROOT, " %.2f / %.2f / %.0f |", wall, median(s.stream().map(Sample::cpu).toList()),
            median(s.stream().map(x -> (double) x.maxRssKb()).toList()) / 1024));
      }
      report.append(String.format(Locale.ROOT, " %.2f× |%n", median(ratios)));
    }
  }

  /** The command's own work in a warm JVM, with its defaults (clusters on), and without clusters. */
  private void inProcessTable(List<Path> models) throws IOException {
    report.append("\nIn process, warm (this JVM; libtorch loaded, JIT compiled): the command's defaults, medians"
        + " of 9 runs after 5 warm-up runs, ms.\n\n");
    report.append("| model | load + forward + capture | SVG with clusters (command default) | SVG without clusters"
        + " | DOT |\n|---|---:|---:|---:|---:|\n");
    for (Path model : models) {
      List<Double> capture = new ArrayList<>();
      Graph graph = null;
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        graph = captureModel(model);
        capture.add((System.nanoTime() - start) / 1e6);
      }
      Graph captured = graph;
      Path svg = settings.out().resolve("inprocess.svg");
      Path gv = settings.out().resolve("inprocess.gv");
      double clusters = timeMs(() -> new Digraph(captured, RenderOptions.defaults().withClusters(true)).save(svg));
      double flat = timeMs(() -> new Digraph(captured, RenderOptions.defaults()).save(svg));
      double dotText = timeMs(() -> new Digraph(captured, RenderOptions.defaults()).save(gv));
      report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.1f |%n", model.getFileName(),
          median(capture.subList(1, capture.size())), clusters, flat, dotText));
    }
  }

  /** The generated big models: time, CPU and peak RSS of the whole command. */
  private void bigTable() throws Exception {
    report.append("\nBig models (made with libtorch's JIT by `ScriptedModels`), whole process, cold: SVG the median of 3"
        + " runs, PNG and HTML one run each; peak RSS from `/usr/bin/time`.\n\n");
    report.append("| model | nodes | output | wall s | CPU s | peak RSS MB |\n|---|---:|---|---:|---:|---:|\n");
    Path dir = settings.out().resolve("models");
    StringBuilder layouts = new StringBuilder();
    for (ScriptedModels.Spec spec : ScriptedModels.specs()) {
      Path model = ScriptedModels.save(spec, dir);
      // An untimed run first, for the node count ("wrote FILE: N nodes, ...").
      List<String> counting = List.of(settings.launcher().toString(), model.toString(), "--input-shape",
          spec.inputShape(), "-o", settings.out().resolve(spec.name() + ".gv").toString());
      String wrote = run(counting, settings.out());
      String nodes = wrote.replaceAll("(?s).*wrote [^:]*: ([0-9,]+) nodes.*", "$1");
      for (String output : spec.outputs()) {
        List<Sample> samples = new ArrayList<>();
        String file = spec.name() + "." + output;
        for (int i = 0; i < (output.equals("svg") ? 3 : 1); i++) {
          samples.add(command(model, Map.of(), file, spec.inputShape()));
        }
        report.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.0f |%n", spec.name(), nodes,
            output.toUpperCase(Locale.ROOT), median(samples.stream().map(Sample::wall).toList()),
            median(samples.stream().map(Sample::cpu).toList()),
            median(samples.stream().map(s -> (double) s.maxRssKb()).toList()) / 1024));
        log("big " + spec.name() + " " + output + " done");
      }
      layouts.append(layoutTimes(spec, model));
    }
    report.append("\nTheir layout alone in this JVM, warm (`Scene.layout`, SVG): medians of 5 runs after 3 warm-up runs,"
        + " ms, and the cost estimate (`ElkLayoutEngine.cost`, the median of 5 warm runs).\n\n");
    report.append("| model | nodes | layout, clusters on (command default) | layout, clusters off | estimate: units"
        + " (nodes + boxes + bends) | estimate ms |\n|---|---:|---:|---:|---|---:|\n").append(layouts);
  }

  private static String layoutTimes(ScriptedModels.Spec spec, Path model) {
    Graph graph;
    try (TorchScriptModel loaded = TorchScriptModel.load(model)) {
      List<Tensor> outputs = loaded.forward(io.github.torchviz4j.pytorch.InputSpec.randomTensors(
          List.of(io.github.torchviz4j.pytorch.InputSpec.parse(spec.inputShape())), 0));
      graph = TorchViz.capture(outputs, new LinkedHashMap<>(loaded.namedParameters()), MakeDotOptions.defaults(),
          loaded.modules());
    }
    double[] ms = new double[2];
    for (int c = 0; c < 2; c++) {
      RenderOptions options = RenderOptions.defaults().withClusters(c == 0);
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        long start = System.nanoTime();
        io.github.torchviz4j.render.Scene.of(graph, options).layout(io.github.torchviz4j.render.Format.SVG);
        if (i >= 3) {
          times.add((System.nanoTime() - start) / 1e6);
        }
      }
      ms[c] = median(times);
    }
    io.github.torchviz4j.layout.LayoutCost cost = null;
    List<Double> estimate = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      cost = new io.github.torchviz4j.layout.elk.ElkLayoutEngine().cost(graph,
          RenderOptions.defaults().withClusters(true).layout());
      estimate.add((System.nanoTime() - start) / 1e6);
    }
    return String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %,d (%,d + %,d + %,d) | %.1f |%n",
        spec.name(), graph.nodes().size(), ms[0], ms[1], cost.total(), cost.nodes(), cost.placed(), cost.bends(),
        median(estimate));
  }

  private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  private Graph captureModel(Path model) {
    try (TorchScriptModel loaded = TorchScriptModel.load(model.resolve("model.pt"))) {
      List<Tensor> inputs = new ArrayList<>();
      for (Path input : inputs(model)) {
        inputs.add(TensorFiles.load(input));
      }
      List<Tensor> outputs = loaded.forward(inputs);
      return TorchViz.capture(outputs, new LinkedHashMap<>(loaded.namedParameters()), MakeDotOptions.defaults(),
          loaded.modules());
    }
  }

  private interface Work {
    void run() throws IOException;
  }

  private static double timeMs(Work work) throws IOException {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      long start = System.nanoTime();
      work.run();
      if (i >= 5) {
        times.add((System.nanoTime() - start) / 1e6);
      }
    }
    return median(times);
  }

  private static List<Path> inputs(Path model) {
    try (Stream<Path> files = Files.list(model)) {
      return files.filter(f -> f.getFileName().toString().matches("input[0-9]\\.pt")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Sample command(Path model, Map<String, String> env, String output) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(settings.launcher().toString(), model.resolve("model.pt").toString()));
    for (Path input : inputs(model)) {
      args.add("--input");
      args.add(input.toString());
    }
    args.addAll(List.of("-q", "-o", settings.out().resolve(output).toString()));
    return timed(args, env, settings.out());
  }

  private Sample command(Path model, Map<String, String> env, String output, String inputShape)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(settings.launcher().toString(), model.toString(), "--input-shape",
        inputShape, "-q", "-o", settings.out().resolve(output).toString()));
    return timed(args, env, settings.out());
  }

  private Sample pipeline(Python python, Path model) throws IOException, InterruptedException {
    Path script = settings.out().resolve("torchviz_pipeline.py");
    if (!Files.exists(script)) {
      Files.writeString(script, PYTHON_PIPELINE);
    }
    Path work = Files.createDirectories(settings.out().resolve("python"));
    return timed(List.of(python.command(), script.toString(), model.toAbsolutePath().toString()), Map.of(), work);
  }

  private double dot(Path gv) throws IOException, InterruptedException {
    return timed(List.of("dot", "-Tsvg", gv.toString(), "-o", gv + ".dot.svg"), Map.of(), settings.out()).wall();
  }

  /** Runs a process under {@code /usr/bin/time} when there is one, and fails if it fails. */
  private static Sample timed(List<String> command, Map<String, String> env, Path dir)
      throws IOException, InterruptedException {
    boolean time = Files.isExecutable(Path.of(TIME));
    Path stats = Files.createTempFile("torchviz4j-time", ".txt");
    List<String> full = new ArrayList<>();
    if (time) {
      full.addAll(List.of(TIME, "-o", stats.toString(), "-f", "%e %U %S %M"));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
    double wall = (System.nanoTime() - start) / 1e9;
    try {
      if (!time) {
        return new Sample(wall, Double.NaN, 0);
      }
      List<String> lines = Files.readAllLines(stats);
      String[] f = lines.get(lines.size() - 1).trim().split(" ");
      return new Sample(Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]),
          Long.parseLong(f[3]));
    } finally {
      Files.deleteIfExists(stats);
    }
  }

  /** What {@code command} is: its Python, torch and torchviz versions, or why the pipeline cannot run. */
  private static Python python(String command) {
    try {
      Process p = new ProcessBuilder(command, "-c",
          "import sys, torch, torchviz; print(sys.version.split()[0], torch.__version__,"
              + " getattr(torchviz, '__version__', '?'))").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        String last = text.lines().reduce((a, b) -> b).orElse(text);
        return new Python(command, "it has no torch and torchviz (" + last + "); install them"
            + " (`pip install torch torchviz`) to compare", null);
      }
      String[] v = text.lines().reduce((a, b) -> b).orElse(text).split(" ");
      String torchviz = v[2].equals("?") ? "torchviz (it gives no version)" : "torchviz " + v[2];
      return new Python(command, "Python " + v[0] + " with torch " + v[1] + " and " + torchviz, v[1]);
    } catch (IOException e) {
      return new Python(command, "it cannot be started (" + e.getMessage() + ")", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Python(command, "interrupted", null);
    }
  }


  private static String firstLine(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor();
      return text.lines().findFirst().orElse("?");
    } catch (IOException e) {
      return "not found";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().collect(Collectors.toList());
    int n = sorted.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String memTotal() throws IOException {
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.isReadable(meminfo)) {
      for (String line : Files.readAllLines(meminfo)) {
        if (line.startsWith("MemTotal:")) {
          return String.format(Locale.ROOT, "%.0f GB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
        }
      }
    }
    return "unknown";
  }

  private static void log(String message) {
    System.err.println("command benchmark: " + message);
  }
}

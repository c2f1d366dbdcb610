package io.github.torchviz4j.cli;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.graph.SavedBytes;
import io.github.torchviz4j.internal.InputFiles;
import io.github.torchviz4j.internal.OutputFiles;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.LibtorchUnavailableException;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.Reduction;
import io.github.torchviz4j.pytorch.export.ExportedProgram;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code torchviz4j MODEL.pt -o OUT [options]}: runs a TorchScript model or a {@code torch.export}
 * archive ({@code .pt2}) once and draws its autograd graph, as torchviz's {@code make_dot(model(x),
 * params=dict(model.named_parameters()))}; {@code --forward} draws a {@code .pt2}'s forward graph.
 */
@Command(
    name = "torchviz4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Draws the autograd graph of a TorchScript model or a torch.export archive (.pt2), as Python's torchviz.make_dot does:"
          + " runs forward once on the given inputs and writes the graph behind its outputs.",
      "Blue: parameters (named from named_parameters()) and inputs that require grad;"
          + " gray: backward functions; green: outputs."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  torchviz4j model.pt --input x.pt -o model.svg",
      "  torchviz4j resnet.pt --input-shape 1,3,224,224 --eval -o resnet.png",
      "  torchviz4j bert.pt --input-shape 1,128:int64:0..30522 -o bert.pdf",
      "  torchviz4j encoder.pt --input-shape 2,10,64 --reduce sum -o encoder.gv",
      "  torchviz4j model.pt2 -o model.svg           (runs the archive's sample inputs)",
      "  torchviz4j model.pt2 --forward -o forward.svg",
      "  torchviz4j check model.pt --input x.pt --reduce sum   (gradient check for CI; see check --help)",
      "",
      "Exit codes: 0 written, 1 failure (file, model, forward, output),",
      "2 usage error, 3 libtorch missing; check: 4 when a gradient is missing, zero, NaN or Inf."
    },
    exitCodeOnInvalidInput = ExitCode.USAGE,
    exitCodeOnExecutionException = ExitCode.FAILURE)
public final class Torchviz4jCommand implements Callable<Integer> {

  // Neither MODEL nor -o is required to picocli, which would demand them before a subcommand
  // (`torchviz4j check ...`) too; call() asks for them with picocli's own message.
  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.pt",
      description = "TorchScript archive (torch.jit.save of a traced or scripted module), or torch.export"
          + " archive (.pt2, torch.export.save; PyTorch 2.8 or later).")
  private Path model = Path.of("");

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "File to write; its extension gives the format unless --format is given: gv or dot (Graphviz"
          + " DOT), svg, png, pdf, html or htm (interactive viewer), json (graph and layout).")
  private @Nullable Path output;

  @Option(names = "--input", paramLabel = "FILE.pt",
      description = "A tensor saved by Python's torch.save; repeat once per forward argument, in order.")
  private List<Path> inputFiles = new ArrayList<>();

  @Option(names = "--input-shape", paramLabel = "SHAPE[:DTYPE[:LOW..HIGH]]",
      description = {"A random input; repeat once per forward argument, in order. SHAPE is sizes separated by"
          + " commas (() for 0-D); DTYPE float32 (default), float64, float16, bfloat16, int64, int32, int16, int8,"
          + " uint8 or bool; LOW..HIGH the value range, HIGH excluded (integers default to 0..10, floats are"
          + " standard normal). E.g. 1,3,224,224 or 1,128:int64:0..30522."})
  private List<String> inputShapes = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
      description = "Seed for --input-shape values (torch.manual_seed). Default: ${DEFAULT-VALUE}.")
  private long seed;

  @ArgGroup(exclusive = true)
  private @Nullable Mode mode;

  @Option(names = "--reduce", paramLabel = "sum|mean",
      description = "Reduce each non-scalar output to a scalar before drawing, as make_dot(model(x).sum()) does:"
          + " adds a SumBackward0 or MeanBackward0 node.")
  private @Nullable Reduction reduce;

  @Option(names = "--name-inputs",
      description = "Name inputs that require grad after forward's arguments (as make_dot(y, params={'w': w}));"
          + " by default only parameters are named, as make_dot(y, params=dict(model.named_parameters())).")
  private boolean nameInputs;

  @Option(names = "--show-saved", description = "Draw the tensors each backward function saved (orange).")
  private boolean showSaved;

  @Option(names = "--show-attrs", description = "List each backward function's saved attributes.")
  private boolean showAttrs;

  @Option(names = "--max-attr-chars", paramLabel = "N", defaultValue = "50",
      description = "Cut attribute values longer than N characters. Default: ${DEFAULT-VALUE}.")
  private int maxAttrChars;

  @Option(names = "--grad",
      description = {"Run backward from the output (reduce it first with --reduce if it is not a scalar), then"
          + " colour each parameter by its gradient's norm (log scale), mark missing, zero, NaN and Inf"
          + " gradients in red, and list parameters that are not in the graph."})
  private boolean grad;

  @Option(names = "--backward",
      description = {"Replay the backward pass on libtorch, one function at a time, and label each edge with the"
          + " gradient that flows back along it (values when small, else |grad|, the L2 norm); .json gets the"
          + " pass (\"backward\", \"tracedGrad\"), .html a stepper. Parameters' .grad stay untouched."})
  private boolean backward;

  @Option(names = "--memory",
      description = {"Show the memory each backward function holds for the backward pass (its saved tensors'"
          + " storages, counted once; parameters apart), module totals, and the graph's total in a legend and"
          + " the summary line; functions are coloured by bytes (log scale)."})
  private boolean memory;

  @Option(names = "--show-values", paramLabel = "N", defaultValue = "0",
      description = "Show the values (and gradients) of outputs and parameters with at most N elements.")
  private int showValues;

  @Option(names = "--depth", paramLabel = "N", defaultValue = "0",
      description = {"Draw every module N levels deep as one box (path, class, parameters, shapes in and out);"
          + " 0 (default) draws every op. Every dotted level counts, as in torchview: layer1 is depth 1,"
          + " layer1.0 depth 2 (see --list-modules)."})
  private int depth;

  @Option(names = "--fold",
      description = {"Draw identical consecutive sibling modules once, with their range and count"
          + " (layers.1 … layers.47 (TransformerEncoderLayer ×47)); blocks that differ stay apart."})
  private boolean fold;

  @Option(names = "--list-modules",
      description = {"Print the module tree in execution order (depth, class, parameters, functions) and exit;"
          + " needs no -o."})
  private boolean listModules;

  @Option(names = "--no-clusters",
      description = "Do not draw modules as dashed boxes around their ops (torchviz's flat picture).")
  private boolean noClusters;

  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      completionCandidates = FormatConverter.class,
      description = "Output format: ${COMPLETION-CANDIDATES}; default: from the output's extension.")
  private @Nullable Format format;

  @Option(names = "--engine", paramLabel = "elk|graphviz", defaultValue = "elk",
      description = "What lays out pictures: elk (embedded, default) or graphviz (needs dot on the PATH).")
  private Engine engine = Engine.ELK;

  @Option(names = "--forward",
      description = "For a .pt2: draw the exported program's forward graph (one node per op, with output shapes,"
          + " as Netron shows it) instead of the autograd graph. Runs nothing, unless --input or --input-shape"
          + " is given: then each op also names the backward functions it created (grad_fn).")
  private boolean forward;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing on success: no progress, no summary.")
  private boolean quiet;

  @Option(names = {"-v", "--verbose"},
      description = "Show progress even when stderr is not a terminal, and stack traces on errors.")
  private boolean verbose;

  @Spec
  private @Nullable CommandSpec spec;

  private final boolean stderrIsTerminal;

  /** Module mode: exactly one of the two, or neither to keep the file's mode. */
  static final class Mode {
    @Option(names = "--train", required = true, description = "Run forward in train mode (dropout active).")
    boolean train;

    @Option(names = "--eval", required = true, description = "Run forward in eval mode.")
    boolean eval;
  }

  /**
   * Creates the command.
   *
   * @param stderrIsTerminal whether progress may be shown (it is only shown on a terminal)
   */
  public Torchviz4jCommand(boolean stderrIsTerminal) {
    this.stderrIsTerminal = stderrIsTerminal;
  }

  @Override
  public Integer call() throws Exception {
    CommandSpec commandSpec = requireSpec();
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    Progress progress = new Progress(err, !quiet && (stderrIsTerminal || verbose));

    // Everything that can be checked without libtorch is checked first: no expensive work for a
    // command that cannot succeed.
    if (model.toString().isEmpty()) {
      throw usage("Missing required parameter: 'MODEL.pt'");
    }
    if (output == null && !listModules) {
      throw usage("Missing required option: '--output=FILE'");
    }
    Path target = output == null ? Path.of("") : output;
    Format outputFormat = listModules && output == null ? Format.SVG
        : format != null ? format : formatFromExtension(target);
    List<InputSpec> specs = inputSpecs();
    if (!specs.isEmpty() && !inputFiles.isEmpty()) {
      throw usage("give the forward inputs either as --input files or as --input-shape specs, not both");
    }
    if (maxAttrChars < 0) {
      throw usage("--max-attr-chars is " + maxAttrChars + "; give 0 or more characters");
    }
    if (showValues < 0) {
      throw usage("--show-values is " + showValues + "; give 0 or a number of elements");
    }
    if (depth < 0) {
      throw usage("--depth is " + depth + "; give 0 to draw every op, or a module depth from 1");
    }
    requireReadable(model, "model");
    for (Path file : inputFiles) {
      requireReadable(file, "input");
    }
    if (output != null) {
      requireWritableTarget(target);
    }

    MakeDotOptions options = MakeDotOptions.builder()
        .showSaved(showSaved)
        .showAttrs(showAttrs)
        .showGradients(grad)
        .showValues(showValues)
        .showMemory(memory)
        .maxAttrChars(maxAttrChars)
        .showBackward(backward)
        .build();
    RenderOptions render = RenderOptions.defaults().withEngine(engine).withClusters(!noClusters).withDepth(depth)
        .withFold(fold).withMaxAttrChars(maxAttrChars).withShowBackward(backward);
    Boolean train = mode == null ? null : Boolean.valueOf(mode.train);
    boolean exported = ExportedProgram.isArchive(model);
    if (exported && train != null) {
      throw usage("--train/--eval do not apply to a .pt2 archive: its graph was exported in one mode;"
          + " export it again in the other mode");
    }
    if (backward && forward) {
      throw usage("--backward labels the autograd graph with gradients; --forward draws the forward graph,"
          + " which has none: leave out one of them");
    }
    if (forward && !exported) {
      throw usage("--forward draws the forward graph of a .pt2 archive; '" + model + "' is not one");
    }
    Callable<GraphJob.Result> job = exported
        ? () -> new Pt2Job(model, inputFiles, specs, seed, reduce, nameInputs, forward, options, render, target,
            outputFormat, !listModules).run(progress)
        : () -> new GraphJob(model, inputFiles, specs, seed, train, reduce, nameInputs, options, render,
            target, outputFormat, !listModules).run(progress);
    Thread archiveWarmUp = null;
    if (ARCHIVING) {
      archiveWarmUp = WarmUp.startForArchive(outputFormat, render);
    } else if (!listModules && WARM_UP && WarmUp.helps(outputFormat, render)) {
      WarmUp.start(outputFormat, render);
    }
    GraphJob.Result result;
    try {
      result = LargeStack.call(job);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      if (e instanceof UnsatisfiedLinkError || String.valueOf(e.getMessage()).contains("org/bytedeco")) {
        throw new LibtorchUnavailableException("cannot load libtorch (" + e + "); the runnable jar or the class"
            + " path lacks org.bytedeco:pytorch for this platform; rebuild with bin/torchviz4j", e);
      }
      throw new IllegalStateException("mismatched torchviz4j classes: " + e + "; rebuild the jar", e);
    } catch (LinkageError e) {
      throw new IllegalStateException("mismatched torchviz4j classes: " + e + "; rebuild the jar", e);
    }
    if (archiveWarmUp != null) {
      archiveWarmUp.join();   // its classes must be loaded when the JVM lists or archives them at exit
    }
    if (listModules) {
      out.print(ModuleTable.of(result.graph()));
      out.flush();
      return ExitCode.OK;
    }
    String warning = scaleWarning(target, result.pngScale(), render.maxPixels());
    if (warning != null) {
      err.println(warning);
      err.flush();
    }
    if (!quiet) {
      out.printf(Locale.ROOT, "wrote %s: %s, %.1f s%n", target, summary(result), progress.totalSeconds());
      out.flush();
    }
    return ExitCode.OK;
  }

  /**
   * Whether the layout and writers are warmed up on a second thread while libtorch loads
   * ({@link WarmUp}): {@code -Dtorchviz4j.warmUp=true} or {@code false}, else on when the JVM sees
   * more than one processor (with one, the warm-up would only take turns with the real work). On
   * two cores, with libtorch's threads set by the launcher, it gave 0.87-0.94 times the wall time
   * on five models by hand; the command benchmark took 1.09 times as long without it (BENCHMARKS.md,
   * "The command").
   */
  static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("torchviz4j.warmUp",
      String.valueOf(Runtime.getRuntime().availableProcessors() > 1)));

  /**
   * Whether this run makes the launcher's class-data-sharing archive ({@code -Dtorchviz4j.archiving=true}):
   * it then warms up for the archive ({@link WarmUp#startForArchive}), whatever it writes.
   */
  static final boolean ARCHIVING = Boolean.getBoolean("torchviz4j.archiving");

  /** Below this PNG scale the command warns: 10 pt labels shrink under 5 pt. */
  static final double READABLE_SCALE = 0.5;

  /**
   * The warning for a PNG the pixel cap shrank below readable text.
   *
   * @param output the PNG
   * @param scale how much it was shrunk
   * @param maxPixels the cap
   * @return the warning, or null when the scale is readable
   */
  static @Nullable String scaleWarning(Path output, double scale, long maxPixels) {
    if (scale >= READABLE_SCALE) {
      return null;
    }
    return String.format(Locale.ROOT, "warning: %s is scaled to %.0f%% to stay under %,d pixels, too small to read"
        + " its labels; write .svg or .html instead, or draw fewer boxes with --depth", output, 100 * scale, maxPixels);
  }

  /** What the graph holds and, when modules are collapsed, what was drawn of it. */
  private String summary(GraphJob.Result result) {
    SavedBytes saved = result.graph().savedBytes();
    String graph = result.graph().nodes().size() + " nodes, " + result.graph().edges().size() + " edges"
        + (saved.measured() ? String.format(Locale.ROOT, ", %,d bytes held for backward (%,d without parameters)",
            saved.total(), saved.withoutParameters()) : "");
    long boxes = result.drawn().nodes().stream()
        .filter(n -> n.kind() == NodeKind.MODULE).count();
    String drawn = depth == 0 || boxes == 0 ? graph
        : graph + "; drawn at depth " + depth + ": " + boxes + (boxes == 1 ? " module box, " : " module boxes, ")
            + result.drawn().nodes().size() + " nodes, " + result.drawn().edges().size() + " edges";
    return drawn + (result.pngScale() < 1
        ? String.format(Locale.ROOT, "; PNG scaled to %.0f%%", 100 * result.pngScale()) : "");
  }

  private Format formatFromExtension(Path output) {
    try {
      return Format.fromPath(output);
    } catch (Torchviz4jException e) {
      throw usage(e.getMessage() + ", or give --format");
    }
  }

  private List<InputSpec> inputSpecs() {
    List<InputSpec> specs = new ArrayList<>(inputShapes.size());
    for (String text : inputShapes) {
      try {
        specs.add(InputSpec.parse(text));
      } catch (Torchviz4jException e) {
        throw usage("--input-shape " + text + ": " + e.getMessage());
      }
    }
    return specs;
  }

  private static void requireReadable(Path file, String what) {
    InputFiles.requireReadable(file, what);
  }

  private void requireWritableTarget(Path output) throws IOException {
    OutputFiles.checkWritable(output);
    Path target = output.toAbsolutePath().normalize();
    List<Path> sources = new ArrayList<>(inputFiles);
    sources.add(model);
    for (Path source : sources) {
      if (Files.exists(target) && Files.isSameFile(source, target)) {
        throw usage("the output '" + output + "' is the input file '" + source + "'; write the graph elsewhere");
      }
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(requireSpec().commandLine(), message);
  }

  private CommandSpec requireSpec() {
    if (spec == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return spec;
  }

  /** Reads a format by name or extension: {@code svg}, {@code DOT}, {@code gv}. */
  static final class FormatConverter implements ITypeConverter<Format>, Iterable<String> {
    @Override
    public Format convert(String value) {
      String key = value.strip().toLowerCase(Locale.ROOT);
      return Arrays.stream(Format.values())
          .filter(f -> f.name().toLowerCase(Locale.ROOT).equals(key) || f.extensions().contains(key))
          .findFirst()
          .orElseThrow(() -> new TypeConversionException("unknown format '" + value + "'; use one of " + names()));
    }

    static String names() {
      return String.join(", ", extensions());
    }

    private static List<String> extensions() {
      return Arrays.stream(Format.values()).flatMap(f -> f.extensions().stream()).collect(Collectors.toList());
    }

    @Override
    public Iterator<String> iterator() {
      return extensions().iterator();
    }
  }
}

package io.github.torchviz4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.diff.DiffKind;
import io.github.torchviz4j.diff.EdgeDiff;
import io.github.torchviz4j.diff.GraphDiff;
import io.github.torchviz4j.diff.NodeDiff;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.internal.InputFiles;
import io.github.torchviz4j.internal.OutputFiles;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.Reduction;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torchviz4j diff A B --input x.pt [-o diff.svg|png|pdf|html|gv|json]}: the difference of two
 * autograd graphs, matched by module and op order; or of one model in two modes ({@code
 * --before-mode train --after-mode eval}). Pictures and the viewer draw the union of the two graphs
 * marked by what changed; JSON lists every node and edge with its {@code "diff"}.
 */
@Command(
    name = DiffCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs two models (TorchScript .pt or torch.export .pt2) on the same inputs, or one model in two modes, and"
          + " prints what differs between their autograd graphs: nodes added, removed or changed (another op,"
          + " shape or attribute), matched by module and by the order of the ops, parameters by name.",
      "Exit codes: 0 compared (whatever the difference), 1 failure, 2 usage error, 3 libtorch missing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  torchviz4j diff old.pt new.pt --input x.pt",
      "  torchviz4j diff old.pt new.pt --input x.pt -o diff.svg",
      "  torchviz4j diff model.pt --input x.pt --before-mode train --after-mode eval -o diff.json"
    },
    exitCodeOnInvalidInput = ExitCode.USAGE,
    exitCodeOnExecutionException = ExitCode.FAILURE)
final class DiffCommand implements Callable<Integer> {
  /** The subcommand's name on the command line. */
  static final String NAME = "diff";

  /** A module mode for one side of a diff. */
  enum Mode {
    /** {@code module.train()}. */
    TRAIN,
    /** {@code module.eval()}. */
    EVAL
  }

  @Parameters(arity = "1..2", paramLabel = "MODEL", description = "The model before and the model after; one model"
      + " with --before-mode and --after-mode.")
  private List<Path> models = List.of();

  @Mixin
  private ModelInputs inputs = new ModelInputs();

  @Option(names = "--before-mode", paramLabel = "train|eval", description = "Mode of the run before.")
  private @Nullable Mode beforeMode;

  @Option(names = "--after-mode", paramLabel = "train|eval", description = "Mode of the run after.")
  private @Nullable Mode afterMode;

  @Option(names = "--reduce", paramLabel = "sum|mean", description = "Reduce each non-scalar output before capturing.")
  private @Nullable Reduction reduce;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the diff; its extension gives the format: svg, png, pdf (the union of both graphs,"
          + " added nodes green, removed red dashed, changed orange with old \u2192 new, the same faded), html (the"
          + " viewer, which can show only what changed), gv or dot (the union as DOT, marks as colours), or json"
          + " (every node and edge with \"diff\": same, changed, added or removed).")
  private @Nullable Path output;

  @Mixin
  private RunOptions run = new RunOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = run.commandLine().getOut();
    Path before = models.get(0);
    Path after = models.size() > 1 ? models.get(1) : before;
    List<InputSpec> specs = inputs.specs(run.commandLine());
    if (models.size() == 1 && (beforeMode == null || afterMode == null || beforeMode == afterMode)) {
      throw run.usage("one model is compared with itself in two modes: give --before-mode and --after-mode"
          + " (train, eval), or give two models");
    }
    if ((beforeMode != null || afterMode != null) && inputs.train() != null) {
      throw run.usage("give either --train/--eval for both runs or --before-mode/--after-mode, not both");
    }
    Format format = output == null ? null : outputFormat(output);
    for (Path model : List.of(before, after)) {
      InputFiles.requireReadable(model, "model");
    }
    inputs.requireReadable();
    if (output != null) {
      OutputFiles.checkWritable(output);
    }
    DiffJob job = new DiffJob(before, after, inputs.files, specs, inputs.seed, train(beforeMode), train(afterMode),
        reduce);
    GraphDiff diff = LargeStack.call(job::run);
    if (output != null && format == Format.JSON) {
      byte[] json = CliJson.MAPPER.writeValueAsString(toJson(diff, before, after)).getBytes(StandardCharsets.UTF_8);
      OutputFiles.write(output, stream -> stream.write(json));
    } else if (output != null) {
      writePicture(diff, format, output);
    }
    out.println(diff.summary());
    out.flush();
    return ExitCode.OK;
  }

  /** The format of the output file: a picture, the viewer, DOT text with the marks as attributes, or JSON. */
  private Format outputFormat(Path file) {
    try {
      return Format.fromPath(file);
    } catch (Torchviz4jException e) {
      throw run.usage(e.getMessage());
    }
  }

  /** Draws the union of both graphs, marked by what changed, in one picture format, the viewer or DOT. */
  private static void writePicture(GraphDiff diff, Format format, Path file) throws IOException {
    Digraph.of(diff, RenderOptions.defaults()).save(file, format);
  }

  private @Nullable Boolean train(@Nullable Mode side) {
    return side == null ? inputs.train() : Boolean.valueOf(side == Mode.TRAIN);
  }

  private static ObjectNode toJson(GraphDiff diff, Path before, Path after) {
    ObjectNode root = CliJson.MAPPER.createObjectNode();
    root.put("before", before.toString());
    root.put("after", after.toString());
    root.put("summary", diff.summary());
    ObjectNode counts = root.putObject("counts");
    for (DiffKind kind : DiffKind.values()) {
      counts.put(kind.label(), diff.count(kind));
    }
    diff.addedModules().forEach(root.putArray("modulesAdded")::add);
    diff.removedModules().forEach(root.putArray("modulesRemoved")::add);
    ArrayNode nodes = root.putArray("nodes");
    for (NodeDiff node : diff.nodes()) {
      ObjectNode entry = nodes.addObject();
      entry.put("diff", node.kind().label());
      side(entry, "before", diff.before(), node.before());
      side(entry, "after", diff.after(), node.after());
      node.changes().forEach(entry.putArray("changes")::add);
    }
    ArrayNode edges = root.putArray("edges");
    for (EdgeDiff edge : diff.edges()) {
      ObjectNode entry = edges.addObject();
      entry.put("diff", edge.kind().label());
      edge.before().ifPresent(e -> entry.set("before", edgeJson(e)));
      edge.after().ifPresent(e -> entry.set("after", edgeJson(e)));
    }
    return root;
  }

  private static void side(ObjectNode entry, String name, Graph graph, String id) {
    Optional.of(id).filter(i -> !i.isEmpty()).map(graph::node).ifPresent(node -> entry.set(name, nodeJson(node)));
  }

  private static ObjectNode nodeJson(Node node) {
    ObjectNode json = CliJson.MAPPER.createObjectNode();
    json.put("id", node.id());
    json.put("kind", node.kind().name().toLowerCase(Locale.ROOT));
    json.put("name", node.name());
    node.shape().forEach(json.putArray("shape")::add);
    json.put("module", node.modulePath());
    return json;
  }

  private static ObjectNode edgeJson(Edge edge) {
    ObjectNode json = CliJson.MAPPER.createObjectNode();
    json.put("tail", edge.tail());
    json.put("head", edge.head());
    json.put("kind", edge.kind().name().toLowerCase(Locale.ROOT));
    return json;
  }


}

package io.github.torchviz4j.cli;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.Reduction;
import io.github.torchviz4j.pytorch.export.ExportedProgram;
import io.github.torchviz4j.pytorch.export.ProgramInput;
import io.github.torchviz4j.pytorch.export.ProgramRun;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * The libtorch part of the command for a {@code torch.export} archive: load it, run it on the given
 * inputs (or its sample inputs), capture, write; or, with {@code forward}, write its forward graph
 * without running anything.
 *
 * @param model the {@code .pt2} archive
 * @param inputFiles tensors saved by {@code torch.save}, one per user input, or empty
 * @param inputSpecs random inputs, one per user input, or empty
 * @param seed the seed for random inputs
 * @param reduction how to reduce non-scalar outputs, or null to draw them as they are
 * @param nameInputs whether inputs that require grad are named after the program's inputs
 * @param forward draw the forward graph instead of the autograd graph
 * @param options what to capture
 * @param render how to draw it
 * @param output the file to write
 * @param format its format
 * @param write false to capture only, writing nothing ({@code --list-modules})
 */
record Pt2Job(Path model, List<Path> inputFiles, List<InputSpec> inputSpecs, long seed, @Nullable Reduction reduction,
    boolean nameInputs, boolean forward, MakeDotOptions options, RenderOptions render, Path output,
    Format format, boolean write) {

  GraphJob.Result run(Progress progress) throws IOException {
    progress.begin();
    try (ExportedProgram program = ExportedProgram.load(model)) {
      List<ProgramInput> userInputs = program.userInputs();
      progress.done("load", model.getFileName() + ": " + program.nodeCount() + " ops, "
          + program.inputs().stream().filter(i -> i.kind() == ProgramInput.Kind.PARAMETER).count() + " parameters, inputs("
          + userInputs.stream().map(i -> i.name() + ": " + i.describe()).collect(Collectors.joining(", "))
          + "), schema " + program.schemaVersion() + ", PyTorch " + program.torchVersion());
      Graph graph = forward ? forwardGraph(program, progress) : autogradGraph(program, userInputs, progress);
      progress.done("capture", graph.nodes().size() + " nodes, " + graph.edges().size() + " edges");
      return GraphJob.draw(graph, render, output, format, write, progress);
    }
  }

  /** The forward graph; given inputs, it runs once so that each op names its backward functions. */
  private Graph forwardGraph(ExportedProgram program, Progress progress) {
    if (inputSpecs.isEmpty() && inputFiles.isEmpty()) {
      return program.forwardGraph();
    }
    ProgramRun run = program.run(GraphJob.inputs(inputSpecs, inputFiles, seed));
    progress.done("forward", run.outputs().size() + (run.outputs().size() == 1 ? " output" : " outputs")
        + ", to name the backward functions of each op");
    return run.forwardGraph();
  }

  private Graph autogradGraph(ExportedProgram program, List<ProgramInput> userInputs, Progress progress) {
    boolean sample = inputSpecs.isEmpty() && inputFiles.isEmpty();
    List<Tensor> inputs = sample ? program.sampleInputs() : GraphJob.inputs(inputSpecs, inputFiles, seed);
    ProgramRun run = program.run(inputs);
    List<Tensor> outputs = new ArrayList<>(run.outputs());
    if (reduction != null) {
      outputs.replaceAll(reduction::apply);
    }
    if (options.showGradients()) {
      GraphJob.backward(outputs);
    }
    progress.done("forward", outputs.size() + (outputs.size() == 1 ? " output" : " outputs")
        + (sample ? " from the archive's sample inputs" : "")
        + (reduction == null ? "" : ", reduced with " + reduction.name().toLowerCase(Locale.ROOT) + "()"));
    Map<String, Tensor> names = new LinkedHashMap<>(run.namedParameters());
    for (int i = 0; nameInputs && i < inputs.size() && i < userInputs.size(); i++) {
      names.putIfAbsent(userInputs.get(i).name(), inputs.get(i));
    }
    return run.capture(outputs, names, options);
  }
}

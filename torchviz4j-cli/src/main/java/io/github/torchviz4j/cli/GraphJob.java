package io.github.torchviz4j.cli;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.drawing.Drawing;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.internal.OutputFiles;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.pytorch.ForwardArgument;
import io.github.torchviz4j.pytorch.InputSpec;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.pytorch.Reduction;
import io.github.torchviz4j.pytorch.TensorFiles;
import io.github.torchviz4j.pytorch.TorchScriptModel;
import io.github.torchviz4j.pytorch.TorchViz;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.Scene;
import io.github.torchviz4j.render.png.PngWriter;
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
 * The libtorch part of the command, kept apart so that parsing arguments and {@code --help} never
 * load libtorch: load the model, make or read the inputs, run forward, capture, write.
 *
 * @param model the TorchScript archive
 * @param inputFiles tensors saved by {@code torch.save}, one per forward argument, or empty
 * @param inputSpecs random inputs, one per forward argument, or empty
 * @param seed the seed for random inputs
 * @param train true for train mode, false for eval mode, null to keep the file's mode
 * @param reduction how to reduce non-scalar outputs, or null to draw them as they are
 * @param nameInputs whether inputs are named after forward's arguments
 * @param options what to capture
 * @param render how to draw it
 * @param output the file to write
 * @param format its format
 * @param write false to capture only, writing nothing ({@code --list-modules})
 */
record GraphJob(Path model, List<Path> inputFiles, List<InputSpec> inputSpecs, long seed, @Nullable Boolean train,
    @Nullable Reduction reduction, boolean nameInputs, MakeDotOptions options, RenderOptions render, Path output,
    Format format, boolean write) {

  /**
   * What was captured and drawn.
   *
   * @param graph the captured graph
   * @param drawn the graph as drawn: modules folded and collapsed as asked, without legend notes
   * @param pngScale how much the pixel cap shrank a PNG (1 when it did not, or for other formats)
   */
  record Result(Graph graph, Graph drawn, double pngScale) {}

  Result run(Progress progress) throws IOException {
    progress.begin();
    try (TorchScriptModel loaded = TorchScriptModel.load(model)) {
      if (train != null) {
        loaded.train(train);
      }
      Map<String, Tensor> names = new LinkedHashMap<>(loaded.namedParameters());
      List<ForwardArgument> arguments = loaded.forwardArguments();
      progress.done("load", model.getFileName() + ": " + names.size() + " parameters, forward("
          + arguments.stream().map(ForwardArgument::toString).collect(Collectors.joining(", ")) + "), "
          + (loaded.isTraining() ? "train" : "eval") + " mode");

      List<Tensor> inputs = inputs();
      List<Tensor> outputs = new ArrayList<>(loaded.forward(inputs));
      if (reduction != null) {
        outputs.replaceAll(reduction::apply);
      }
      if (options.showGradients()) {
        backward(outputs);
      }
      progress.done("forward", outputs.size() + (outputs.size() == 1 ? " output" : " outputs")
          + (reduction == null ? "" : ", reduced with " + reduction.name().toLowerCase(java.util.Locale.ROOT) + "()"));

      // Inputs that require gradients are leaves of the graph, unnamed as in
      // make_dot(y, params=dict(model.named_parameters())); on request they are named after
      // forward's arguments, as make_dot(y, params={'w': w}) would. Parameter names win on a clash.
      for (int i = 0; nameInputs && i < inputs.size() && i < arguments.size(); i++) {
        names.putIfAbsent(arguments.get(i).name(), inputs.get(i));
      }
      Graph graph = TorchViz.capture(outputs, names, options, loaded.modules());
      progress.done("capture", graph.nodes().size() + " nodes, " + graph.edges().size() + " edges");

      return draw(graph, render, output, format, write, progress);
    }
  }

  /**
   * Writes a captured graph, or only says how it would be drawn when {@code write} is false.
   * A PNG is laid out once, here, so that the scale the pixel cap imposes can be reported.
   */
  static Result draw(Graph graph, RenderOptions render, Path output, Format format, boolean write, Progress progress)
      throws IOException {
    Scene scene = Scene.of(graph, render);
    Drawing drawing = scene.drawing(format);
    Graph drawn = drawing.graph().withNodes(
        drawing.graph().nodes().stream().filter(n -> n.kind() != NodeKind.NOTE).toList(), drawing.modules());
    if (!write) {
      return new Result(graph, drawn, 1);
    }
    double scale = 1;
    if (format == Format.PNG && render.engine() == Engine.ELK) {
      Layout layout = scene.layout(Format.PNG);
      scale = PngWriter.scale(layout, render);
      OutputFiles.write(output, out -> new PngWriter().write(scene, out));
    } else {
      new Digraph(graph, render).save(output, format);
    }
    progress.done("write", output + " (" + format.name().toLowerCase(java.util.Locale.ROOT)
        + (format == Format.DOT ? "" : ", layout included") + ")");
    return new Result(graph, drawn, scale);
  }

  /** Runs backward from the (reduced) outputs, as loss.backward() before make_dot. */
  static void backward(List<Tensor> outputs) {
    for (int i = 0; i < outputs.size(); i++) {
      Tensor output = outputs.get(i);
      if (output.numel() != 1) {
        throw new io.github.torchviz4j.Torchviz4jException("--grad needs scalar outputs, but output " + i
            + " has " + output.numel() + " elements; add --reduce sum or --reduce mean");
      }
      if (!output.requires_grad()) {
        throw new io.github.torchviz4j.Torchviz4jException("--grad: output " + i + " does not require grad,"
            + " so nothing can be differentiated; check that the model has trainable parameters");
      }
      output.backward(new Tensor(), new org.bytedeco.pytorch.BoolOptional(true), false,
          new org.bytedeco.pytorch.TensorArrayRefOptional());
    }
  }

  private List<Tensor> inputs() {
    return inputs(inputSpecs, inputFiles, seed);
  }

  /** The forward inputs: random ones from specs, or tensors read from files. */
  static List<Tensor> inputs(List<InputSpec> inputSpecs, List<Path> inputFiles, long seed) {
    if (!inputSpecs.isEmpty()) {
      return InputSpec.randomTensors(inputSpecs, seed);
    }
    List<Tensor> tensors = new ArrayList<>(inputFiles.size());
    for (Path file : inputFiles) {
      tensors.add(TensorFiles.load(file));
    }
    return tensors;
  }
}

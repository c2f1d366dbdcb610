package io.github.torchviz4j.pytorch.export;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.pytorch.MakeDotOptions;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.pytorch.TorchViz;
import io.github.torchviz4j.pytorch.export.Interpreter.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;

/**
 * One run of an exported program: its outputs, carrying the autograd graph, and what is needed to
 * place that graph's nodes in the program's modules. Holds native tensors: the outputs stay valid
 * after the program is closed. Not thread-safe.
 */
public final class ProgramRun {
  private final ProgramJson program;
  private final List<Tensor> outputs;
  private final Map<String, Tensor> parameters;
  private final List<Span> spans;

  ProgramRun(ProgramJson program, List<Tensor> outputs,
      Map<String, Tensor> parameters, List<Span> spans) {
    this.program = program;
    this.outputs = List.copyOf(outputs);
    this.parameters = parameters;
    this.spans = List.copyOf(spans);
  }

  /** @return the user outputs, in the program's output order */
  public List<Tensor> outputs() {
    return outputs;
  }

  /** @return the parameters by dotted name, as {@code dict(m.named_parameters())} of the loaded module */
  public Map<String, Tensor> namedParameters() {
    return parameters;
  }

  /**
   * Captures the autograd graph behind the outputs, as torchviz's {@code make_dot(y,
   * params=dict(m.named_parameters()))} on {@code m = torch.export.load(f).module()}, with every
   * node placed in the module named by its op's {@code nn_module_stack}.
   *
   * @param options what to capture
   * @return the graph
   */
  public Graph capture(MakeDotOptions options) {
    Checks.notNull(options, "options");
    return capture(outputs, options);
  }

  /**
   * Captures the graph behind other tensors computed from this run's outputs (e.g. a reduced loss),
   * placed in modules as {@link #capture(MakeDotOptions)} does.
   *
   * @param tensors tensors computed from the outputs
   * @param options what to capture
   * @return the graph
   */
  public Graph capture(List<Tensor> tensors, MakeDotOptions options) {
    return capture(tensors, parameters, options);
  }

  /**
   * Captures the graph behind tensors computed from this run's outputs, naming leaves from a map
   * that may add names to the parameters' (e.g. inputs that require grad).
   *
   * @param tensors tensors computed from the outputs
   * @param names leaf names by tensor; the parameters among them are placed in their modules
   * @param options what to capture
   * @return the graph
   */
  public Graph capture(List<Tensor> tensors, Map<String, Tensor> names,
      MakeDotOptions options) {
    Checks.notNull(names, "names");
    Checks.notNull(options, "options");
    Graph graph = TorchViz.capture(tensors, names, options);
    return ExactPlacement.place(graph, spans, parameters.keySet());
  }

  /**
   * The program's forward graph ({@link ExportedProgram#forwardGraph()}) with, on each op, a
   * {@code grad_fn} attribute naming the backward functions that op created in this run, in
   * creation order: {@code aten.linear} gets {@code TBackward0, AddmmBackward0}. Search the HTML
   * viewer for a backward function's name to find the op that made it.
   *
   * @return the annotated forward graph
   */
  public Graph forwardGraph() {
    Graph autograd = capture(MakeDotOptions.defaults());
    TreeMap<Long, Integer> opByFirst = new TreeMap<>();
    for (int i = 0; i < spans.size(); i++) {
      if (spans.get(i).end() > spans.get(i).first()) {
        opByFirst.put(spans.get(i).first(), i);
      }
    }
    TreeMap<Long, Node> bySequence = new TreeMap<>();
    for (Node node : autograd.nodes()) {
      if (node.kind() == NodeKind.FUNCTION && node.sequenceNr() >= 0) {
        bySequence.put(node.sequenceNr(), node);
      }
    }
    Map<Integer, List<String>> created = new HashMap<>();
    for (Map.Entry<Long, Node> entry : bySequence.entrySet()) {
      Map.Entry<Long, Integer> op = opByFirst.floorEntry(entry.getKey());
      if (op != null && entry.getKey() < spans.get(op.getValue()).end()) {
        created.computeIfAbsent(op.getValue(), k -> new ArrayList<>()).add(entry.getValue().name());
      }
    }
    return ForwardGraph.of(program, created);
  }

  /**
   * The autograd graph, ready to print or save.
   *
   * @param options what to capture
   * @return the graph
   */
  public Digraph makeDot(MakeDotOptions options) {
    return new Digraph(capture(options), RenderOptions.defaults().withMaxAttrChars(options.maxAttrChars()));
  }
}

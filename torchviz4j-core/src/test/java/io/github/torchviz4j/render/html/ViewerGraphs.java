package io.github.torchviz4j.render.html;

import io.github.torchviz4j.graph.Attribute;
import io.github.torchviz4j.graph.AttributeValue;
import io.github.torchviz4j.graph.Edge;
import io.github.torchviz4j.graph.EdgeKind;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Graphs for the viewer's tests: hostile names, module clusters, and the big cases. */
final class ViewerGraphs {
  /** A parameter name that would run script if it were markup. */
  static final String IMG_NAME = "<img src=x onerror=alert(1)>";
  /** A name that would end the data's script element if it were not escaped. */
  static final String SCRIPT_NAME = "</script><script>alert(2)</script>";
  /** Quotes, backslashes, a newline, non-ASCII, an emoji and a line separator. */
  static final String AWKWARD_NAME = "q\"uo'te\\back\\\\slash\nnext é中😀\u2028end";
  /** A module path that would be markup if it were not text. */
  static final String HOSTILE_MODULE = "enc<b onmouseover=alert(3)>";

  private ViewerGraphs() {}

  /**
   * The seed's neuron with hostile parameter names, a saved tensor and attributes: 12 nodes.
   *
   * @return the graph
   */
  static Graph hostile() {
    List<Node> nodes = List.of(
        Node.tensor("out", "", List.of(1L, 1L)),
        Node.function("tanh", "TanhBackward0", List.of(
            new Attribute("result", new AttributeValue.SavedTensors(1, false)))).withSequenceNr(2),
        Node.function("addmm", "AddmmBackward0", List.of(
            new Attribute("alpha", new AttributeValue.IntValue(BigInteger.ONE)),
            new Attribute("note", new AttributeValue.TextValue("<i>" + SCRIPT_NAME + "</i>"))))
            .withSequenceNr(1).withModulePath(HOSTILE_MODULE),
        Node.tensor("saved", "", List.of(1L, 1L)),
        Node.function("accB", "AccumulateGrad").withModulePath(HOSTILE_MODULE),
        Node.tensor("bias", IMG_NAME, List.of(1L)).withModulePath(HOSTILE_MODULE),
        Node.function("t", "TBackward0").withSequenceNr(0).withModulePath(HOSTILE_MODULE),
        Node.function("accW", "AccumulateGrad").withModulePath(HOSTILE_MODULE),
        Node.tensor("weight", SCRIPT_NAME, List.of(1L, 2L)).withModulePath(HOSTILE_MODULE),
        Node.function("mul", "MulBackward0").withSequenceNr(3),
        Node.function("accX", "AccumulateGrad"),
        Node.tensor("x", AWKWARD_NAME, List.of(1L, 1L)));
    List<Edge> edges = List.of(
        new Edge("bias", "accB", EdgeKind.LEAF),
        new Edge("accB", "addmm", EdgeKind.INPUT),
        new Edge("weight", "accW", EdgeKind.LEAF),
        new Edge("accW", "t", EdgeKind.INPUT),
        new Edge("t", "addmm", EdgeKind.INPUT),
        new Edge("addmm", "mul", EdgeKind.INPUT),
        new Edge("x", "accX", EdgeKind.LEAF),
        new Edge("accX", "mul", EdgeKind.INPUT),
        new Edge("mul", "tanh", EdgeKind.INPUT),
        new Edge("tanh", "saved", EdgeKind.SAVED, "result"),
        new Edge("tanh", "out", EdgeKind.OUTPUT));
    return new Graph(nodes, edges, List.of("out"), List.of(new ModuleInfo(HOSTILE_MODULE, "Linear")));
  }

  /**
   * An MLP of 4 blocks, each a Linear inside a Block, ending in LogSoftmax: 30 nodes in modules
   * {@code blocks.i} (class Block) and {@code blocks.i.linear} (class Linear).
   *
   * @return the graph
   */
  static Graph blocks() {
    Builder b = new Builder();
    b.tensor("out", "", "", 8, 10);
    b.function("softmax", "LogSoftmaxBackward0", "");
    b.edge("softmax", "out", EdgeKind.OUTPUT);
    String previous = null;
    for (int i = 0; i < 4; i++) {
      String block = "blocks." + i;
      b.module(block, "Block");
      String linear = block + ".linear";
      b.module(linear, "Linear");
      long in = 784 >> (2 * i);
      long out = 784 >> (2 * i + 2);
      String addmm = b.linear("l" + i, linear, in, out, previous);
      String relu = "l" + i + "relu";
      b.function(relu, "ReluBackward0", block);
      b.edge(addmm, relu, EdgeKind.INPUT);
      previous = relu;
    }
    b.edge(previous, "softmax", EdgeKind.INPUT);
    return b.graph("out");
  }

  /**
   * A post-norm transformer encoder like PyTorch's {@code TransformerEncoderLayer} (d_model 64,
   * 4 heads, feed-forward 128), {@code layers} deep, ending in {@code sum()}: 63 nodes per layer
   * plus 2, with module paths {@code layers.i.self_attn}, {@code layers.i.linear1}, ...
   *
   * @param layers the number of encoder layers
   * @return the graph
   */
  static Graph transformer(int layers) {
    Builder b = new Builder();
    b.tensor("out", "", "", new long[0]);
    b.function("sum", "SumBackward0", "");
    b.edge("sum", "out", EdgeKind.OUTPUT);
    String x = null;
    for (int i = 0; i < layers; i++) {
      String layer = "layers." + i;
      String p = "L" + i + "_";
      b.module(layer, "TransformerEncoderLayer");
      String attn = layer + ".self_attn";
      b.module(attn, "MultiheadAttention");
      b.module(attn + ".out_proj", "NonDynamicallyQuantizableLinear");
      b.module(layer + ".linear1", "Linear");
      b.module(layer + ".linear2", "Linear");
      b.module(layer + ".norm1", "LayerNorm");
      b.module(layer + ".norm2", "LayerNorm");
      // in_proj: x @ W^T + b, split into q, k, v
      String inProj = b.linear(p + "in", attn, 64, 192, x);
      String view = b.chainOp(p + "inview", "ViewBackward0", attn, inProj);
      String unflat = b.chainOp(p + "unflatten", "UnsafeViewBackward0", attn, view);
      String[] qkv = new String[3];
      String[] qkvNames = {"q", "k", "v"};
      for (int j = 0; j < 3; j++) {
        String select = b.chainOp(p + "sel" + qkvNames[j], "SelectBackward0", attn, unflat);
        String v1 = b.chainOp(p + "view" + qkvNames[j], "ViewBackward0", attn, select);
        qkv[j] = b.chainOp(p + "tr" + qkvNames[j], "TransposeBackward0", attn, v1);
      }
      String scaled = b.chainOp(p + "scale", "MulBackward0", attn, qkv[0]);
      String kT = b.chainOp(p + "kT", "TransposeBackward0", attn, qkv[1]);
      String scores = b.join(p + "scores", "BmmBackward0", attn, scaled, kT);
      String softmax = b.chainOp(p + "softmax", "SoftmaxBackward0", attn, scores);
      String dropout = b.chainOp(p + "drop", "NativeDropoutBackward0", attn, softmax);
      String context = b.join(p + "ctx", "BmmBackward0", attn, dropout, qkv[2]);
      String back = b.chainOp(p + "ctxT", "TransposeBackward0", attn, context);
      String flat = b.chainOp(p + "ctxview", "ViewBackward0", attn, back);
      String outProj = b.linear(p + "out", attn + ".out_proj", 64, 64, flat);
      String outView = b.chainOp(p + "outview", "ViewBackward0", attn, outProj);
      String drop1 = b.chainOp(p + "drop1", "NativeDropoutBackward0", layer, outView);
      String add1 = x == null ? drop1 : b.join(p + "add1", "AddBackward0", layer, x, drop1);
      String norm1 = b.norm(p + "norm1", layer + ".norm1", add1);
      String lin1 = b.linear(p + "ff1", layer + ".linear1", 64, 128, norm1);
      String relu = b.chainOp(p + "relu", "ReluBackward0", layer, lin1);
      String drop2 = b.chainOp(p + "drop2", "NativeDropoutBackward0", layer, relu);
      String lin2 = b.linear(p + "ff2", layer + ".linear2", 128, 64, drop2);
      String drop3 = b.chainOp(p + "drop3", "NativeDropoutBackward0", layer, lin2);
      String add2 = b.join(p + "add2", "AddBackward0", layer, norm1, drop3);
      x = b.norm(p + "norm2", layer + ".norm2", add2);
    }
    b.edge(x, "sum", EdgeKind.INPUT);
    return b.graph("out");
  }

  /** Collects nodes, edges and modules; node ids double as readable names. */
  private static final class Builder {
    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final Map<String, String> modules = new TreeMap<>();
    long sequenceNr = 0;

    void module(String path, String className) {
      modules.put(path, className);
    }

    void tensor(String id, String name, String module, long... shape) {
      List<Long> sizes = new ArrayList<>();
      for (long size : shape) {
        sizes.add(size);
      }
      nodes.add(Node.tensor(id, name, sizes).withModulePath(module));
    }

    void function(String id, String name, String module) {
      nodes.add(Node.function(id, name).withModulePath(module).withSequenceNr(sequenceNr++));
    }

    void edge(String tail, String head, EdgeKind kind) {
      edges.add(new Edge(tail, head, kind));
    }

    String chainOp(String id, String name, String module, String input) {
      function(id, name, module);
      edge(input, id, EdgeKind.INPUT);
      return id;
    }

    String join(String id, String name, String module, String left, String right) {
      function(id, name, module);
      edge(left, id, EdgeKind.INPUT);
      edge(right, id, EdgeKind.INPUT);
      return id;
    }

    /** A parameter with its AccumulateGrad; returns the AccumulateGrad. */
    String parameter(String id, String module, String field, long... shape) {
      tensor(id, module + "." + field, module, shape);
      nodes.add(Node.function(id + "_acc", "AccumulateGrad").withModulePath(module));
      edge(id, id + "_acc", EdgeKind.LEAF);
      return id + "_acc";
    }

    /** addmm(bias, input, weight.t()); returns the addmm. */
    String linear(String id, String module, long in, long out, String input) {
      String bias = parameter(id + "_b", module, "bias", out);
      String weight = parameter(id + "_w", module, "weight", out, in);
      String transposed = chainOp(id + "_t", "TBackward0", module, weight);
      function(id + "_addmm", "AddmmBackward0", module);
      edge(bias, id + "_addmm", EdgeKind.INPUT);
      if (input != null) {
        edge(input, id + "_addmm", EdgeKind.INPUT);
      }
      edge(transposed, id + "_addmm", EdgeKind.INPUT);
      return id + "_addmm";
    }

    String norm(String id, String module, String input) {
      String weight = parameter(id + "_w", module, "weight", 64);
      String bias = parameter(id + "_b", module, "bias", 64);
      function(id, "NativeLayerNormBackward0", module);
      edge(input, id, EdgeKind.INPUT);
      edge(weight, id, EdgeKind.INPUT);
      edge(bias, id, EdgeKind.INPUT);
      return id;
    }

    Graph graph(String output) {
      List<ModuleInfo> infos = new ArrayList<>();
      modules.forEach((path, className) -> infos.add(new ModuleInfo(path, className)));
      return new Graph(nodes, edges, List.of(output), infos);
    }
  }
}

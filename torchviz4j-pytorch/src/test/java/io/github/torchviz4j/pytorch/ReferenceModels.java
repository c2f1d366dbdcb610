package io.github.torchviz4j.pytorch;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.LongOptional;

/**
 * The models of the torchviz reference cases ({@code src/test/resources/refs}), built with the
 * bytedeco {@code nn} API: same architectures, input shapes and parameter names as in Python.
 */
final class ReferenceModels {
  private ReferenceModels() {}

  /** What a reference case draws: its outputs and the params passed to make_dot. */
  record Case(List<Tensor> outputs, Map<String, Tensor> params, Module module) {}

  static Case build(String name) {
    torch.manual_seed(0);
    return switch (name) {
      case "neuron" -> neuron();
      case "mlp" -> mlp();
      case "cnn" -> cnn();
      case "views" -> views();
      case "views_output" -> viewsOutput();
      case "views_leaf" -> viewsLeaf();
      case "multi_output" -> multiOutput();
      default -> throw new IllegalArgumentException("no reference model " + name);
    };
  }

  /** The seed: tanh(Linear(2, 1)(x)) with weight [[0.6, -0.2]], bias [0.8], x [[1, 2]]. */
  static Case neuron() {
    Module model = new Module("Neural_Network");
    LinearImpl layer1 = model.register_module("layer1", new LinearImpl(2, 1));
    try (NoGradGuard noGrad = new NoGradGuard()) {
      layer1.weight().copy_(Tensor.create(new float[] {0.6f, -0.2f}, 1, 2));
      layer1.bias().copy_(Tensor.create(new float[] {0.8f}, 1));
    }
    Tensor x = Tensor.create(new float[] {1, 2}, 1, 2);
    Tensor yPred = torch.tanh(layer1.forward(x));
    return new Case(List.of(yPred), params(model), model);
  }

  static Case mlp() {
    Module model = new Module("Sequential");
    LinearImpl l0 = model.register_module("0", new LinearImpl(784, 256));
    LinearImpl l2 = model.register_module("2", new LinearImpl(256, 64));
    LinearImpl l4 = model.register_module("4", new LinearImpl(64, 10));
    Tensor x = torch.randn(8, 784);
    Tensor h = torch.relu(l0.forward(x));
    h = torch.relu(l2.forward(h));
    Tensor y = torch.log_softmax(l4.forward(h), 1);
    return new Case(List.of(y), params(model), model);
  }

  static Case cnn() {
    Module model = new Module("CNN");
    Conv2dImpl conv1 = model.register_module("conv1", new Conv2dImpl(1, 6, new LongPointer(5L, 5L)));
    Conv2dImpl conv2 = model.register_module("conv2", new Conv2dImpl(6, 16, new LongPointer(5L, 5L)));
    LinearImpl fc1 = model.register_module("fc1", new LinearImpl(256, 120));
    LinearImpl fc2 = model.register_module("fc2", new LinearImpl(120, 84));
    LinearImpl fc3 = model.register_module("fc3", new LinearImpl(84, 10));
    Tensor x = torch.randn(2, 1, 28, 28);
    x = maxPool2d(torch.relu(conv1.forward(x)));
    x = maxPool2d(torch.relu(conv2.forward(x)));
    x = x.flatten(1, -1);
    x = torch.relu(fc1.forward(x));
    x = fc2.forward(x);
    x = fc3.forward(x);
    return new Case(List.of(x), params(model), model);
  }

  /**
   * Python's MaxPool2d(2): kernel (2, 2), no stride (it defaults to the kernel), padding (0, 0) and
   * dilation (1, 1) spelled out, as Python's argument parser expands them; C++'s defaults would
   * save one-element padding and dilation instead.
   */
  static Tensor maxPool2d(Tensor x) {
    return torch.max_pool2d(x, new long[] {2, 2}, new long[] {}, new long[] {0, 0}, new long[] {1, 1}, false);
  }

  static Tensor leafW() {
    return torch.randn(4, 6).requires_grad_(true);
  }

  /** w.view(24).sum() + w.t().sum() + w[1:3].sum() + the sums of torch.split(w, 2). */
  static Case views() {
    Tensor w = leafW();
    Tensor y = w.view(24).sum().add(w.t().sum()).add(slice(w, 1, 3).sum());
    TensorVector parts = w.split(2);
    for (long i = 0; i < parts.size(); i++) {
      y = y.add(parts.get(i).sum());
    }
    return new Case(List.of(y), Map.of("w", w), null);
  }

  /** torch.tanh(w * 2).t()[1:3]: an output that is a view of a non-leaf. */
  static Case viewsOutput() {
    Tensor w = leafW();
    // w * 2 in Python multiplies by a wrapped 0-d tensor (MulBackward0), not by a Scalar (MulBackward1).
    Tensor y = slice(torch.tanh(w.mul(torch.scalar_tensor(new Scalar(2.0)))).t(), 1, 3);
    return new Case(List.of(y), Map.of("w", w), null);
  }

  /** w.t(): an output that is a view of the leaf. */
  static Case viewsLeaf() {
    Tensor w = leafW();
    return new Case(List.of(w.t()), Map.of("w", w), null);
  }

  static Case multiOutput() {
    Module model = new Module("MultiOutput");
    LinearImpl trunk = model.register_module("trunk", new LinearImpl(10, 16));
    LinearImpl head1 = model.register_module("head1", new LinearImpl(16, 3));
    LinearImpl head2 = model.register_module("head2", new LinearImpl(16, 1));
    Tensor x = torch.randn(4, 10);
    Tensor h = torch.relu(trunk.forward(x));
    Tensor y1 = head1.forward(h);
    Tensor y2 = torch.sigmoid(head2.forward(h));
    return new Case(List.of(y1, y2), params(model), model);
  }

  static Tensor slice(Tensor tensor, long start, long end) {
    return tensor.slice(0, new LongOptional(start), new LongOptional(end), 1);
  }

  static Map<String, Tensor> params(Module model) {
    var dict = model.named_parameters();
    var map = new java.util.LinkedHashMap<String, Tensor>();
    for (long i = 0; i < dict.size(); i++) {
      map.put(dict.get(i).key().getString(), new Tensor(dict.get(i).value()));
    }
    return map;
  }
}

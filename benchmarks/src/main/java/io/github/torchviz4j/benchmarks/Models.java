package io.github.torchviz4j.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TransformerEncoderImpl;
import org.bytedeco.pytorch.TransformerEncoderLayerOptions;
import org.bytedeco.pytorch.TransformerEncoderOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * The benchmark's models, built with the bytedeco {@code nn} API after the recipes of {@code
 * refs/README.md}. Each {@link Built} owns the JavaCPP wrappers made while building it; closing it
 * frees the model, its tensors and its autograd graph.
 */
final class Models {
  private Models() {}

  /** Outputs and parameters of one forward pass, alive until {@link #close()}. */
  static final class Built implements AutoCloseable {
    private final PointerScope scope;
    final List<Tensor> outputs;
    final Map<String, Tensor> params;

    Built(PointerScope scope, List<Tensor> outputs, Map<String, Tensor> params) {
      this.scope = scope;
      this.outputs = outputs;
      this.params = params;
    }

    @Override
    public void close() {
      scope.close();
    }
  }

  /** Nodes of a chain of {@code iterations}: one per Mul, Add, Tanh, plus Sum, AccumulateGrad, leaf and output. */
  static int chainNodes(int iterations) {
    return 3 * iterations + 4;
  }

  /** The fewest chain iterations that give at least {@code nodes} nodes. */
  static int chainIterations(int nodes) {
    return Math.max(0, (nodes - 4 + 2) / 3);
  }

  /**
   * refs' big_chain: x (16,) requires grad; {@code iterations} times x = tanh(x * 1.01 + 0.1);
   * output x.sum(); no parameter names (the leaf is unnamed).
   */
  static Built chain(int iterations) {
    PointerScope scope = new PointerScope();
    try {
      torch.manual_seed(0);
      Tensor leaf = torch.randn(16).requires_grad_(true);
      // Python's x * 1.01 + 0.1 wraps both numbers as 0-d tensors: MulBackward0, AddBackward0.
      Tensor factor = torch.scalar_tensor(new Scalar(1.01));
      Tensor shift = torch.scalar_tensor(new Scalar(0.1));
      Tensor x = leaf;
      // Each step's wrappers are freed once the next step has its result; the autograd graph keeps
      // the native nodes alive, so the Java heap holds only a few wrappers at a time.
      PointerScope previous = null;
      for (int i = 0; i < iterations; i++) {
        PointerScope step = new PointerScope();
        x = torch.tanh(x.mul(factor).add(shift));
        if (previous != null) {
          previous.close();
        }
        previous = step;
      }
      Tensor y = x.sum();
      scope.attach(y);
      if (previous != null) {
        previous.close();
      }
      return new Built(scope, List.of(y), Map.of());
    } catch (RuntimeException | Error e) {
      scope.close();
      throw e;
    }
  }

  /**
   * refs' transformer with {@code layers} layers, op for op as PyTorch's Python code runs it:
   * TransformerEncoder(TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=128,
   * batch_first=True), num_layers=layers) in train mode, x (2, 10, 64), output model(x).sum().
   * Python's {@code nn.MultiheadAttention} packs q, k, v into one projection and calls {@code
   * scaled_dot_product_attention}; the same ATen calls from Java give the same autograd graph as
   * torchviz draws (175 nodes for 2 layers, as refs/transformer), 4,223 nodes for 48 layers.
   * Parameters are named as Python names them ({@code layers.0.self_attn.in_proj_weight}, ...).
   */
  static Built pythonTransformer(int layers) {
    PointerScope scope = new PointerScope();
    try {
      torch.manual_seed(0);
      Map<String, Tensor> params = new LinkedHashMap<>();
      Tensor x = torch.randn(2, 10, 64);
      for (int i = 0; i < layers; i++) {
        String p = "layers." + i + ".";
        Tensor inProjWeight = parameter(params, p + "self_attn.in_proj_weight", 192, 64);
        Tensor inProjBias = parameter(params, p + "self_attn.in_proj_bias", 192);
        Tensor outProjWeight = parameter(params, p + "self_attn.out_proj.weight", 64, 64);
        Tensor outProjBias = parameter(params, p + "self_attn.out_proj.bias", 64);
        Tensor linear1Weight = parameter(params, p + "linear1.weight", 128, 64);
        Tensor linear1Bias = parameter(params, p + "linear1.bias", 128);
        Tensor linear2Weight = parameter(params, p + "linear2.weight", 64, 128);
        Tensor linear2Bias = parameter(params, p + "linear2.bias", 64);
        Tensor norm1Weight = parameter(params, p + "norm1.weight", 64);
        Tensor norm1Bias = parameter(params, p + "norm1.bias", 64);
        Tensor norm2Weight = parameter(params, p + "norm2.weight", 64);
        Tensor norm2Bias = parameter(params, p + "norm2.bias", 64);

        // MultiheadAttention.forward, batch_first, query is key is value.
        Tensor query = x.transpose(1, 0);
        // F.multi_head_attention_forward: _in_projection_packed.
        Tensor proj = torch.linear(query, inProjWeight, new TensorOptional(inProjBias));
        proj = proj.unflatten(-1, 3, 64).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous();
        Tensor q = proj.select(0, 0).view(10, 2 * 4, 16).transpose(0, 1).view(2, 4, 10, 16);
        Tensor k = proj.select(0, 1).view(10, 2 * 4, 16).transpose(0, 1).view(2, 4, 10, 16);
        Tensor v = proj.select(0, 2).view(10, 2 * 4, 16).transpose(0, 1).view(2, 4, 10, 16);
        Tensor attention = torch.scaled_dot_product_attention(q, k, v, new TensorOptional(), 0.1, false,
            new DoubleOptional(), false);
        attention = attention.permute(2, 0, 1, 3).contiguous().view(2 * 10, 64);
        attention = torch.linear(attention, outProjWeight, new TensorOptional(outProjBias));
        attention = attention.view(10, 2, 64).transpose(1, 0);
        // x = norm1(x + dropout1(sa(x))); x = norm2(x + ff(x)).
        x = layerNorm(x.add(torch.dropout(attention, 0.1, true)), norm1Weight, norm1Bias);
        Tensor hidden = torch.dropout(torch.relu(torch.linear(x, linear1Weight, new TensorOptional(linear1Bias))),
            0.1, true);
        Tensor fed = torch.dropout(torch.linear(hidden, linear2Weight, new TensorOptional(linear2Bias)), 0.1, true);
        x = layerNorm(x.add(fed), norm2Weight, norm2Bias);
      }
      return new Built(scope, List.of(x.sum()), params);
    } catch (RuntimeException | Error e) {
      scope.close();
      throw e;
    }
  }

  private static Tensor parameter(Map<String, Tensor> params, String name, long... shape) {
    Tensor tensor = torch.randn(shape).mul(new Scalar(0.05)).requires_grad_(true);
    params.put(name, tensor);
    return tensor;
  }

  private static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias) {
    return torch.layer_norm(x, new long[] {64}, new TensorOptional(weight), new TensorOptional(bias), 1e-5, true);
  }

  /**
   * libtorch's own C++ {@code nn::TransformerEncoder} with {@code layers} layers, configured as refs' transformer: TransformerEncoder(TransformerEncoderLayer(d_model=64,
   * nhead=4, dim_feedforward=128), num_layers=layers) in train mode, x (2, 10, 64), output
   * model(x).sum(). libtorch's C++ encoder has no {@code batch_first}: the input is transposed to
   * (sequence, batch, feature) as Python's batch_first path does.
   */
  static Built libtorchTransformer(int layers) {
    PointerScope scope = new PointerScope();
    try {
      torch.manual_seed(0);
      TransformerEncoderLayerOptions layer = new TransformerEncoderLayerOptions(64, 4);
      layer.dim_feedforward().put(128);
      TransformerEncoderImpl model = new TransformerEncoderImpl(new TransformerEncoderOptions(layer, layers));
      model.train(true);
      Tensor x = torch.randn(2, 10, 64);
      Tensor y = model.forward(x.transpose(0, 1)).transpose(0, 1).sum();
      return new Built(scope, List.of(y), params(model.named_parameters()));
    } catch (RuntimeException | Error e) {
      scope.close();
      throw e;
    }
  }

  /**
   * An RNN cell unrolled {@code steps} times, as Python's {@code nn.RNNCell} (tanh, bias on the input
   * side only) runs in a loop: h = tanh(x_t W_ih^T + b + h W_hh^T), batch 4, input 16, hidden 32,
   * output h.sum(). Its three parameters feed every step, so each has {@code steps} consumers.
   */
  static Built rnn(int steps) {
    PointerScope scope = new PointerScope();
    try {
      torch.manual_seed(0);
      Map<String, Tensor> params = new LinkedHashMap<>();
      Tensor inputWeight = parameter(params, "rnn.weight_ih", 32, 16);
      Tensor hiddenWeight = parameter(params, "rnn.weight_hh", 32, 32);
      Tensor bias = parameter(params, "rnn.bias", 32);
      Tensor h = torch.zeros(4, 32);
      for (int t = 0; t < steps; t++) {
        Tensor x = torch.randn(4, 16);
        h = torch.tanh(torch.linear(x, inputWeight, new TensorOptional(bias))
            .add(torch.linear(h, hiddenWeight, new TensorOptional())));
      }
      return new Built(scope, List.of(h.sum()), params);
    } catch (RuntimeException | Error e) {
      scope.close();
      throw e;
    }
  }

  private static Map<String, Tensor> params(StringTensorDict dict) {
    Map<String, Tensor> map = new LinkedHashMap<>();
    for (long i = 0; i < dict.size(); i++) {
      map.put(dict.get(i).key().getString(), new Tensor(dict.get(i).value()));
    }
    return map;
  }
}

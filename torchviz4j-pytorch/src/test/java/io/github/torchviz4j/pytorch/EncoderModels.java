package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.graph.Graph;
import java.util.List;
import org.bytedeco.pytorch.LayerNormImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Small residual encoders built with the bytedeco nn API, captured with their module scopes. */
final class EncoderModels {
  private EncoderModels() {}

  /**
   * {@code x = norm(x + relu(linear(x)))} per layer, {@code layers.i} each in its scope, on an
   * input (2, 8) that needs no grad; the output is the sum.
   *
   * @param layers how many layers
   * @param layerClass the class name each layer's scope records
   * @return the captured graph
   */
  static Graph residualEncoder(int layers, String layerClass) {
    torch.manual_seed(0);
    Module model = new Module("Encoder");
    Module container = model.register_module("layers", new Module("ModuleList"));
    Tensor x = torch.randn(2, 8);
    try (ModuleRecorder modules = TorchViz.recordModules()) {
      for (int i = 0; i < layers; i++) {
        Module layer = container.register_module(String.valueOf(i), new Module(layerClass));
        LinearImpl linear = layer.register_module("linear", new LinearImpl(8, 8));
        LayerNormImpl norm = layer.register_module("norm", new LayerNormImpl(new LongVector(new long[] {8})));
        try (ModuleScope scope = modules.scope("layers." + i, layerClass)) {
          Tensor input = x;
          Tensor hidden = modules.inModule(layer, linear, () -> torch.relu(linear.forward(input)));
          x = modules.inModule(layer, norm, () -> norm.forward(input.add(hidden)));
        }
      }
      return TorchViz.capture(List.of(x.sum()), ReferenceModels.params(model), MakeDotOptions.defaults(), modules);
    }
  }
}

/**
 * torchviz4j's capture from libtorch: {@code TorchViz.makeDot}, module recording, TorchScript and
 * {@code torch.export} models. Exports its API packages; {@code io.github.torchviz4j.pytorch.internal}
 * (the autograd walk and saved-state readers) stays inside. libtorch's types are part of the API
 * ({@code Tensor}, {@code Module}), so bytedeco's pytorch module comes along transitively.
 */
module io.github.torchviz4j.pytorch {
  requires transitive io.github.torchviz4j.core;
  requires transitive org.bytedeco.pytorch;
  requires transitive org.bytedeco.javacpp;
  requires com.fasterxml.jackson.databind;
  requires static org.jspecify;

  exports io.github.torchviz4j.pytorch;
  exports io.github.torchviz4j.pytorch.export;
}

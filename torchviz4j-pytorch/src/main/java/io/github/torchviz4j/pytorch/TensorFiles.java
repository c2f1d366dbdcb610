package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.internal.Checks;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.ByteVector;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Reads tensors saved by Python's {@code torch.save}. Stateless and thread-safe. */
public final class TensorFiles {
  private TensorFiles() {}

  /**
   * Loads a tensor saved by {@code torch.save(tensor, path)} (PyTorch 1.6 or later, the default zip
   * format) through libtorch's {@code torch::pickle_load}. The tensor keeps its shape, dtype and
   * {@code requires_grad} flag.
   *
   * @param path the file
   * @return the tensor, on the CPU
   * @throws Torchviz4jException if the file is missing, not a {@code torch.save} file, or holds
   *     something other than one tensor
   * @throws LibtorchUnavailableException if libtorch cannot be loaded
   */
  public static Tensor load(Path path) {
    Checks.notNull(path, "tensor file");
    Archives.requireReadableFile(path, "tensor file");
    switch (Archives.kind(path)) {
      case NOT_ZIP -> throw new Torchviz4jException("cannot load tensor file '" + path + "': it is not a file saved"
          + " by torch.save (no zip archive); save the tensor with torch.save(x, path) from PyTorch 1.6 or later");
      case TORCHSCRIPT -> throw new Torchviz4jException("cannot load tensor file '" + path + "': it is a TorchScript"
          + " model, not a tensor; give the model as the model argument and save inputs with torch.save(x, path)");
      case DAMAGED_ZIP -> throw new Torchviz4jException("cannot load tensor file '" + path + "': it is a damaged or"
          + " truncated zip archive; copy or download it again");
      default -> { }
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new Torchviz4jException("cannot read tensor file '" + path + "': " + e.getMessage(), e);
    }
    Natives.load();
    IValue value;
    try {
      value = torch.pickle_load(new ByteVector(bytes));
    } catch (RuntimeException e) {
      throw Natives.failure("cannot load tensor file '" + path + "'", e,
          "save one tensor with torch.save(x, path)");
    }
    if (!value.isTensor()) {
      throw new Torchviz4jException("tensor file '" + path + "' holds a " + value.tagKind().getString()
          + ", not a tensor; save one tensor per file with torch.save(x, path)");
    }
    // toTensor() points into the IValue: copy the tensor so it outlives the IValue's wrapper.
    Tensor tensor = new Tensor(value.toTensor());
    Reference.reachabilityFence(value);
    return tensor;
  }
}

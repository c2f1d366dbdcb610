package io.github.torchviz4j.pytorch.internal;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.TensorBase;

/** Tensor metadata as plain Java values. */
final class Tensors {
  private Tensors() {}

  /** The tensor's identity: its {@code TensorImpl*}, shared by every handle to the same tensor. */
  static long identity(TensorBase tensor) {
    return tensor.unsafeGetTensorImpl().address();
  }

  static List<Long> shape(TensorBase tensor) {
    long[] sizes = tensor.sizes().vec().get();
    List<Long> shape = new ArrayList<>(sizes.length);
    for (long size : sizes) {
      shape.add(size);
    }
    return shape;
  }
}

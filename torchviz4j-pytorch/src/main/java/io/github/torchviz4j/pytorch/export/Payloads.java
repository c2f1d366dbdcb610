package io.github.torchviz4j.pytorch.export;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.pytorch.Natives;
import io.github.torchviz4j.pytorch.export.ProgramJson.Payload;
import io.github.torchviz4j.pytorch.export.ProgramJson.TensorMeta;
import java.lang.ref.Reference;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.ByteVector;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Rebuilds the weights and constants of an archive as libtorch tensors: raw storages with their
 * sizes, strides and storage offset, pickled entries through libtorch's unpickler. Stateless.
 */
final class Payloads {
  private Payloads() {}

  /**
   * Rebuilds one tensor.
   *
   * @param bytes the entry's bytes
   * @param payload its metadata
   * @param name its dotted name, for messages
   * @param where the archive, for messages
   * @return a leaf tensor that owns its storage and does not require grad
   * @throws Torchviz4jException if the bytes do not fit the metadata or cannot be unpickled
   */
  static Tensor tensor(byte[] bytes, Payload payload, String name, String where) {
    Natives.load();
    if (payload.usePickle()) {
      return unpickle(bytes, name, where);
    }
    TensorMeta meta = payload.meta();
    if (meta == null) {
      throw new Torchviz4jException("cannot load " + where + ": payload '" + name + "' has no tensor metadata and is"
          + " not pickled; the archive is malformed, export it again");
    }
    ScalarType type = SerdeTypes.scalarType(meta.dtype());
    long elementSize = torch.elementSize(type);
    if (meta.sizes().contains(-1L) || meta.strides().contains(-1L) || meta.storageOffset() < 0) {
      throw new Torchviz4jException("cannot load " + where + ": payload '" + name + "' has symbolic sizes or strides;"
          + " weights must have concrete shapes");
    }
    if (meta.sizes().size() != meta.strides().size()) {
      throw new Torchviz4jException("cannot load " + where + ": payload '" + name + "' has " + meta.sizes().size()
          + " sizes but " + meta.strides().size() + " strides; the archive is malformed, export it again");
    }
    long needed = needed(meta.sizes(), meta.strides(), meta.storageOffset());
    if (bytes.length % elementSize != 0 || bytes.length / elementSize < needed) {
      throw new Torchviz4jException("cannot load " + where + ": payload '" + name + "' ('" + payload.pathName()
          + "') holds " + bytes.length + " bytes, but a " + SerdeTypes.dtypeName(meta.dtype()) + " tensor of sizes "
          + meta.sizes() + " and strides " + meta.strides() + " needs " + needed * elementSize
          + "; the archive is damaged, export it again");
    }
    TensorOptions options = new TensorOptions(type);
    Tensor storage = torch.empty(new long[] {bytes.length / elementSize}, options, new MemoryFormatOptional());
    if (bytes.length > 0) {
      new BytePointer(storage.data_ptr()).capacity(bytes.length).put(bytes);
    }
    Tensor tensor = torch.empty(new long[] {0}, options, new MemoryFormatOptional());
    tensor.set_(storage, meta.storageOffset(), toArray(meta.sizes()), toArray(meta.strides()));
    return tensor;
  }

  private static long needed(List<Long> sizes, List<Long> strides, long offset) {
    long last = offset;
    for (int i = 0; i < sizes.size(); i++) {
      if (sizes.get(i) == 0) {
        return 0;
      }
      last += (sizes.get(i) - 1) * strides.get(i);
    }
    return last + 1;
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static Tensor unpickle(byte[] bytes, String name, String where) {
    IValue value;
    try {
      value = torch.pickle_load(new ByteVector(bytes));
    } catch (RuntimeException e) {
      throw Natives.failure("cannot load " + where + ": pickled payload '" + name + "' cannot be unpickled by"
          + " libtorch", e, "it is probably a tensor subclass or a custom object; export the model with plain tensors");
    }
    if (!value.isTensor()) {
      throw new Torchviz4jException("cannot load " + where + ": pickled payload '" + name + "' holds a "
          + value.tagKind().getString() + ", not a tensor; export the model with plain tensors");
    }
    // toTensor() points into the IValue: copy the tensor so it outlives the IValue's wrapper.
    Tensor tensor = new Tensor(value.toTensor());
    Reference.reachabilityFence(value);
    return tensor.detach();
  }
}

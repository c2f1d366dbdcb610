package io.github.torchviz4j.pytorch.internal;

import io.github.torchviz4j.graph.SavedBytes;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.bytedeco.pytorch.Storage;
import org.bytedeco.pytorch.Tensor;


/**
 * Counts the memory backward functions hold: the storages of their saved tensors, each counted
 * once per graph, at the first function that saved it, as PyTorch's {@code saved_tensors_hooks}
 * measure counts it (one entry per storage, its whole {@code nbytes}). Single use, not thread-safe.
 */
final class SavedStorages {
  private final Set<Long> parameters;
  private final Set<Long> counted = new HashSet<>();

  private SavedStorages(Set<Long> parameters) {
    this.parameters = parameters;
  }

  static SavedStorages of(Collection<Tensor> parameterTensors) {
    Set<Long> parameters = new HashSet<>();
    for (Tensor parameter : parameterTensors) {
      if (parameter.has_storage()) {
        parameters.add(identity(parameter.storage()));
      }
    }
    return new SavedStorages(parameters);
  }

  /** The bytes of the storages a function saved (its compiled args) that no earlier function saved. */
  SavedBytes firstSavedBy(CompiledArgs function) {
    long total = 0;
    long ofParameters = 0;
    for (Tensor tensor : function.tensors()) {
      if (!tensor.defined() || !tensor.has_storage()) {
        continue;
      }
      Storage storage = tensor.storage();
      long identity = identity(storage);
      if (counted.add(identity)) {
        total += storage.nbytes();
        ofParameters += parameters.contains(identity) ? storage.nbytes() : 0;
      }
    }
    return new SavedBytes(total, ofParameters);
  }

  private static long identity(Storage storage) {
    return storage.unsafeGetStorageImpl().address();
  }

}

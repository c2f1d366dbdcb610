package io.github.torchviz4j.pytorch.internal;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.AutogradCompilerCall;
import org.bytedeco.pytorch.CacheKey;
import org.bytedeco.pytorch.CompiledNodeArgs;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.NodeCall;
import org.bytedeco.pytorch.SizeInput;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * What a backward function's {@code compiled_args} reveals: the bytes of its specialization key
 * (non-tensor values and tensor ids, in field order), its size inputs (every {@code SymInt}) and its
 * tensors (deduplicated, in first-collected order). The bindings give no other access to a node's
 * saved fields.
 *
 * @param key the specialization key's bytes
 * @param sizes the collected {@code SymInt} values, in order
 * @param tensors the collected tensors; a key's tensor id {@code i} is {@code tensors.get(i - 1)}
 * @param stop why {@code compiled_args} stopped part way, if it did
 */
record CompiledArgs(byte[] key, long[] sizes, List<Tensor> tensors, Stop stop) {

  /**
   * libtorch's {@code ERR_BACKWARD_TWICE}, which unpacking a saved tensor throws once {@code
   * backward()} (without {@code retain_graph}) has released it.
   */
  private static final String RELEASED = "after they have already been freed";

  /** How {@code compiled_args} ended. */
  enum Stop {
    /** It collected every field. */
    NONE,
    /** It threw on a saved tensor that {@code backward()} released. */
    FREED,
    /** It threw for another reason (e.g. a saved tensor modified in place since it was saved). */
    FAILED
  }

  static CompiledArgs of(Node function) {
    AutogradCompilerCall call = new AutogradCompilerCall(SizeInput.DynType.STATIC);
    CompiledNodeArgs args = new CompiledNodeArgs(call, new NodeCall(0, function));
    Stop stop = Stop.NONE;
    try {
      function.compiled_args(args);
    } catch (RuntimeException e) {
      // What was collected before the failure is still in the key; the rest is reported unknown.
      stop = String.valueOf(e.getMessage()).contains(RELEASED) ? Stop.FREED : Stop.FAILED;
    }
    return new CompiledArgs(keyBytes(args.key()), sizes(call.all_size_inputs()), tensors(call), stop);
  }

  /** @return whether {@code compiled_args} collected every field */
  boolean complete() {
    return stop == Stop.NONE;
  }

  /** @return whether {@code compiled_args} stopped at a saved tensor that was released */
  boolean freed() {
    return stop == Stop.FREED;
  }

  private static byte[] keyBytes(CacheKey key) {
    int length = Short.toUnsignedInt(key.key_size());
    byte[] bytes = new byte[length];
    BytePointer data = key.key();
    if (length > 0) {
      data.get(bytes, 0, length);
    }
    return bytes;
  }

  /** The bindings expose the vector as a pointer to its first element, null when it is empty. */
  private static long[] sizes(SizeInput first) {
    if (first == null || first.isNull()) {
      return new long[0];
    }
    long[] values = new long[(int) first.limit()];
    for (int i = 0; i < values.length; i++) {
      values[i] = new SizeInput(first).<SizeInput>position(i).value();
    }
    return values;
  }

  private static List<Tensor> tensors(AutogradCompilerCall call) {
    TensorVector inputs = call.tensor_args().inputs();
    List<Tensor> tensors = new ArrayList<>((int) inputs.size());
    for (long i = 0; i < inputs.size(); i++) {
      tensors.add(inputs.get(i));
    }
    return tensors;
  }
}

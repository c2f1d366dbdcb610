package io.github.torchviz4j.pytorch.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.pytorch.AutogradCompilerCall;
import org.bytedeco.pytorch.CompiledNodeArgs;
import org.bytedeco.pytorch.Edge;
import org.bytedeco.pytorch.InputMetadata;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.NodeCall;
import org.bytedeco.pytorch.SizeInput;
import org.bytedeco.pytorch.SymDimVector;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorBase;
import org.bytedeco.pytorch.TensorVector;

/** Reads backward functions (autograd {@code Node}s) through the JavaCPP bindings. */
final class Functions {
  private static final String ACCUMULATE_GRAD = "AccumulateGrad";

  private Functions() {}

  static Optional<Node> gradFn(TensorBase tensor) {
    Node gradFn = tensor.grad_fn();
    return gradFn == null || gradFn.isNull() ? Optional.empty() : Optional.of(gradFn);
  }

  /**
   * The class name as Python shows it: C++ namespaces stripped, so
   * {@code torch::autograd::generated::AddmmBackward0} becomes {@code AddmmBackward0}.
   */
  static String name(Node function) {
    String qualified = function.name().getString();
    int template = qualified.indexOf('<');
    int namespaceEnd = qualified.lastIndexOf("::", template < 0 ? qualified.length() : template);
    return namespaceEnd < 0 ? qualified : qualified.substring(namespaceEnd + 2);
  }

  /** The autograd sequence number, or -1 for functions without one (AccumulateGrad has UINT64_MAX). */
  static long sequenceNr(Node function) {
    long sequenceNr = function.sequence_nr();
    return sequenceNr < 0 ? -1 : sequenceNr;
  }

  /**
   * The function an autograd edge leads to, or null for an invalid edge (Python's {@code None}).
   *
   * <p>Reads the {@code Node*} that the edge's {@code std::shared_ptr<Node>} stores in its first
   * word, and wraps it without taking a reference: {@link Edge#function()} would copy the
   * shared_ptr into an owning wrapper, and every owning wrapper costs JavaCPP a deallocator
   * registration (with a read of {@code /proc/self/statm}); that was three quarters of the capture
   * time. The graph stays alive while the caller holds the outputs, so the borrowed wrapper is safe
   * for the walk.
   */
  static Node target(Edge edge) {
    // Casts, not copies: these wrappers own no memory.
    if (new LongPointer(edge).get(0) == 0) {
      return null;
    }
    return new PointerPointer<Node>(edge).get(Node.class, 0);
  }

  /**
   * Function names by C++ class: {@code Node::name()} depends only on the node's dynamic type, so
   * it is read once per class (keyed by the vtable pointer in the object's first word) instead of
   * once per node, which saves a native string and its deallocator per node. Single use, not
   * thread-safe.
   */
  static final class Names {
    private final Map<Long, String> byClass = new HashMap<>();

    String of(Node function) {
      long vtable = new LongPointer(function).get(0);
      String name = byClass.get(vtable);
      if (name == null) {
        name = name(function);
        byClass.put(vtable, name);
      }
      return name;
    }
  }

  static boolean isAccumulateGrad(String name) {
    return ACCUMULATE_GRAD.equals(name);
  }

  /**
   * The leaf an AccumulateGrad accumulates into. The bindings expose no {@code variable} field, but
   * {@code compiled_args} collects it as the node's first tensor argument.
   */
  static Optional<Tensor> accumulatedVariable(Node accumulateGrad) {
    try {
      AutogradCompilerCall call = new AutogradCompilerCall(SizeInput.DynType.STATIC);
      accumulateGrad.compiled_args(new CompiledNodeArgs(call, new NodeCall(0, accumulateGrad)));
      TensorVector collected = call.tensor_args().inputs();
      return collected.empty() || !collected.get(0).defined()
          ? Optional.empty()
          : Optional.of(collected.get(0));
    } catch (RuntimeException e) {
      // libtorch refuses when the variable is gone; the leaf is then drawn unnamed from metadata.
      return Optional.empty();
    }
  }

  /**
   * The shape of the gradient a function receives on input {@code index}.
   *
   * <p>Reads the dimensions straight from the metadata's small vector of {@code c10::SymInt}s (one
   * {@code int64} each, the plain value for a concrete size): the by-value {@code ArrayRef} and
   * {@code SymInt} wrappers of {@code shape_as_dim_vector()} cost a deallocator registration each,
   * which made this the most expensive step of a capture. A symbolic size (negative raw value)
   * falls back to {@code guard_int}.
   */
  static List<Long> inputShape(Node function, int index) {
    List<Long> shape = new ArrayList<>();
    if (index < function.num_inputs()) {
      InputMetadata metadata = function.input_metadata(index);
      if (metadata.is_nested_tensor()) {
        return shape;
      }
      SymDimVector sizes = metadata.mutable_shape_as_dim_vector();
      // A c10::SmallVector starts with its data pointer; data() would return an owning copy.
      LongPointer raw = new PointerPointer<LongPointer>(sizes).get(LongPointer.class, 0);
      for (long i = 0, n = sizes.size(); i < n; i++) {
        long size = raw.get(i);
        shape.add(size >= 0 ? size : metadata.shape_as_dim_vector().at(i).guard_int("torchviz4j", 0));
      }
    }
    return shape;
  }
}

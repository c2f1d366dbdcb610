package io.github.torchviz4j.pytorch.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.pytorch.AutogradCompilerCall;
import org.bytedeco.pytorch.CompiledNodeArgs;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.NodeCall;
import org.bytedeco.pytorch.SizeInput;
import org.bytedeco.pytorch.SymIntArrayRef;
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

  /** The saved attributes and tensors of a function, or none for classes PyTorch did not generate. */
  static SavedState savedState(Node function, String name) {
    List<SavedFields.Field> fields = SavedFields.of(name);
    return fields == null ? SavedState.NONE : SavedState.read(fields, CompiledArgs.of(function));
  }

  /** The shape of the gradient a function receives on input {@code index}. */
  static List<Long> inputShape(Node function, int index) {
    List<Long> shape = new ArrayList<>();
    if (index < function.num_inputs()) {
      SymIntArrayRef sizes = function.input_metadata(index).shape_as_dim_vector();
      for (long i = 0; i < sizes.size(); i++) {
        shape.add(sizes.at(i).guard_int("torchviz4j", 0));
      }
    }
    return shape;
  }
}

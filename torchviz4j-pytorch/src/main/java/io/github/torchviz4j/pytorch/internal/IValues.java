package io.github.torchviz4j.pytorch.internal;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.GenericList;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.TupleElements;

/** Reads TorchScript values (a forward's result, an unpickled object) as plain lists of tensors. */
public final class IValues {
  private IValues() {}

  /**
   * The tensors in a value: the value itself, or the elements of its tuples and lists, depth
   * first, in order; other values are skipped. The bindings hand out tensors that point into the
   * IValue or vector holding them; each is copied into a tensor of its own, so it outlives its
   * container.
   *
   * @param value a TorchScript value
   * @return its tensors, copied
   */
  public static List<Tensor> tensors(IValue value) {
    List<Tensor> tensors = new ArrayList<>();
    flatten(value, tensors);
    return tensors;
  }

  private static void flatten(IValue value, List<Tensor> into) {
    if (value.isTensor()) {
      into.add(new Tensor(value.toTensor()));
    } else if (value.isTuple()) {
      TupleElements elements = value.toTuple().elements();
      for (long i = 0; i < elements.size(); i++) {
        flatten(elements.get(i), into);
      }
    } else if (value.isTensorList()) {
      TensorVector list = value.toTensorVector();
      for (long i = 0; i < list.size(); i++) {
        into.add(new Tensor(list.get(i)));
      }
    } else if (value.isList()) {
      GenericList list = value.toList();
      for (long i = 0; i < list.size(); i++) {
        flatten(list.get(i), into);
      }
    }
    Reference.reachabilityFence(value);
  }
}

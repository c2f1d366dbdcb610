package io.github.torchviz4j.pytorch.internal;

import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.TensorData;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Reads a tensor's values and its gradient's statistics, as plain Java numbers. */
public final class TensorNumbers {
  private TensorNumbers() {}

  /**
   * The numbers of one tensor.
   *
   * @param tensor a defined tensor
   * @param maxValues read the values of tensors with at most this many elements (0: none)
   * @param gradient whether to read the gradient
   * @return the numbers; empty parts where not asked for
   */
  public static TensorData of(Tensor tensor, int maxValues, boolean gradient) {
    try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
      List<Double> values = tensor.numel() <= maxValues && isReadable(tensor) ? values(tensor) : List.of();
      if (!gradient) {
        return new TensorData(values, GradientState.NOT_CAPTURED, Double.NaN, Double.NaN, List.of());
      }
      Tensor grad = tensor.grad();
      if (grad == null || grad.isNull() || !grad.defined()) {
        return new TensorData(values, GradientState.MISSING, Double.NaN, Double.NaN, List.of());
      }
      Tensor asDouble = grad.to(torch.ScalarType.Double);
      double norm = asDouble.norm().item_double();
      double maxAbs = asDouble.numel() == 0 ? 0 : asDouble.abs().max().item_double();
      List<Double> gradientValues = grad.numel() <= maxValues && isReadable(grad) ? values(grad) : List.of();
      return new TensorData(values, state(asDouble, maxAbs), norm, maxAbs, gradientValues);
    }
  }

  private static GradientState state(Tensor grad, double maxAbs) {
    if (grad.isnan().any().item_bool()) {
      return GradientState.NAN;
    }
    if (grad.isinf().any().item_bool()) {
      return GradientState.INF;
    }
    return maxAbs == 0 ? GradientState.ZERO : GradientState.PRESENT;
  }

  /** Values live in memory for CPU tensors only; meta tensors have none. */
  private static boolean isReadable(Tensor tensor) {
    return tensor.device().is_cpu();
  }

  private static List<Double> values(Tensor tensor) {
    Tensor flat = tensor.detach().to(torch.ScalarType.Double).flatten();
    List<Double> values = new ArrayList<>((int) flat.numel());
    for (long i = 0; i < flat.numel(); i++) {
      values.add(flat.select(0, i).item_double());
    }
    return values;
  }
}

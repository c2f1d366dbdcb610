package io.github.torchviz4j.pytorch.internal;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/** Parameter names as Python's {@code named_parameters()} yields them. Stateless. */
public final class Parameters {
  private Parameters() {}

  /**
   * Keeps one name per tensor, the first in iteration order, as Python's {@code
   * named_parameters()} yields a shared (tied) tensor once, under its first name. libtorch lists
   * every name: {@code lm_head.weight} tied to {@code wte.weight} appears twice there.
   *
   * @param params names and tensors in the module's order (a tensor's identity is its {@code
   *     TensorImpl})
   * @return the first name of each distinct tensor, in the same order; unmodifiable
   */
  public static Map<String, Tensor> firstNames(Map<String, Tensor> params) {
    Map<String, Tensor> first = new LinkedHashMap<>();
    Set<Long> seen = new HashSet<>();
    params.forEach((name, tensor) -> {
      if (seen.add(Tensors.identity(tensor))) {
        first.put(name, tensor);
      }
    });
    return Collections.unmodifiableMap(first);
  }
}

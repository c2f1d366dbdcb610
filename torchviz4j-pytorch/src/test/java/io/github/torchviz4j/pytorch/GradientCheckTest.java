package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.GradientState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The gradient check names exactly the parameters whose gradient is missing, zero, NaN or Inf. */
class GradientCheckTest {

  @Test
  void eachKindOfBadGradientIsFoundAndNamedWithItsModule() {
    try (PointerScope scope = new PointerScope()) {
      Map<String, Tensor> params = new LinkedHashMap<>();
      Tensor used = params.computeIfAbsent("encoder.weight", n -> torch.ones(3).requires_grad_(true));
      params.put("head.unused", torch.ones(2).requires_grad_(true));
      Tensor zeroed = params.computeIfAbsent("head.zeroed", n -> torch.ones(2).requires_grad_(true));
      Tensor negative = params.computeIfAbsent("nan", n -> torch.full(new long[] {1}, new Scalar(-1.0)).requires_grad_(true));
      Tensor zero = params.computeIfAbsent("block.0.inf", n -> torch.zeros(1).requires_grad_(true));
      Tensor loss = used.mul(new Scalar(2)).sum()
          .add(zeroed.mul(new Scalar(0)).sum())
          .add(negative.sqrt().sum())   // d sqrt(x)/dx at -1: NaN
          .add(zero.sqrt().sum());      // at 0: Inf

      GradientCheck check = GradientCheck.run(List.of(loss), params);

      assertThat(check.healthy()).isFalse();
      assertThat(check.problems()).extracting(GradientCheck.ParameterGradient::name)
          .containsExactly("head.unused", "head.zeroed", "nan", "block.0.inf");
      assertThat(check.problems()).extracting(GradientCheck.ParameterGradient::state)
          .containsExactly(GradientState.MISSING, GradientState.ZERO, GradientState.NAN, GradientState.INF);
      assertThat(check.problems()).extracting(GradientCheck.ParameterGradient::module)
          .containsExactly("head", "head", "", "block.0");
      assertThat(check.problems().get(0).describe()).startsWith("head.unused (module head): no gradient");
      assertThat(check.problems().get(2).describe()).isEqualTo("nan (the root module): gradient holds NaN");
      GradientCheck.ParameterGradient healthy = check.parameters().get(0);
      assertThat(healthy.state()).isEqualTo(GradientState.PRESENT);
      assertThat(healthy.norm()).isCloseTo(2 * Math.sqrt(3), within(1e-6));
    }
  }

  @Test
  void aModelWhoseParametersAllLearnIsHealthy() {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case mlp = ReferenceModels.build("mlp");

      GradientCheck check = GradientCheck.run(List.of(mlp.outputs().get(0).sum()), mlp.params());

      assertThat(check.healthy()).isTrue();
      assertThat(check.parameters()).hasSize(6);
    }
  }

  @Test
  void outputsThatCannotBeDifferentiatedAreRefusedWithTheFix() {
    try (PointerScope scope = new PointerScope()) {
      Tensor w = torch.ones(3).requires_grad_(true);
      assertThatThrownBy(() -> GradientCheck.run(List.of(w.mul(new Scalar(2))), Map.of("w", w)))
          .isInstanceOf(Torchviz4jException.class).hasMessageContaining("3 elements").hasMessageContaining("--reduce sum");
      assertThatThrownBy(() -> GradientCheck.run(List.of(torch.ones(1).sum()), Map.of("w", w)))
          .isInstanceOf(Torchviz4jException.class).hasMessageContaining("does not require grad");
    }
  }
}

package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.GradientState;
import io.github.torchviz4j.graph.TensorData;
import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.pytorch.internal.Parameters;
import io.github.torchviz4j.pytorch.internal.TensorNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorArrayRefOptional;

/**
 * Which parameters got a healthy gradient: the check a training job runs in CI to fail the build
 * when a parameter gets no gradient, an all-zero one, NaN or Inf. Immutable.
 *
 * <pre>{@code
 * GradientCheck check = GradientCheck.run(List.of(loss), model.named_parameters());
 * if (!check.healthy()) {
 *   check.problems().forEach(p -> System.err.println(p.describe()));
 * }
 * }</pre>
 *
 * @param parameters every parameter checked, in the order given
 */
public record GradientCheck(List<ParameterGradient> parameters) {

  /**
   * Validates and copies.
   *
   * @param parameters every parameter checked
   */
  public GradientCheck {
    parameters = List.copyOf(Checks.notNull(parameters, "parameters"));
  }

  /**
   * One parameter's gradient after {@code backward()}.
   *
   * @param name the parameter's name, e.g. {@code layers.0.linear1.weight}
   * @param module the module that owns it ({@code layers.0.linear1}; empty for the root)
   * @param state missing, zero, NaN, Inf or present
   * @param norm the gradient's L2 norm (NaN when missing)
   * @param maxAbs its largest absolute element (NaN when missing)
   */
  public record ParameterGradient(String name, String module, GradientState state, double norm, double maxAbs) {

    /**
     * Validates the fields.
     *
     * @param name the parameter's name
     * @param module its module
     * @param state what its gradient looked like
     * @param norm the gradient's L2 norm
     * @param maxAbs its largest absolute element
     */
    public ParameterGradient {
      Checks.notNull(name, "parameter name");
      Checks.notNull(module, "module");
      Checks.notNull(state, "gradient state");
    }

    /** @return one line for a person, e.g. {@code fc2.weight (module fc2): no gradient} */
    public String describe() {
      String where = module.isEmpty() ? "the root module" : "module " + module;
      return name + " (" + where + "): " + switch (state) {
        case MISSING -> "no gradient (.grad is None: it is not in the graph behind the output, or detached)";
        case ZERO -> "gradient is all zeros";
        case NAN -> "gradient holds NaN";
        case INF -> "gradient holds Inf";
        case PRESENT, NOT_CAPTURED -> "gradient norm " + norm;
      };
    }
  }

  /**
   * Runs {@code backward()} from scalar outputs and checks every parameter's gradient. The
   * parameters' {@code .grad} must not hold an earlier step's gradients (zero them first, or the
   * check sees their sum).
   *
   * @param outputs scalar tensors that require grad, e.g. a loss
   * @param params the parameters to check, by name (what {@code named_parameters()} returns)
   * @return the findings
   * @throws Torchviz4jException if an output is not a scalar or does not require grad
   */
  public static GradientCheck run(List<Tensor> outputs, Map<String, Tensor> params) {
    Checks.notNull(outputs, "outputs");
    Checks.check(!outputs.isEmpty(), "no outputs given; pass the loss to differentiate");
    for (int i = 0; i < outputs.size(); i++) {
      Tensor output = Checks.notNull(outputs.get(i), "output " + i);
      if (output.numel() != 1) {
        throw new Torchviz4jException("output " + i + " has " + output.numel() + " elements, but backward()"
            + " needs a scalar; reduce it first (Reduction.SUM or Reduction.MEAN, --reduce sum in the command)");
      }
      if (!output.requires_grad()) {
        throw new Torchviz4jException("output " + i + " does not require grad, so no parameter can get a"
            + " gradient; check that the model has trainable parameters and no torch.no_grad() around forward");
      }
    }
    for (Tensor output : outputs) {
      try {
        // retain_graph: several outputs may share a graph.
        output.backward(new Tensor(), new BoolOptional(true), false, new TensorArrayRefOptional());
      } catch (RuntimeException e) {
        throw Natives.failure("backward() failed", e, "check the model's forward for in-place changes");
      }
    }
    return of(params);
  }

  /**
   * Checks the gradients the parameters hold now, after a {@code backward()} the caller ran.
   *
   * @param params the parameters to check, by name
   * @return the findings
   */
  public static GradientCheck of(Map<String, Tensor> params) {
    Checks.notNull(params, "params");
    params.forEach((name, tensor) -> Checks.notNull(tensor, "parameter '" + name + "'"));
    List<ParameterGradient> found = new ArrayList<>(params.size());
    // A shared (tied) tensor is checked once, under its first name, as Python names it.
    Parameters.firstNames(params).forEach((name, tensor) -> {
      TensorData data = TensorNumbers.of(tensor, 0, true);
      found.add(new ParameterGradient(name, moduleOf(name), data.gradientState(), data.gradientNorm(),
          data.gradientMaxAbs()));
    });
    return new GradientCheck(found);
  }

  /** @return the parameters whose gradient is missing, zero, NaN or Inf, in order */
  public List<ParameterGradient> problems() {
    return parameters.stream().filter(p -> p.state().isProblem()).toList();
  }

  /** @return whether every parameter has a finite, non-zero gradient */
  public boolean healthy() {
    return problems().isEmpty();
  }

  private static String moduleOf(String parameterName) {
    int dot = parameterName.lastIndexOf('.');
    return dot < 0 ? "" : parameterName.substring(0, dot);
  }
}

package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.jspecify.annotations.Nullable;

/**
 * The shape, element type and value range of a random input tensor, written
 * {@code SHAPE[:DTYPE[:LOW..HIGH]]}: {@code 1,3,224,224}, {@code 1,128:int64:0..30522},
 * {@code 4,10:float64:-1..1}, or {@code ()} for a 0-D tensor. Immutable.
 *
 * <p>Floating-point inputs are drawn from the standard normal distribution ({@code torch.randn})
 * unless a range is given, then uniformly from {@code [LOW, HIGH)}. Integer inputs are drawn
 * uniformly from {@code [LOW, HIGH)} ({@code torch.randint}), by default {@code [0, 10)}; booleans
 * from {@code [0, 2)}. Random inputs never require gradients.
 *
 * @param shape the sizes, each at least 0; empty for a 0-D tensor
 * @param dtype the element type; default {@link DType#FLOAT32}
 * @param range the value range, or null for the default of the type
 */
public record InputSpec(List<Long> shape, DType dtype, @Nullable Range range) {
  /** The default integer range, {@code [0, 10)}. */
  public static final Range DEFAULT_INTEGER_RANGE = new Range(0, 10);

  /**
   * A half-open value range {@code [low, high)}. Immutable.
   *
   * @param low the smallest value
   * @param high the bound, above {@code low}
   */
  public record Range(double low, double high) {
    /**
     * Validates the bounds.
     *
     * @param low the smallest value
     * @param high the bound, above {@code low}
     */
    public Range {
      Checks.check(Double.isFinite(low) && Double.isFinite(high) && low < high,
          "value range " + format(low) + ".." + format(high) + " is empty; give LOW..HIGH with LOW < HIGH");
    }

    @Override
    public String toString() {
      return format(low) + ".." + format(high);
    }
  }

  /**
   * Validates the fields.
   *
   * @param shape the sizes, each at least 0; empty for a 0-D tensor
   * @param dtype the element type; default {@link DType#FLOAT32}
   * @param range the value range, or null for the default of the type
   */
  public InputSpec {
    Checks.notNull(shape, "shape");
    Checks.notNull(dtype, "dtype");
    shape = List.copyOf(shape);
    for (Long size : shape) {
      Checks.check(size >= 0, "size " + size + " in shape " + shape + " is negative; sizes are 0 or more");
    }
    if (range != null && !dtype.isFloatingPoint()) {
      Checks.check(range.low() == Math.rint(range.low()) && range.high() == Math.rint(range.high()),
          "range " + range + " of a " + dtype + " input has fractions; give whole numbers");
    }
  }

  /**
   * Parses {@code SHAPE[:DTYPE[:LOW..HIGH]]}.
   *
   * @param text e.g. {@code 1,128:int64:0..30522}
   * @return the spec
   * @throws Torchviz4jException if the text is malformed, naming the bad part
   */
  public static InputSpec parse(String text) {
    Checks.notNull(text, "input spec");
    String[] parts = text.strip().split(":", -1);
    if (parts.length > 3) {
      throw new Torchviz4jException("input spec '" + text + "' has too many ':'; write SHAPE[:DTYPE[:LOW..HIGH]],"
          + " e.g. 1,3,224,224 or 1,128:int64:0..30522");
    }
    List<Long> shape = parseShape(parts[0], text);
    DType dtype = parts.length > 1 && !parts[1].isBlank() ? DType.parse(parts[1]) : DType.FLOAT32;
    Range range = parts.length > 2 ? parseRange(parts[2], text) : null;
    return new InputSpec(shape, dtype, range);
  }

  private static List<Long> parseShape(String text, String spec) {
    String body = text.strip();
    if (body.startsWith("(") && body.endsWith(")") || body.startsWith("[") && body.endsWith("]")) {
      body = body.substring(1, body.length() - 1).strip();
    }
    List<Long> shape = new ArrayList<>();
    if (body.isEmpty()) {
      return shape;
    }
    for (String size : body.split(",", -1)) {
      try {
        shape.add(Long.parseLong(size.strip()));
      } catch (NumberFormatException e) {
        throw new Torchviz4jException("shape '" + text + "' in input spec '" + spec + "' is not a list of sizes;"
            + " write sizes separated by commas, e.g. 1,3,224,224 (or () for a 0-D tensor)", e);
      }
    }
    return shape;
  }

  private static Range parseRange(String text, String spec) {
    int dots = text.indexOf("..");
    if (dots < 0) {
      throw new Torchviz4jException("range '" + text + "' in input spec '" + spec + "' is malformed;"
          + " write LOW..HIGH (HIGH excluded), e.g. 0..30522");
    }
    try {
      return new Range(Double.parseDouble(text.substring(0, dots).strip()),
          Double.parseDouble(text.substring(dots + 2).strip()));
    } catch (NumberFormatException e) {
      throw new Torchviz4jException("range '" + text + "' in input spec '" + spec + "' is not two numbers;"
          + " write LOW..HIGH (HIGH excluded), e.g. 0..30522", e);
    }
  }

  /** @return the range values are drawn from, or null for floating point's standard normal */
  public @Nullable Range effectiveRange() {
    if (range != null || dtype.isFloatingPoint()) {
      return range;
    }
    return dtype == DType.BOOL ? new Range(0, 2) : DEFAULT_INTEGER_RANGE;
  }

  /**
   * Makes a random tensor of this spec from libtorch's default CPU generator.
   *
   * @return a new tensor that does not require gradients
   * @throws Torchviz4jException if libtorch refuses (e.g. a range outside the type)
   * @throws LibtorchUnavailableException if libtorch cannot be loaded
   */
  public Tensor random() {
    Natives.load();
    long[] sizes = shape.stream().mapToLong(Long::longValue).toArray();
    TensorOptions options = new TensorOptions(dtype.scalarType());
    Range values = effectiveRange();
    try {
      if (values == null) {
        return torch.randn(sizes, options);
      }
      if (dtype.isFloatingPoint()) {
        return torch.rand(sizes, options).mul(new Scalar(values.high() - values.low())).add(new Scalar(values.low()));
      }
      return torch.randint((long) values.low(), (long) values.high(), sizes, options);
    } catch (RuntimeException e) {
      throw Natives.failure("cannot make a random " + this + " tensor", e, "check the dtype and range");
    }
  }

  /**
   * Makes one random tensor per spec, in order, after seeding libtorch's default CPU generator, so
   * the same specs and seed give the same values.
   *
   * @param specs the specs
   * @param seed the seed ({@code torch.manual_seed})
   * @return new tensors that do not require gradients
   * @throws Torchviz4jException if libtorch refuses a spec
   * @throws LibtorchUnavailableException if libtorch cannot be loaded
   */
  public static List<Tensor> randomTensors(List<InputSpec> specs, long seed) {
    Checks.notNull(specs, "input specs");
    Natives.load();
    torch.manual_seed(seed);
    List<Tensor> tensors = new ArrayList<>(specs.size());
    for (InputSpec spec : specs) {
      tensors.add(spec.random());
    }
    return tensors;
  }

  /** @return the spec as {@link #parse} reads it, e.g. {@code 1,128:int64:0..30522} */
  @Override
  public String toString() {
    String sizes = shape.isEmpty() ? "()" : shape.stream().map(String::valueOf).collect(Collectors.joining(","));
    return sizes + ":" + dtype + (range == null ? "" : ":" + range);
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
  }
}

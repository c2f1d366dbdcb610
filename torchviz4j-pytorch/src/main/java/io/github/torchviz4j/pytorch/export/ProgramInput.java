package io.github.torchviz4j.pytorch.export;

import io.github.torchviz4j.internal.Checks;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One input of an exported program's graph, as its signature describes it. Immutable.
 *
 * @param name the graph's name for it ({@code p_fc_weight}, {@code x})
 * @param kind parameter, buffer, constant or user input
 * @param target the parameter's, buffer's or constant's dotted name ({@code fc.weight}); empty for
 *     user inputs
 * @param dtype PyTorch's name of its dtype ({@code float32}); empty when it is not a tensor
 * @param shape its sizes, -1 for a symbolic size; empty when it is not a tensor or 0-d
 */
public record ProgramInput(String name, Kind kind, String target, String dtype, List<Long> shape) {

  /** What an input is. */
  public enum Kind {
    /** A forward argument. */
    USER_INPUT,
    /** A parameter ({@code named_parameters()}). */
    PARAMETER,
    /** A buffer ({@code named_buffers()}), e.g. batch norm's running statistics. */
    BUFFER,
    /** A lifted tensor constant, a non-tensor constant, a custom object or an effect token. */
    CONSTANT
  }

  /**
   * Validates the fields and copies the shape.
   *
   * @param name the graph's name for it
   * @param kind what it is
   * @param target the dotted name of what it stands for, empty for user inputs
   * @param dtype its dtype's name, empty when not a tensor
   * @param shape its sizes
   */
  public ProgramInput {
    Checks.notNull(name, "input name");
    Checks.notNull(kind, "input kind");
    Checks.notNull(target, "input target");
    Checks.notNull(dtype, "input dtype");
    shape = List.copyOf(Checks.notNull(shape, "input shape"));
  }

  /** @return e.g. {@code float32 (2, 6, 16)}, with {@code s} for symbolic sizes */
  public String describe() {
    return dtype + " " + shape.stream().map(size -> size < 0 ? "s" : String.valueOf(size))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}

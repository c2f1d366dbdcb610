package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;
import io.github.torchviz4j.internal.PythonRepr;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The value of a backward function's saved attribute, typed as PyTorch's Python bindings present
 * it; {@link #pythonText()} prints it as torchviz does ({@code str(value)}).
 */
public sealed interface AttributeValue {

  /** @return the value as torchviz prints it in an attribute table */
  String pythonText();

  /**
   * An integer. PyTorch's bindings return {@code int64_t} and {@code SymInt} attributes as unsigned,
   * so {@code -1} reads {@code 18446744073709551615}; the capture stores what Python shows.
   *
   * @param value the integer
   */
  record IntValue(BigInteger value) implements AttributeValue {
    /**
     * Validates the value.
     *
     * @param value the integer
     */
    public IntValue {
      Checks.notNull(value, "integer value");
    }

    @Override
    public String pythonText() {
      return value.toString();
    }
  }

  /**
   * A floating-point number.
   *
   * @param value the number
   */
  record FloatValue(double value) implements AttributeValue {
    @Override
    public String pythonText() {
      return PythonRepr.ofDouble(value);
    }
  }

  /**
   * A boolean, printed {@code True} or {@code False}.
   *
   * @param value the boolean
   */
  record BoolValue(boolean value) implements AttributeValue {
    @Override
    public String pythonText() {
      return value ? "True" : "False";
    }
  }

  /**
   * A string, printed as is.
   *
   * @param value the text
   */
  record TextValue(String value) implements AttributeValue {
    /**
     * Validates the value.
     *
     * @param value the text
     */
    public TextValue {
      Checks.notNull(value, "text value");
    }

    @Override
    public String pythonText() {
      return value;
    }
  }

  /** An absent optional value or an undefined saved tensor, printed {@code None}. */
  record NoneValue() implements AttributeValue {
    @Override
    public String pythonText() {
      return "None";
    }
  }

  /**
   * A tuple, printed {@code (1, 2)}, {@code (16,)} or {@code ()}.
   *
   * @param items its items
   */
  record TupleValue(List<AttributeValue> items) implements AttributeValue {
    /**
     * Copies the items.
     *
     * @param items its items
     */
    public TupleValue {
      items = List.copyOf(Checks.notNull(items, "tuple items"));
    }

    @Override
    public String pythonText() {
      if (items.size() == 1) {
        return "(" + items.get(0).pythonText() + ",)";
      }
      return items.stream().map(AttributeValue::pythonText).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  /**
   * Saved tensors: one ({@code [saved tensor]}) or several ({@code [saved tensors]}).
   *
   * @param count how many tensors are saved under this name
   * @param list whether the field is a list of tensors
   */
  record SavedTensors(int count, boolean list) implements AttributeValue {
    @Override
    public String pythonText() {
      return list ? "[saved tensors]" : "[saved tensor]";
    }
  }

  /** Saved tensors that {@code backward()} has already freed. */
  record Freed() implements AttributeValue {
    @Override
    public String pythonText() {
      return "[freed]";
    }
  }

  /** A value that could not be recovered from libtorch; printed {@code ?}, never guessed. */
  record Unknown() implements AttributeValue {
    @Override
    public String pythonText() {
      return "?";
    }
  }
}

package io.github.torchviz4j.pytorch.export;

import java.util.List;

/**
 * Python's arithmetic on concrete symbolic values ({@code Long}, {@code Double}, {@code Boolean}),
 * for the {@code _operator.*} and {@code torch.sym_*} nodes of an exported program: ints stay ints
 * ({@code //} floors, {@code %} takes the divisor's sign), {@code /} gives a float. Stateless.
 */
final class SymbolicOps {
  private SymbolicOps() {}

  /**
   * Applies one operator.
   *
   * @param op its name: {@code add}, {@code floordiv}, {@code sym_max}, ...
   * @param args its operands
   * @return the result
   * @throws IllegalArgumentException if the operator or the operand count is unknown
   * @throws ArithmeticException on division by zero
   */
  static Object apply(String op, List<Object> args) {
    return switch (op) {
      case "neg" -> isInt(arg(args, 0)) ? (Object) (-asLong(args.get(0))) : (Object) (-asDouble(args.get(0)));
      case "pos" -> arg(args, 0);
      case "abs" -> isInt(arg(args, 0)) ? (Object) Math.abs(asLong(args.get(0))) : (Object) Math.abs(asDouble(args.get(0)));
      case "not_", "sym_not" -> !truth(arg(args, 0));
      case "sym_float" -> asDouble(arg(args, 0));
      case "sym_int", "trunc" -> (long) asDouble(arg(args, 0));
      case "ceil" -> (long) Math.ceil(asDouble(arg(args, 0)));
      case "floor" -> (long) Math.floor(asDouble(arg(args, 0)));
      case "sym_sqrt" -> Math.sqrt(asDouble(arg(args, 0)));
      case "sym_ite" -> truth(arg(args, 0)) ? arg(args, 1) : arg(args, 2);
      default -> binary(op, arg(args, 0), arg(args, 1));
    };
  }

  private static Object binary(String op, Object a, Object b) {
    boolean ints = isInt(a) && isInt(b);
    return switch (op) {
      case "add" -> ints ? (Object) Math.addExact(asLong(a), asLong(b)) : (Object) (asDouble(a) + asDouble(b));
      case "sub" -> ints ? (Object) Math.subtractExact(asLong(a), asLong(b)) : (Object) (asDouble(a) - asDouble(b));
      case "mul" -> ints ? (Object) Math.multiplyExact(asLong(a), asLong(b)) : (Object) (asDouble(a) * asDouble(b));
      case "truediv" -> asDouble(a) / nonZero(asDouble(b));
      case "floordiv" -> ints ? (Object) Math.floorDiv(asLong(a), (long) nonZero(asLong(b)))
          : (Object) Math.floor(asDouble(a) / nonZero(asDouble(b)));
      case "mod" -> ints ? (Object) Math.floorMod(asLong(a), (long) nonZero(asLong(b)))
          : (Object) (asDouble(a) - Math.floor(asDouble(a) / nonZero(asDouble(b))) * asDouble(b));
      case "pow" -> ints && asLong(b) >= 0 ? (Object) (long) Math.pow(asLong(a), asLong(b))
          : (Object) Math.pow(asDouble(a), asDouble(b));
      case "eq" -> asDouble(a) == asDouble(b);
      case "ne" -> asDouble(a) != asDouble(b);
      case "lt" -> asDouble(a) < asDouble(b);
      case "le" -> asDouble(a) <= asDouble(b);
      case "gt" -> asDouble(a) > asDouble(b);
      case "ge" -> asDouble(a) >= asDouble(b);
      case "and_" -> truth(a) && truth(b);
      case "or_" -> truth(a) || truth(b);
      case "sym_max" -> ints ? (Object) Math.max(asLong(a), asLong(b)) : (Object) Math.max(asDouble(a), asDouble(b));
      case "sym_min" -> ints ? (Object) Math.min(asLong(a), asLong(b)) : (Object) Math.min(asDouble(a), asDouble(b));
      default -> throw new IllegalArgumentException("unknown symbolic operator '" + op + "'");
    };
  }

  private static Object arg(List<Object> args, int i) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("expected at least " + (i + 1) + " operands, got " + args.size());
    }
    return args.get(i);
  }

  private static double nonZero(double value) {
    if (value == 0) {
      throw new ArithmeticException("division by zero");
    }
    return value;
  }

  private static boolean isInt(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Boolean;
  }

  private static long asLong(Object value) {
    return value instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) value).longValue();
  }

  private static double asDouble(Object value) {
    return value instanceof Boolean bool ? (bool ? 1 : 0) : ((Number) value).doubleValue();
  }

  private static boolean truth(Object value) {
    return value instanceof Boolean bool ? bool : asDouble(value) != 0;
  }
}

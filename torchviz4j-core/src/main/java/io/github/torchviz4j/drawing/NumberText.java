package io.github.torchviz4j.drawing;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Compact text for captured numbers: four significant digits, as PyTorch prints tensors. */
final class NumberText {
  private NumberText() {}

  static String of(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(value);
    if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    String text = String.format(Locale.ROOT, "%.4f", value);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", ".") : text;
  }

  static String of(List<Double> values) {
    if (values.size() == 1) {
      return of(values.get(0));
    }
    return values.stream().map(NumberText::of).collect(Collectors.joining(", ", "[", "]"));
  }
}

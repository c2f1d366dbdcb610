package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.SavedBytes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The memory each module holds for backward: the sum of its functions' {@link SavedBytes}, its
 * children's included. Immutable.
 */
final class SavedTotals {
  private final Map<String, long[]> byModule;

  private SavedTotals(Map<String, long[]> byModule) {
    this.byModule = byModule;
  }

  static SavedTotals of(Graph graph) {
    Map<String, long[]> totals = new HashMap<>();
    for (Node node : graph.nodes()) {
      SavedBytes saved = node.saved();
      if (!saved.measured()) {
        continue;
      }
      for (String path = node.modulePath(); ; path = ModuleInfo.parentOf(path)) {
        long[] sum = totals.computeIfAbsent(path, p -> new long[2]);
        sum[0] += saved.total();
        sum[1] += saved.parameters();
        if (path.isEmpty()) {
          break;
        }
      }
    }
    return new SavedTotals(totals);
  }

  /** @return the module's bytes, empty when memory was not measured */
  Optional<SavedBytes> of(String modulePath) {
    long[] sum = byModule.get(modulePath);
    return sum == null ? Optional.empty() : Optional.of(new SavedBytes(sum[0], sum[1]));
  }

  /**
   * Bytes as a person reads them, in powers of 1000 as PyTorch's memory tools print them.
   *
   * @param bytes a count of bytes
   * @return e.g. {@code 12 B}, {@code 103.7 KB}, {@code 22.3 MB}
   */
  static String text(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /**
   * One function's or module's bytes for a label: {@code 8 B}, or {@code 1.2 MB (0.4 MB params)}.
   *
   * @param saved measured bytes
   * @return the text
   */
  static String text(SavedBytes saved) {
    return text(saved.total()) + (saved.parameters() == 0 ? "" : " (" + text(saved.parameters()) + " params)");
  }
}

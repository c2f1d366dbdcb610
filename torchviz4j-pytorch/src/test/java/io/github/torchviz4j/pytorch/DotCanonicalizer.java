package io.github.torchviz4j.pytorch;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames node ids to n0, n1, ... in order of first appearance, as the reference files were
 * canonicalised, so DOT texts compare byte for byte.
 */
public final class DotCanonicalizer {
  private static final Pattern STATEMENT =
      Pattern.compile("^\\t(?!graph \\[|node \\[|edge \\[)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s\\[]+)(?: -> (\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s\\[]+))?");

  private DotCanonicalizer() {}

  public static String canonicalize(String dot) {
    Map<String, String> names = new HashMap<>();
    StringBuilder out = new StringBuilder();
    for (String line : dot.split("\n", -1)) {
      Matcher m = STATEMENT.matcher(line);
      if (m.find()) {
        String tail = names.computeIfAbsent(m.group(1), k -> "n" + names.size());
        String rest = line.substring(m.end());
        if (m.group(2) != null) {
          String head = names.computeIfAbsent(m.group(2), k -> "n" + names.size());
          out.append('\t').append(tail).append(" -> ").append(head).append(rest);
        } else {
          out.append('\t').append(tail).append(rest);
        }
      } else {
        out.append(line);
      }
      out.append('\n');
    }
    return out.substring(0, out.length() - 1);
  }
}

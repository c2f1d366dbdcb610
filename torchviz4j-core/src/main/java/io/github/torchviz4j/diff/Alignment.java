package io.github.torchviz4j.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pairs the elements of two sequences of keys: a longest common subsequence, with the unmatched
 * elements between two matches paired by position (those are "changed"). Common prefixes and
 * suffixes are matched first in linear time, so near-identical sequences cost O(n); the quadratic
 * table is only built for the part that differs, and only while it stays small; beyond that the
 * rest is paired by position.
 */
final class Alignment {
  /** The most table cells built for one middle part (about 16 MB of ints). */
  static final long MAX_CELLS = 4_000_000L;

  private Alignment() {}

  /**
   * One pair of positions.
   *
   * @param left index into the left sequence
   * @param right index into the right sequence
   */
  record Pair(int left, int right) {}

  /**
   * Aligns two sequences.
   *
   * @param left the keys before
   * @param right the keys after
   * @return pairs in increasing order of both indices; equal keys where the common subsequence
   *     matched them, possibly different keys where a gap was paired by position
   */
  static List<Pair> of(List<String> left, List<String> right) {
    List<Pair> pairs = new ArrayList<>();
    int start = 0;
    while (start < left.size() && start < right.size() && left.get(start).equals(right.get(start))) {
      pairs.add(new Pair(start, start));
      start++;
    }
    int leftEnd = left.size();
    int rightEnd = right.size();
    List<Pair> suffix = new ArrayList<>();
    while (leftEnd > start && rightEnd > start && left.get(leftEnd - 1).equals(right.get(rightEnd - 1))) {
      leftEnd--;
      rightEnd--;
      suffix.add(0, new Pair(leftEnd, rightEnd));
    }
    long cells = (long) (leftEnd - start) * (rightEnd - start);
    if (cells <= MAX_CELLS) {
      middle(left, right, start, leftEnd, start, rightEnd, pairs);
    } else {
      gap(start, leftEnd, start, rightEnd, pairs);
    }
    pairs.addAll(suffix);
    return pairs;
  }

  /** The longest common subsequence of two slices, by the classic table, gaps paired by position. */
  private static void middle(List<String> left, List<String> right, int l0, int l1, int r0, int r1, List<Pair> out) {
    int n = l1 - l0;
    int m = r1 - r0;
    int[][] lengths = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lengths[i][j] = Objects.equals(left.get(l0 + i), right.get(r0 + j))
            ? lengths[i + 1][j + 1] + 1
            : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    int gapLeft = 0;
    int gapRight = 0;
    while (i < n && j < m) {
      if (Objects.equals(left.get(l0 + i), right.get(r0 + j))) {
        gap(l0 + gapLeft, l0 + i, r0 + gapRight, r0 + j, out);
        out.add(new Pair(l0 + i, r0 + j));
        i++;
        j++;
        gapLeft = i;
        gapRight = j;
      } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    gap(l0 + gapLeft, l1, r0 + gapRight, r1, out);
  }

  /** Unmatched runs between two matches: the same place in both, so paired by position. */
  private static void gap(int l0, int l1, int r0, int r1, List<Pair> out) {
    for (int k = 0; k < Math.min(l1 - l0, r1 - r0); k++) {
      out.add(new Pair(l0 + k, r0 + k));
    }
  }
}

package io.github.torchviz4j.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentTest {

  @Test
  void commonSubsequenceMatchesAndGapsPairByPosition() {
    List<Alignment.Pair> pairs = Alignment.of(List.of("a", "relu", "b", "x", "c"), List.of("a", "gelu", "b", "c"));
    assertThat(pairs).containsExactly(new Alignment.Pair(0, 0), new Alignment.Pair(1, 1), new Alignment.Pair(2, 2),
        new Alignment.Pair(4, 3));
  }

  @Test
  void anInsertedRunIsLeftUnpaired() {
    List<Alignment.Pair> pairs = Alignment.of(List.of("a", "b"), List.of("a", "x", "y", "b"));
    assertThat(pairs).containsExactly(new Alignment.Pair(0, 0), new Alignment.Pair(1, 3));
  }

  @Test
  void longIdenticalSequencesAlignWithoutATable() {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      ops.add(i % 3 == 0 ? "MulBackward0" : "AddBackward0");
    }
    // 200,000 squared cells would not fit in the heap: this passes only through the linear path.
    assertThat(Alignment.of(ops, ops)).hasSize(ops.size()).allMatch(p -> p.left() == p.right());
  }
}

package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Graph;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;

/** Capture from 8 threads at once, 1,000 times each: no crash, and nothing left behind. */
class ConcurrentCaptureTest {
  private static final int THREADS = 8;
  private static final int CAPTURES = 1_000;
  private static final long HEAP_MARGIN = 16L << 20;

  @Test
  void eightThreadsCaptureAThousandTimesEach() throws Exception {
    MakeDotOptions detailed = MakeDotOptions.builder().showSaved(true).showAttrs(true).build();
    // Warm up the JIT and libtorch's lazily made statics before measuring.
    captureRepeatedly("mlp", 20, detailed);
    long pointers = Pointer.totalCount();
    long heap = usedHeapAfterGc();

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    List<String> models = List.of("neuron", "mlp", "cnn", "views", "views_output", "views_leaf", "multi_output", "mlp");
    for (int t = 0; t < THREADS; t++) {
      String model = models.get(t);
      results.add(pool.submit(() -> captureRepeatedly(model, CAPTURES, detailed)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
    for (Future<Integer> result : results) {
      assertThat(result.get()).isPositive();
    }

    assertThat(Pointer.totalCount()).as("JavaCPP wrappers alive").isLessThanOrEqualTo(pointers);
    assertThat(usedHeapAfterGc() - heap).as("heap growth in bytes").isLessThan(HEAP_MARGIN);
  }

  /** Builds a model on this thread and captures it repeatedly; returns the last graph's node count. */
  private static int captureRepeatedly(String model, int times, MakeDotOptions options) {
    try (PointerScope scope = new PointerScope()) {
      ReferenceModels.Case built = ReferenceModels.build(model);
      Graph graph = null;
      for (int i = 0; i < times; i++) {
        graph = TorchViz.capture(built.outputs(), built.params(), options);
      }
      return graph.nodes().size();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

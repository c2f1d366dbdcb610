package io.github.torchviz4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Heap readings from the JVM's memory pools. A peak is the sum of each heap pool's peak since the
 * last {@link #resetPeak()}: an upper bound on the real peak, garbage not yet collected included.
 */
final class Heap {
  private static final List<MemoryPoolMXBean> POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).toList();

  private Heap() {}

  /** Collects garbage (twice, with a pause, so finalizers and reference queues settle). */
  static void collect() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** @return bytes in use now */
  static long used() {
    return POOLS.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
  }

  /** Starts a new peak window. */
  static void resetPeak() {
    POOLS.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** @return the peak bytes in use since {@link #resetPeak()} */
  static long peak() {
    return POOLS.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }
}

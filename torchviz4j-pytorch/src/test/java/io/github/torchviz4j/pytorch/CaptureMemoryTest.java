package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.graph.Graph;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TransformerEncoderImpl;
import org.bytedeco.pytorch.TransformerEncoderLayerOptions;
import org.bytedeco.pytorch.TransformerEncoderOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * Capture holds no native memory: every JavaCPP wrapper it creates is released before it returns,
 * and capturing the same model again and again grows neither native memory nor the heap.
 */
class CaptureMemoryTest {
  private static final double MB = 1024.0 * 1024.0;
  /** Allowed growth of native memory over 1,000 captures: a leak of 40 bytes per node would exceed it. */
  private static final long NATIVE_MARGIN = 32L << 20;
  /** Allowed growth of the live heap over 1,000 captures: a leak of 10 bytes per node would exceed it. */
  private static final long HEAP_MARGIN = 8L << 20;

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** A two-layer libtorch TransformerEncoder (d_model 64) and its output and parameters. */
  private record Encoder(List<Tensor> outputs, Map<String, Tensor> params) {}

  private static Encoder encoder() {
    torch.manual_seed(0);
    TransformerEncoderLayerOptions layer = new TransformerEncoderLayerOptions(64, 4);
    layer.dim_feedforward().put(128);
    TransformerEncoderImpl model = new TransformerEncoderImpl(new TransformerEncoderOptions(layer, 2));
    Tensor y = model.forward(torch.randn(10, 2, 64)).sum();
    StringTensorDict dict = model.named_parameters();
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (long i = 0; i < dict.size(); i++) {
      params.put(dict.get(i).key().getString(), new Tensor(dict.get(i).value()));
    }
    return new Encoder(List.of(y), params);
  }

  @Test
  void everyWrapperCreatedByCaptureIsReleased() {
    MakeDotOptions everything = MakeDotOptions.builder().showSaved(true).showAttrs(true).build();
    try (PointerScope scope = new PointerScope()) {
      Encoder model = encoder();
      long baseline = Pointer.totalCount();

      Graph plain = TorchViz.capture(model.outputs(), model.params());
      assertThat(Pointer.totalCount()).isLessThanOrEqualTo(baseline);
      Graph detailed = TorchViz.capture(model.outputs(), model.params(), everything);
      assertThat(Pointer.totalCount()).isLessThanOrEqualTo(baseline);

      assertThat(plain.nodes()).hasSizeGreaterThan(100);
      assertThat(detailed.nodes()).hasSizeGreaterThan(plain.nodes().size());
    }
  }

  @Test
  void capturingOneModelAThousandTimesGrowsNeitherNativeMemoryNorHeap() {
    try (PointerScope scope = new PointerScope()) {
      Encoder model = encoder();
      // Warm-up: the JIT, libtorch's allocator and the heap settle. Enough captures that the young
      // generation has cycled through its memory, so first touches of heap pages do not count.
      int nodes = 0;
      for (int i = 0; i < 3_000; i++) {
        nodes = TorchViz.capture(model.outputs(), model.params()).nodes().size();
      }
      collect();
      long wrappers = Pointer.totalCount();
      long residentBefore = Pointer.physicalBytes();
      long committedBefore = MEMORY.getHeapMemoryUsage().getCommitted();
      long heapBefore = MEMORY.getHeapMemoryUsage().getUsed();

      for (int i = 0; i < 1_000; i++) {
        TorchViz.capture(model.outputs(), model.params());
      }

      collect();
      long residentGrowth = Pointer.physicalBytes() - residentBefore;
      long committedGrowth = MEMORY.getHeapMemoryUsage().getCommitted() - committedBefore;
      long heapGrowth = MEMORY.getHeapMemoryUsage().getUsed() - heapBefore;
      // Resident memory also grows when the JVM commits more heap; count only what lies outside.
      long nativeGrowth = residentGrowth - Math.max(0, committedGrowth);
      String report = String.format(java.util.Locale.ROOT,
          "1,000 captures of %d nodes: resident %+.1f MB (heap committed %+.1f MB), live heap %+.1f MB",
          nodes, residentGrowth / MB, committedGrowth / MB, heapGrowth / MB);
      System.out.println(report);
      // Unrelated wrappers the collector frees meanwhile may lower the count; a leak would raise it.
      assertThat(Pointer.totalCount()).as(report).isLessThanOrEqualTo(wrappers);
      assertThat(nativeGrowth).as(report).isLessThan(NATIVE_MARGIN);
      assertThat(heapGrowth).as(report).isLessThan(HEAP_MARGIN);
    }
  }

  private static void collect() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

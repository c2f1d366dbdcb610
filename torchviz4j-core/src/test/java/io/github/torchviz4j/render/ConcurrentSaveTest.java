package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.HostileNames;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Eight threads save different graphs in every format at once: every file is whole and its own. */
class ConcurrentSaveTest {
  private static final int THREADS = 8;

  @TempDir Path directory;

  @Test
  void eightThreadsSavingEveryFormatProduceValidFiles() throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<Path>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<List<Path>> task = () -> {
          Digraph digraph = Digraph.of(HostileNames.graph(names(thread)));
          start.await();
          List<Path> saved = new ArrayList<>();
          for (Format format : Format.values()) {
            saved.add(digraph.save(directory.resolve("t" + thread + "." + format.extensions().get(0))));
          }
          return saved;
        };
        results.add(pool.submit(task));
      }
      for (int t = 0; t < THREADS; t++) {
        List<Path> saved = results.get(t).get(5, TimeUnit.MINUTES);
        String marker = "thread" + t + "weight";
        for (Path file : saved) {
          Format format = Format.fromPath(file);
          Object parsed = Outputs.parse(format, Files.readAllBytes(file));
          switch (format) {
            case DOT -> assertThat((String) parsed).contains(marker);
            case SVG -> assertThat(((Document) parsed).getDocumentElement().getTextContent()).contains(marker);
            case PNG -> assertThat(((BufferedImage) parsed).getWidth()).isPositive();
            case PDF -> assertThat((String) parsed).contains(marker);
            case HTML, JSON -> assertThat(Outputs.jsonNodes(parsed)).hasSize(2 + 3 * names(t).size())
                .anySatisfy(node -> assertThat(node.get("name")).isEqualTo(marker));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.filter(file -> file.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  private static List<String> names(int thread) {
    List<String> names = new ArrayList<>();
    names.add("thread" + thread + "weight");
    for (int i = 0; i < 5 + thread; i++) {
      names.add("layer" + i + ".<\"&\\" + thread);
    }
    return names;
  }
}

package io.github.torchviz4j.render.graphviz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.RenderOptions;
import io.github.torchviz4j.render.dot.DotWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class GraphvizWriterTest {
  @TempDir
  Path directory;

  private static byte[] render(GraphvizWriter writer, Graph graph) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(graph, RenderOptions.defaults().withEngine(Engine.GRAPHVIZ), out);
    return out.toByteArray();
  }

  /** A stand-in for dot: a shell script, so failures and big outputs can be staged. */
  private Path script(String body) throws IOException {
    Path file = directory.resolve("dot");
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void aMissingDotSaysWhatToInstallAndThatElkNeedsNothing() {
    GraphvizWriter writer = new GraphvizWriter(Format.SVG, Optional::empty);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> writer.write(SampleGraphs.seed(), RenderOptions.defaults(), out))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("Graphviz's dot was not found on the PATH")
        .hasMessageContaining("apt-get install graphviz")
        .hasMessageContaining("ELK engine, which needs nothing installed");
    assertThat(out.size()).isZero();
  }

  @Test
  void theLookupSearchesEveryPathEntry() throws IOException {
    Path dot = script("exit 0");
    Path empty = Files.createDirectory(directory.resolve("empty"));
    assertThat(DotExecutable.find(empty + java.io.File.pathSeparator + directory)).contains(dot);
    assertThat(DotExecutable.find(empty.toString())).isEmpty();
    assertThat(DotExecutable.find("")).isEmpty();
    assertThat(DotExecutable.find(null)).isEmpty();
  }

  @Test
  void aFailingDotReportsItsExitCodeAndStderr() throws IOException {
    Path dot = script("cat > /dev/null; echo 'Error: syntax error in line 3' >&2; exit 1");
    GraphvizWriter writer = new GraphvizWriter(Format.PNG, () -> Optional.of(dot));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> writer.write(SampleGraphs.seed(), RenderOptions.defaults(), out))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("exit code 1")
        .hasMessageContaining("Error: syntax error in line 3")
        .hasMessageContaining("-Tpng");
    assertThat(out.size()).as("nothing written on failure").isZero();
  }

  @Test
  void bigOutputsOnBothStreamsDoNotDeadlock() throws IOException {
    // Echo the DOT (far more than a pipe buffer) to stdout and stderr at once.
    Path dot = script("tee /dev/stderr");
    Graph chain = SampleGraphs.chain(5_000);
    String source = new DotWriter().source(chain);
    assertThat(source.length()).as("twice a Linux pipe buffer").isGreaterThan(128 * 1024);
    byte[] out = render(new GraphvizWriter(Format.SVG, () -> Optional.of(dot)), chain);
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(source);
  }

  @Test
  void withGraphvizInstalledTheSvgAndPngAreValid() throws Exception {
    Optional<Path> dot = DotExecutable.onPath();
    if (dot.isEmpty()) {
      System.err.println("GraphvizWriterTest: skipping the real-Graphviz check because dot is not on"
          + " the PATH (" + System.getenv("PATH") + "); install it with 'apt-get install graphviz'");
    }
    Assumptions.assumeTrue(dot.isPresent(), "Graphviz's dot is not on the PATH; install graphviz to run this test");
    byte[] svg = render(new GraphvizWriter(Format.SVG), SampleGraphs.special());
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(new String(svg, StandardCharsets.UTF_8)).contains("AccumulateGrad", "MulBackward0");
    byte[] png = render(new GraphvizWriter(Format.PNG), SampleGraphs.seed());
    assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
    assertThat(new String(render(new GraphvizWriter(Format.PDF), SampleGraphs.seed()), StandardCharsets.ISO_8859_1))
        .startsWith("%PDF-");
  }

  @Test
  void formatCreatesTheGraphvizWriterForTheGraphvizEngine() {
    assertThat(Format.SVG.writer(Engine.GRAPHVIZ)).isInstanceOf(GraphvizWriter.class)
        .extracting(w -> w.format()).isEqualTo(Format.SVG);
  }
}

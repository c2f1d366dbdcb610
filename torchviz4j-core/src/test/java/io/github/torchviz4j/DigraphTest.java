package io.github.torchviz4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.render.Engine;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.dot.DotWriter;
import io.github.torchviz4j.render.graphviz.GraphvizWriter;
import io.github.torchviz4j.render.html.HtmlWriter;
import io.github.torchviz4j.render.json.JsonWriter;
import io.github.torchviz4j.render.pdf.PdfWriter;
import io.github.torchviz4j.render.png.PngWriter;
import io.github.torchviz4j.render.svg.SvgWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigraphTest {
  private final Digraph neuron = Digraph.of(TestGraphs.neuron());

  @TempDir Path directory;

  @Test
  void savesDotTextChosenByExtension() throws IOException {
    Path gv = neuron.save(directory.resolve("neuron.gv"));
    Path dot = neuron.save(directory.resolve("neuron.DOT"));

    assertThat(Files.readString(gv)).isEqualTo(neuron.source()).startsWith("digraph {\n");
    assertThat(Files.readString(dot)).isEqualTo(neuron.source());
    assertThat(directoryEntries()).containsExactlyInAnyOrder("neuron.gv", "neuron.DOT");
  }

  @Test
  void rejectsUnknownExtensionNamingTheKnownOnes() {
    assertThatThrownBy(() -> neuron.save(directory.resolve("neuron.jpeg")))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("neuron.jpeg")
        .hasMessageContaining(".svg")
        .hasMessageContaining(".png");
    assertThatThrownBy(() -> neuron.save(directory.resolve("neuron")))
        .isInstanceOf(Torchviz4jException.class);
    assertThat(directoryEntries()).isEmpty();
  }

  @Test
  void rejectsMissingDirectoryWithoutCreatingIt() {
    Path missing = directory.resolve("missing/neuron.svg");

    assertThatThrownBy(() -> neuron.save(missing))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("does not exist");
    assertThat(directoryEntries()).isEmpty();
  }

  @Test
  void rejectsReadOnlyDirectoryLeavingNothingBehind() throws IOException {
    Path readOnly = Files.createDirectory(directory.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertThatThrownBy(() -> neuron.save(readOnly.resolve("neuron.gv")))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("read-only");
      try (Stream<Path> entries = Files.list(readOnly)) {
        assertThat(entries).isEmpty();
      }
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void failedRenderLeavesExistingFileUntouched() throws IOException {
    Path target = directory.resolve("neuron.gv");
    Files.writeString(target, "previous picture");

    assertThatThrownBy(() -> io.github.torchviz4j.internal.OutputFiles.write(target, out -> {
      out.write("half a picture".getBytes(StandardCharsets.UTF_8));
      throw new IOException("renderer failed");
    })).isInstanceOf(IOException.class).hasMessage("renderer failed");

    assertThat(Files.readString(target)).isEqualTo("previous picture");
    assertThat(directoryEntries()).containsExactly("neuron.gv");
  }

  @Test
  void newFilesAreReadableByAllAndReplacedFilesKeepTheirPermissions() throws IOException {
    Path fresh = neuron.save(directory.resolve("fresh.gv"));
    Path kept = directory.resolve("kept.gv");
    Files.writeString(kept, "old");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
    neuron.save(kept);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-rw----");
    assertThat(Files.readString(kept)).isEqualTo(neuron.source());
  }

  @Test
  void printingADigraphPrintsItsDotSourceAsPythonPrintsTorchvizs() {
    assertThat(neuron.toString()).isEqualTo(neuron.source()).startsWith("digraph {").contains("TanhBackward0");
    assertThat(String.valueOf(neuron)).isEqualTo(neuron.source());
  }

  @Test
  void formatComesFromExtensionIgnoringCase() {
    assertThat(Format.fromPath(Path.of("a.GV"))).isEqualTo(Format.DOT);
    assertThat(Format.fromPath(Path.of("a.svg"))).isEqualTo(Format.SVG);
    assertThat(Format.fromPath(Path.of("a.b.Png"))).isEqualTo(Format.PNG);
    assertThat(Format.fromPath(Path.of("dir.x/a.pdf"))).isEqualTo(Format.PDF);
  }

  private Stream<String> directoryEntriesStream() throws IOException {
    return Files.list(directory).map(p -> p.getFileName().toString());
  }

  private java.util.List<String> directoryEntries() {
    try (Stream<String> entries = directoryEntriesStream()) {
      return entries.toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void eachFormatHasItsWriterAndTheGraphvizEngineDrawsOnlyPictures() {
    for (Engine engine : Engine.values()) {
      assertThat(Digraph.writer(Format.DOT, engine)).isInstanceOf(DotWriter.class);
      assertThat(Digraph.writer(Format.JSON, engine)).isInstanceOf(JsonWriter.class);
      assertThat(Digraph.writer(Format.HTML, engine)).isInstanceOf(HtmlWriter.class);
    }
    assertThat(Digraph.writer(Format.SVG, Engine.ELK)).isInstanceOf(SvgWriter.class);
    assertThat(Digraph.writer(Format.PNG, Engine.ELK)).isInstanceOf(PngWriter.class);
    assertThat(Digraph.writer(Format.PDF, Engine.ELK)).isInstanceOf(PdfWriter.class);
    assertThat(Digraph.writer(Format.SVG, Engine.GRAPHVIZ)).isInstanceOf(GraphvizWriter.class)
        .extracting(w -> w.format()).isEqualTo(Format.SVG);
    for (Format format : Format.values()) {
      assertThat(Digraph.writer(format, Engine.GRAPHVIZ).format()).isEqualTo(format);
    }
  }
}

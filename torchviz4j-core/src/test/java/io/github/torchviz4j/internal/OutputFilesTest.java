package io.github.torchviz4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.layout.SampleGraphs;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.Outputs;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Output integrity for every format, through the same path {@link Digraph#save} takes: an existing
 * file survives any failed render, and no temporary file is left behind.
 */
class OutputFilesTest {
  private static final byte[] OLD = "the previous picture".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @TempDir Path directory;

  private final Digraph digraph = Digraph.of(SampleGraphs.mlp(3));

  /** A device that accepts {@code capacity} bytes, then fails as a full disk does. */
  private static final class FullDisk extends FilterOutputStream {
    private long left;

    FullDisk(OutputStream out, long capacity) {
      super(out);
      this.left = capacity;
    }

    @Override
    public void write(int b) throws IOException {
      if (left-- <= 0) {
        throw new IOException("No space left on device");
      }
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len; i++) {
        write(b[off + i]);
      }
    }
  }

  private byte[] rendered(Format format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    digraph.render(format, out);
    return out.toByteArray();
  }

  private Path existing(Format format) throws IOException {
    Path target = directory.resolve("graph." + format.extensions().get(0));
    Files.write(target, OLD);
    return target;
  }

  private List<String> entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aFullDiskMidwayLeavesTheOldFileAndNoTemporaryFile(Format format) throws IOException {
    long size = rendered(format).length;
    Path target = existing(format);
    for (long capacity : new long[] {0, size / 2, size - 1}) {
      assertThatThrownBy(() -> OutputFiles.write(target, out -> digraph.render(format, out),
          out -> new FullDisk(out, capacity)))
          .as("capacity %d of %d bytes", capacity, size)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("No space left on device");
      assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
      assertThat(entries(directory)).containsExactly(target.getFileName().toString());
    }
    // Room for exactly the file: it is written whole.
    OutputFiles.write(target, out -> digraph.render(format, out), out -> new FullDisk(out, size));
    Outputs.parse(format, Files.readAllBytes(target));
    assertThat(entries(directory)).containsExactly(target.getFileName().toString());
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aWriterThatThrowsMidwayLeavesTheOldFileAndNoTemporaryFile(Format format) throws IOException {
    Path target = existing(format);
    assertThatThrownBy(() -> OutputFiles.write(target, out -> {
      digraph.render(format, out);
      out.flush();
      throw new IllegalStateException("writer crashed after writing everything but the end");
    })).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OutputFiles.write(target, out -> {
      out.write(rendered(format), 0, 100);
      throw new OutOfMemoryError("simulated");
    })).isInstanceOf(OutOfMemoryError.class);

    assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
    assertThat(entries(directory)).containsExactly(target.getFileName().toString());
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aReadOnlyDirectoryKeepsItsFileAndGetsNothingNew(Format format) throws IOException {
    Path target = existing(format);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      // Refused even for root, who could write into the directory.
      assertThatThrownBy(() -> digraph.save(target))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("read-only")
          .hasMessageContaining(directory.toString());
      assertThatThrownBy(() -> digraph.save(directory.resolve("new." + format.extensions().get(0))))
          .isInstanceOf(Torchviz4jException.class);
    } finally {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
    assertThat(entries(directory)).containsExactly(target.getFileName().toString());
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aMissingDirectoryIsNotCreated(Format format) throws IOException {
    Path missing = directory.resolve("missing");
    assertThatThrownBy(() -> digraph.save(missing.resolve("graph." + format.extensions().get(0))))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining(missing.toString());
    assertThat(entries(directory)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aGraphTooLargeToDrawLeavesTheOldFile(Format format) throws IOException {
    Path target = existing(format);
    Digraph limited = digraph.withOptions(digraph.options().withMaxLayoutNodes(5));
    if (format == Format.DOT || format == Format.JSON) {
      limited.save(target);
      Outputs.parse(format, Files.readAllBytes(target));
    } else {
      assertThatThrownBy(() -> limited.save(target)).isInstanceOf(Torchviz4jException.class);
      assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
    }
    assertThat(entries(directory)).containsExactly(target.getFileName().toString());
  }
}

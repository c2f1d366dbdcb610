package io.github.torchviz4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/** Runs Graphviz {@code dot -Tsvg} on a DOT file, the baseline the issue compares against. */
final class DotBaseline {
  private final String executable;
  private final long timeoutSeconds;

  private DotBaseline(String executable, long timeoutSeconds) {
    this.executable = executable;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** @return the baseline if {@code dot} runs, else null */
  static DotBaseline find(long timeoutSeconds) {
    try {
      Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? new DotBaseline("dot", timeoutSeconds) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** @return the version line {@code dot -V} prints */
  String version() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(executable, "-V").redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return text;
  }

  long timeoutSeconds() {
    return timeoutSeconds;
  }

  /**
   * Times one {@code dot -Tsvg dotFile -o svgFile}.
   *
   * @return seconds, or empty if it hit the time limit (the process is then killed)
   * @throws IOException if dot fails
   */
  OptionalDouble time(Path dotFile, Path svgFile) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(executable, "-Tsvg", dotFile.toString(), "-o",
        svgFile.toString()));
    Path log = Files.createTempFile("torchviz4j-dot", ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        return OptionalDouble.empty();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (process.exitValue() != 0) {
        throw new IOException("dot exited with " + process.exitValue() + ": " + Files.readString(log).strip());
      }
      return OptionalDouble.of(seconds);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}

package io.github.torchviz4j.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A finished child process: exit code, standard output and standard error (read from files, so
 * that neither pipe can block the child).
 */
record Child(int exitCode, String out, String err) {
  /** The JVM that runs these tests. */
  static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  /**
   * Runs a command to its end (at most 10 minutes: a guard against a hung child, not a speed test).
   *
   * @param directory working directory, also where the output files go
   * @param environment changes to the inherited environment
   * @param command the command
   * @return what it did
   */
  static Child run(Path directory, Map<String, String> environment, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(directory, "child", ".out");
    Path err = Files.createTempFile(directory, "child", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail(command + " did not finish in 10 minutes; stderr:\n" + Files.readString(err));
    }
    return new Child(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** @return a description for assertion messages */
  String describe() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}

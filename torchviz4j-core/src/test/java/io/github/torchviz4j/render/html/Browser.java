package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/browser/viewer-check.mjs} (playwright-core driving Debian's headless
 * Chromium) on a plan and collects its results. Missing tools fail the test with what to install;
 * nothing is skipped.
 */
final class Browser {
  /** Debian's Chromium; override with {@code -Dtorchviz4j.chromium=/path/to/chromium}. */
  static final Path CHROMIUM = Path.of(System.getProperty("torchviz4j.chromium", "/usr/bin/chromium"));
  static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  static final Path OUTPUT = MODULE.resolve("target/viewer-test");
  private static final Path SOURCES = MODULE.resolve("src/test/browser");
  private static final Path WORK = MODULE.resolve("target/browser");

  /** One {@code CHECK} line: a named check and whether it passed. */
  record Check(String name, boolean passed, String detail) {}

  /** Everything the script printed. */
  record Result(Map<String, Check> checks, Map<String, String> values, String output) {
    /** Fails naming every failed check, and every expected check the script did not run. */
    void assertPassed(String... expected) {
      List<String> problems = new ArrayList<>();
      for (String name : expected) {
        if (!checks.containsKey(name)) {
          problems.add("check '" + name + "' did not run");
        }
      }
      for (Check check : checks.values()) {
        if (!check.passed()) {
          problems.add(check.name() + ": " + check.detail());
        }
      }
      if (!problems.isEmpty()) {
        fail("browser checks failed:\n  " + String.join("\n  ", problems) + "\n--- script output ---\n" + output);
      }
    }
  }

  private Browser() {}

  /**
   * Runs the script on a plan.
   *
   * @param name a file-name prefix for the plan
   * @param planJson the plan, a JSON object
   * @return the script's results
   */
  static Result run(String name, String planJson) throws IOException, InterruptedException {
    prepare();
    Path plan = WORK.resolve(name + ".plan.json");
    Files.writeString(plan, planJson, StandardCharsets.UTF_8);
    Path log = WORK.resolve(name + ".out.txt");
    Process process = new ProcessBuilder("node", "viewer-check.mjs", plan.toString())
        .directory(WORK.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("the browser script did not finish in 10 minutes; output so far:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      fail("the browser script failed (exit " + process.exitValue() + "):\n" + output);
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      String[] fields = line.split("\t", -1);
      if (line.startsWith("CHECK ") && fields.length == 3) {
        String checkName = fields[0].substring(6);
        checks.put(checkName, new Check(checkName, fields[1].equals("pass"), fields[2]));
      } else if (line.startsWith("VALUE ") && fields.length == 2) {
        values.put(fields[0].substring(6), fields[1]);
      }
    }
    return new Result(checks, values, output);
  }

  /** Checks Chromium and Node.js, and installs playwright-core (no browser download) once. */
  private static synchronized void prepare() throws IOException, InterruptedException {
    if (!Files.isExecutable(CHROMIUM)) {
      fail("Chromium was not found at " + CHROMIUM + "; the viewer's browser tests need it. Install"
          + " Debian's package ('apt-get install chromium'; .ci/run does) or pass"
          + " -Dtorchviz4j.chromium=/path/to/chromium");
    }
    requireCommand("node", "Node.js ('apt-get install nodejs npm')");
    Files.createDirectories(WORK);
    Files.createDirectories(OUTPUT);
    for (String file : List.of("package.json", "package-lock.json", "viewer-check.mjs")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.exists(WORK.resolve("node_modules/playwright-core/package.json"))) {
      requireCommand("npm", "npm ('apt-get install npm')");
      Path log = WORK.resolve("npm-ci.log");
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
          .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        fail("'npm ci' in " + WORK + " could not install playwright-core (is the npm registry"
            + " reachable?):\n" + Files.readString(log));
      }
    }
  }

  private static void requireCommand(String command, String what) throws IOException, InterruptedException {
    try {
      Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      if (process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // not installed: reported below
    }
    fail("'" + command + "' is not on the PATH; the viewer's browser tests need " + what + "; .ci/run installs it");
  }
}

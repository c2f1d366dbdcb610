package io.github.torchviz4j.render.html;

import static org.assertj.core.api.Assertions.fail;

import io.github.torchviz4j.ExternalProgram;
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
 * Runs {@code src/test/browser/viewer-check.mjs} (playwright-core driving a headless Chromium) on a
 * plan and collects its results. The browser, Node.js and npm are {@link ExternalProgram}s: where
 * one is missing the tests are skipped with its install command, and fail under CI. npm (and the
 * npm registry) is used once, to install playwright-core into {@code target/browser}; it never
 * downloads a browser.
 */
final class Browser {
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
    Path node = ExternalProgram.NODE.require("the viewer's browser tests");
    Process process = new ProcessBuilder(node.toString(), "viewer-check.mjs", plan.toString())
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

  /**
   * The browser, for the plan's {@code chromium}; skips the calling test (or fails it under CI)
   * when the browser, Node.js or, before playwright-core is installed, npm is missing. Call it
   * first in each test, before the expensive layout.
   *
   * @param test the test, for the message
   * @return the browser's path
   */
  static Path require(String test) {
    Path chromium = ExternalProgram.CHROMIUM.require(test);
    ExternalProgram.NODE.require(test);
    if (!Files.exists(WORK.resolve("node_modules/playwright-core/package.json"))) {
      ExternalProgram.NPM.require(test);
    }
    return chromium;
  }

  /** Installs playwright-core (no browser download) once. */
  private static synchronized void prepare() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    Files.createDirectories(OUTPUT);
    for (String file : List.of("package.json", "package-lock.json", "viewer-check.mjs", "fold-check.mjs")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.exists(WORK.resolve("node_modules/playwright-core/package.json"))) {
      Path npmProgram = ExternalProgram.NPM.require("the viewer's browser tests");
      Path log = WORK.resolve("npm-ci.log");
      Process npm = new ProcessBuilder(npmProgram.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
          .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        fail("'npm ci' in " + WORK + " could not install playwright-core (is the npm registry"
            + " reachable?):\n" + Files.readString(log));
      }
    }
  }
}

package io.github.torchviz4j;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A program outside the JVM that some tests need: Graphviz's {@code dot}, a Chromium-family browser,
 * Node.js and npm. A machine with only Java and Maven lacks them: the tests that need one are then
 * skipped, with a reason naming the program and its install command, and one line saying so on
 * standard error. Under CI ({@code CI=true}) or with {@code -Dtorchviz4j.requirePrograms=true}
 * (or {@code TORCHVIZ4J_REQUIRE_PROGRAMS=true}) a missing program fails the test instead, so that
 * CI never passes on skipped tests.
 *
 * <p>Programs are looked up on the {@code PATH}; the browser also through
 * {@code -Dtorchviz4j.chromium=/path/to/chromium} or {@code TORCHVIZ4J_CHROMIUM}, which win over the
 * {@code PATH} (a set value that is not an executable file counts as missing).
 */
public enum ExternalProgram {
  /** Graphviz's layout program. */
  DOT("Graphviz's dot", "apt-get install graphviz", List.of("dot"), null, null),
  /** The browser that drives the HTML viewer's tests. */
  CHROMIUM("a Chromium-family browser", "apt-get install chromium",
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"),
      "torchviz4j.chromium", "TORCHVIZ4J_CHROMIUM"),
  /** Runs the viewer's browser script. */
  NODE("Node.js (node)", "apt-get install nodejs", List.of("node"), null, null),
  /** Installs the browser script's one dependency (playwright-core) from the npm registry. */
  NPM("npm", "apt-get install npm", List.of("npm"), null, null);

  /** The system property that turns a missing program into a failure. */
  public static final String REQUIRE_PROPERTY = "torchviz4j.requirePrograms";

  private final String description;
  private final String install;
  private final List<String> names;
  private final String property;
  private final String environment;

  ExternalProgram(String description, String install, List<String> names, String property, String environment) {
    this.description = description;
    this.install = install;
    this.names = names;
    this.property = property;
    this.environment = environment;
  }

  /** @return the program's path, if this machine has it */
  public Optional<Path> find() {
    String configured = configured();
    if (configured != null) {
      Path path = Path.of(configured);
      return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    return onPath(System.getenv("PATH"));
  }

  /**
   * The program, or the current test aborted (skipped) because it is missing, or failed when
   * programs are required ({@link #required()}).
   *
   * @param test what needs it, for the message (a test class or method)
   * @return the program's path
   */
  public Path require(String test) {
    Optional<Path> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    if (required()) {
      throw new AssertionError(test + ": " + missing() + "; a failure, not a skip, because of "
          + requiredBecause());
    }
    String reason = missing() + "; CI=true or -D" + REQUIRE_PROPERTY + "=true makes this a failure";
    System.err.println("SKIPPED " + test + ": " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /** @return why the program counts as missing and how to install it, in one line */
  public String missing() {
    String configured = configured();
    String where = configured != null
        ? "is not an executable file at " + configured + " (" + source() + ")"
        : "was not found on the PATH (" + String.join(", ", names) + ")";
    String alternative = property == null ? "" : ", or point -D" + property + "=/path/to/it at one";
    return description + " " + where + "; install it with '" + install + "'" + alternative;
  }

  /** @return whether a missing program fails the test instead of skipping it */
  public static boolean required() {
    return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, ""))
        || Boolean.parseBoolean(System.getenv().getOrDefault("TORCHVIZ4J_REQUIRE_PROGRAMS", ""))
        || Boolean.parseBoolean(System.getenv().getOrDefault("CI", ""));
  }

  private static String requiredBecause() {
    if (Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, ""))) {
      return "-D" + REQUIRE_PROPERTY + "=true";
    }
    return Boolean.parseBoolean(System.getenv().getOrDefault("CI", "")) ? "CI=true" : "TORCHVIZ4J_REQUIRE_PROGRAMS=true";
  }

  private String configured() {
    if (property != null && !System.getProperty(property, "").isBlank()) {
      return System.getProperty(property);
    }
    if (environment != null && !System.getenv().getOrDefault(environment, "").isBlank()) {
      return System.getenv(environment);
    }
    return null;
  }

  private String source() {
    return property != null && !System.getProperty(property, "").isBlank() ? "-D" + property : environment;
  }

  private Optional<Path> onPath(String searchPath) {
    if (searchPath == null || searchPath.isEmpty()) {
      return Optional.empty();
    }
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    for (String name : names) {
      for (String directory : searchPath.split(File.pathSeparator)) {
        if (directory.isEmpty()) {
          continue;
        }
        try {
          Path candidate = Path.of(directory, windows ? name + ".exe" : name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return Optional.of(candidate);
          }
        } catch (InvalidPathException e) {
          // a malformed PATH entry holds no program; keep looking
        }
      }
    }
    return Optional.empty();
  }
}

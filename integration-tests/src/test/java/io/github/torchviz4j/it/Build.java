package io.github.torchviz4j.it;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** What the build knows (failsafe's system properties from the pom): paths and versions. */
final class Build {
  private Build() {}

  /** @return the repository's root directory */
  static Path repository() {
    return Path.of(property("torchviz4j.it.repository")).toAbsolutePath().normalize();
  }

  /** @return the command's jar, {@code torchviz4j-cli/target/torchviz4j.jar} */
  static Path cliJar() {
    return repository().resolve("torchviz4j-cli/target/torchviz4j.jar");
  }

  /** @return torchviz4j's version */
  static String projectVersion() {
    return property("torchviz4j.it.projectVersion");
  }

  /** @return bytedeco's pytorch preset version, {@code LIBTORCH-JAVACPP} */
  static String pytorchVersion() {
    return property("torchviz4j.it.pytorchVersion");
  }

  /** @return libtorch's version: the preset's without its JavaCPP suffix */
  static String libtorchVersion() {
    String pytorch = pytorchVersion();
    return pytorch.substring(0, pytorch.indexOf('-'));
  }

  /** @return JavaCPP's version */
  static String javacppVersion() {
    return property("torchviz4j.it.javacppVersion");
  }

  /** @return the file name of the pytorch preset's native jar, as Maven names it */
  static String pytorchNativeJar() {
    return "pytorch-" + pytorchVersion() + "-" + property("torchviz4j.it.platform") + ".jar";
  }

  /**
   * A test resource as a file.
   *
   * @param name its name, e.g. {@code torchscript/neuron/model.pt}
   * @return its path
   */
  static Path resource(String name) {
    try {
      var url = Build.class.getResource("/" + name);
      if (url == null) {
        throw new AssertionError("test resource " + name + " is missing");
      }
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new AssertionError("system property " + name + " is not set: run these tests through Maven"
          + " (mvn -B verify), whose failsafe configuration passes it");
    }
    return value;
  }
}

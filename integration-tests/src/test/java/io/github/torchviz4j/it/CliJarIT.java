package io.github.torchviz4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The command as users run it: {@code java -jar torchviz4j-cli/target/torchviz4j.jar} in a child
 * JVM, with its dependencies in {@code lib/} next to it.
 */
class CliJarIT {
  /** The one-neuron model of the seed page, and its input. */
  private final String neuron = Build.resource("torchscript/neuron/model.pt").toString();
  private final String neuronInput = Build.resource("torchscript/neuron/input.pt").toString();

  @TempDir Path directory;

  private Child command(String... args) throws Exception {
    return command(List.of(), args);
  }

  /** The jar run with the given JVM flags (system properties, logging) before {@code -jar}. */
  private Child command(List<String> jvmFlags, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Child.JAVA.toString(), "-Djava.awt.headless=true"));
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", Build.cliJar().toString()));
    command.addAll(List.of(args));
    return Child.run(directory, Map.of(), command);
  }

  @Test
  void theJarDrawsATorchScriptModelAsSvgAndPng() throws Exception {
    Child svgRun = command(neuron, "--input", neuronInput, "-o", "neuron.svg");
    Child pngRun = command(neuron, "--input", neuronInput, "-o", "neuron.png");

    assertThat(svgRun.exitCode()).as(svgRun.describe()).isZero();
    assertThat(svgRun.out()).startsWith("wrote neuron.svg");
    assertThat(pngRun.exitCode()).as(pngRun.describe()).isZero();
    Document svg = Pictures.svg(directory.resolve("neuron.svg"));
    assertThat(Pictures.texts(svg)).contains("layer1.weight", "layer1.bias", "AddmmBackward0", "TanhBackward0",
        "AccumulateGrad");
    assertThat(Pictures.groups(svg, "node")).hasSize(8);
    BufferedImage png = Pictures.png(directory.resolve("neuron.png"));
    assertThat(png.getWidth()).isGreaterThan(100);
    assertThat(Pictures.pixels(png, Pictures.LIGHTBLUE)).as("blue parameter boxes").isGreaterThan(500);
    assertThat(Pictures.pixels(png, Pictures.DARKOLIVEGREEN1)).as("the green output box").isGreaterThan(200);
    assertThat(Pictures.pixels(png, Pictures.LIGHTGREY)).as("gray function boxes").isGreaterThan(500);
  }

  @Test
  void theJarLaysOutModuleClustersWithElk() throws Exception {
    Child run = command(Build.resource("torchscript/transformer/model.pt").toString(),
        "--input", Build.resource("torchscript/transformer/input.pt").toString(), "-o", "transformer.svg");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    Document svg = Pictures.svg(directory.resolve("transformer.svg"));
    List<String> clusters = Pictures.groups(svg, "cluster").stream().map(g -> g.getAttribute("data-path")).toList();
    assertThat(clusters).as("the command draws module clusters by default").contains("layers.0", "layers.1");
    assertThat(Pictures.groups(svg, "node")).hasSizeGreaterThan(50);
    for (Element node : Pictures.groups(svg, "node")) {
      assertThat(node.getAttribute("transform") + node.getElementsByTagNameNS("*", "rect").getLength())
          .as("every node is placed and drawn").isNotEqualTo("0");
    }
  }

  @Test
  void theWarmUpThreadChangesNothingTheCommandWrites() throws Exception {
    String model = Build.resource("torchscript/transformer/model.pt").toString();
    String input = Build.resource("torchscript/transformer/input.pt").toString();
    for (String warmUp : List.of("true", "false")) {
      Child run = command(List.of("-Dtorchviz4j.warmUp=" + warmUp), model, "--input", input,
          "-o", "warm-up-" + warmUp + ".svg");
      assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    assertThat(Files.readString(directory.resolve("warm-up-true.svg")))
        .isEqualTo(Files.readString(directory.resolve("warm-up-false.svg")));
  }

  /**
   * The run that makes the class-data-sharing archive ({@code -Dtorchviz4j.archiving=true}) loads
   * ELK's and the SVG writer's classes even when it writes DOT, so that the archive holds them;
   * other DOT runs load neither.
   */
  @Test
  void theRunThatMakesTheArchiveLoadsTheLayoutWhateverItWrites() throws Exception {
    for (String archiving : List.of("true", "false")) {
      Child run = command(List.of("-Dtorchviz4j.archiving=" + archiving,
          "-Xlog:class+load=info:file=classes-" + archiving + ".txt"), neuron, "--input", neuronInput,
          "-o", "neuron-" + archiving + ".gv");
      assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    assertThat(Files.readString(directory.resolve("classes-true.txt")))
        .contains("org.eclipse.elk.alg.layered.LayeredLayoutProvider ", "io.github.torchviz4j.render.svg.SvgWriter ");
    assertThat(Files.readString(directory.resolve("classes-false.txt")))
        .doesNotContain("org.eclipse.elk.alg.layered.LayeredLayoutProvider ", "io.github.torchviz4j.render.svg.SvgWriter ");
    assertThat(Files.readString(directory.resolve("neuron-true.gv")))
        .isEqualTo(Files.readString(directory.resolve("neuron-false.gv")));
  }

  /**
   * The quick exit the launcher asks for ({@code _exit} once libtorch is loaded) ends the command
   * with its own exit code and everything it and libtorch wrote, as the JVM's exit does, and really
   * skips the JVM's shutdown (which loads {@code java.lang.Shutdown}).
   */
  @Test
  void theQuickExitKeepsTheExitCodeAndAllTheCommandWrote() throws Exception {
    Map<String, Child> drawn = new java.util.HashMap<>();
    Map<String, Child> failed = new java.util.HashMap<>();
    Path printing = scripted("printing", "print(\"forward ran\")", "return torch.relu(h)");
    Child printed = command(List.of("-Dtorchviz4j.quickExit=true"), printing.toString(), "--input-shape", "2,4",
        "-o", "printing.svg");
    for (String quick : List.of("true", "false")) {
      drawn.put(quick, command(List.of("-Dtorchviz4j.quickExit=" + quick,
          "-Xlog:class+load=info:file=classes-" + quick + ".txt"), neuron, "--input", neuronInput,
          "-o", "neuron-" + quick + ".svg"));
      failed.put(quick, command(List.of("-Dtorchviz4j.quickExit=" + quick), neuron, "--input-shape", "3,7",
          "-o", "failed.svg"));
    }

    assertThat(drawn.get("true").exitCode()).as(drawn.get("true").describe()).isZero();
    assertThat(drawn.get("true").out()).startsWith("wrote neuron-true.svg: 8 nodes");
    assertThat(Files.readString(directory.resolve("neuron-true.svg")))
        .isEqualTo(Files.readString(directory.resolve("neuron-false.svg")));
    assertThat(Files.readString(directory.resolve("classes-true.txt")))
        .contains("io.github.torchviz4j.pytorch.QuickExit ").doesNotContain("java.lang.Shutdown ");
    assertThat(Files.readString(directory.resolve("classes-false.txt"))).contains("java.lang.Shutdown ");
    assertThat(failed.values()).allSatisfy(run -> assertThat(run.exitCode()).as(run.describe()).isEqualTo(1));
    assertThat(printed.exitCode()).as(printed.describe()).isZero();
    assertThat(printed.out()).as("libtorch's buffered stdout, flushed before _exit").contains("forward ran");
    assertThat(failed.get("true").err()).contains("mat1 and mat2 shapes cannot be multiplied")
        .isEqualTo(failed.get("false").err());
    assertThat(directory.resolve("failed.svg")).doesNotExist();
  }

  /**
   * A model whose forward sets {@code h = x @ fc.weight.t()} then runs the given statements,
   * scripted with libtorch's JIT and saved as TorchScript.
   */
  private Path scripted(String name, String... statements) {
    Path file = directory.resolve(name + ".pt");
    try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
      org.bytedeco.pytorch.global.torch.manual_seed(0);
      var unit = new org.bytedeco.pytorch.CompilationUnit();
      var fc = new org.bytedeco.pytorch.JitModule(new org.bytedeco.pytorch.QualifiedName("__torch__.Linear"), unit, true);
      fc.register_parameter("weight", org.bytedeco.pytorch.global.torch.randn(3, 4).requires_grad_(true), false);
      var root = new org.bytedeco.pytorch.JitModule(new org.bytedeco.pytorch.QualifiedName("__torch__.Model"), unit, true);
      root.register_module("fc", fc);
      unit.define(root._ivalue().type().name(), "def forward(self, x):\n    h = torch.matmul(x, self.fc.weight.t())\n"
          + "    " + String.join("\n    ", statements) + "\n", org.bytedeco.pytorch.global.torch.nativeResolver(),
          new org.bytedeco.pytorch.SimpleSelf(root._ivalue().type()));
      root.save(file.toString());
    }
    return file;
  }

  @Test
  void theJarDrawsTheDiffOfTwoModelsAsSvgWithTheOneChangedNodeOrange() throws Exception {
    Path relu = scripted("relu", "return torch.relu(h)");
    Path gelu = scripted("gelu", "return torch.gelu(h)");

    Child run = command("diff", relu.toString(), gelu.toString(), "--input-shape", "2,4", "--reduce", "sum",
        "-o", "diff.svg");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).isEqualTo("added 0, removed 0, changed 1 nodes\n");
    Document svg = Pictures.svg(directory.resolve("diff.svg"));
    List<Element> nodes = Pictures.groups(svg, "node").stream()
        .filter(node -> !node.getAttribute("data-role").equals("note")).toList();
    assertThat(nodes).hasSizeGreaterThan(4);
    assertThat(nodes).filteredOn(node -> !node.getAttribute("data-diff").equals("same")).singleElement()
        .satisfies(node -> {
          Element border = (Element) node.getElementsByTagNameNS("*", "rect").item(0);
          assertThat(border.getAttribute("stroke")).isEqualTo("#f57c00");
          assertThat(node.getAttribute("data-diff")).isEqualTo("changed");
          assertThat(node.getTextContent()).contains("ReluBackward0 → GeluBackward0");
        });
  }

  @Test
  void versionComesFromBuildMetadata() throws Exception {
    Child run = command("--version");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out().lines().toList()).hasSize(2);
    assertThat(run.out().lines().findFirst()).contains("torchviz4j " + Build.projectVersion());
    assertThat(run.out()).contains("libtorch " + Build.libtorchVersion() + " (bytedeco pytorch "
        + Build.pytorchVersion() + ", javacpp " + Build.javacppVersion() + ")");
  }

  @Test
  void theJarNamesItsLibrariesInLibWithMavensFileNames() throws Exception {
    Path lib = Build.cliJar().resolveSibling("lib");
    Manifest manifest;
    try (JarFile jar = new JarFile(Build.cliJar().toFile())) {
      manifest = jar.getManifest();
    }
    assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo("io.github.torchviz4j.cli.Main");
    List<String> classPath = Arrays.asList(manifest.getMainAttributes().getValue("Class-Path").split(" "));
    for (String entry : classPath) {
      assertThat(Build.cliJar().resolveSibling(entry)).as("Class-Path entry %s", entry).isRegularFile();
    }
    assertThat(classPath).contains("lib/" + Build.pytorchNativeJar(), "lib/torchviz4j-pytorch-" + Build.projectVersion() + ".jar");
    try (Stream<Path> files = Files.list(lib)) {
      assertThat(files.filter(f -> f.getFileName().toString().contains("shade")).toList()).isEmpty();
    }
    // The library's users load the natives from the jar in the Maven repository; JavaCPP names its
    // cache entry after the jar's file name, so the same name means one extracted copy.
    List<String> testClassPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).getFileName().toString()).toList();
    assertThat(testClassPath).contains(Build.pytorchNativeJar());
  }

  @Test
  void theCommandLoadsLibtorchFromTheLibrarysCacheEntry() throws Exception {
    List<String> command = List.of(Child.JAVA.toString(), "-Djava.awt.headless=true",
        "-Dorg.bytedeco.javacpp.logger.debug=true", "-jar", Build.cliJar().toString(),
        neuron, "--input", neuronInput, "-o", "neuron.gv");
    Child run = Child.run(directory, Map.of(), command);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    String all = run.out() + run.err();
    List<String> loads = all.lines().filter(line -> line.contains("Loading") && line.contains("libjnitorch")).toList();
    assertThat(loads).as("JavaCPP's debug log:%n%s", all).isNotEmpty();
    assertThat(loads).allSatisfy(line -> assertThat(line).contains(File.separator + Build.pytorchNativeJar() + File.separator));
  }
}

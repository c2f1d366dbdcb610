package io.github.torchviz4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/torchviz4j}: it rebuilds the jar when a pom or main source is newer than the jar,
 * and not otherwise. The rebuild checks run the real script in a copy of the repository's layout
 * with stand-ins for {@code mvn} and {@code java} on the {@code PATH} that record their calls; the
 * last check runs it on this repository's real jar.
 */
class LauncherIT {
  private static final Instant BUILT = Instant.parse("2026-01-02T00:00:00Z");

  /**
   * The launcher's JVM flags for a short run (BENCHMARKS.md, "The command") on two processors (a
   * fake {@code getconf} says so); no class-data-sharing flags, since the fake java has no JDK
   * release file to tell its version.
   */
  private static final String FLAGS =
      "-XX:TieredStopAtLevel=1 -Djava.awt.headless=true -XX:+UseSerialGC -XX:MaxRAMPercentage=50"
          + " -XX:MetaspaceSize=256m -XX:CICompilerCount=1 -Dtorchviz4j.quickExit=true";

  @TempDir Path directory;
  private Path repo;
  private Path fakeBin;
  private Path calls;
  private Path jar;

  @BeforeEach
  void layout() throws Exception {
    repo = Files.createDirectories(directory.resolve("repo"));
    Files.createDirectories(repo.resolve("bin"));
    Files.copy(Build.repository().resolve("bin/torchviz4j"), repo.resolve("bin/torchviz4j"));
    for (String file : List.of("pom.xml", "torchviz4j-core/pom.xml", "torchviz4j-pytorch/pom.xml",
        "torchviz4j-cli/pom.xml", "torchviz4j-core/src/main/java/A.java", "torchviz4j-pytorch/src/main/java/B.java",
        "torchviz4j-cli/src/main/resources/version.properties", "torchviz4j-cli/src/test/java/ATest.java",
        "torchviz4j-core/target/classes/A.class", "examples/src/main/java/E.java")) {
      write(file, BUILT.minusSeconds(60));
    }
    jar = write("torchviz4j-cli/target/torchviz4j.jar", BUILT);
    Files.createDirectories(repo.resolve("torchviz4j-cli/target/lib"));
    fakeBin = Files.createDirectories(directory.resolve("fake-bin"));
    calls = directory.resolve("calls.txt");
    Files.writeString(calls, "");
    script("mvn", "echo \"mvn $*\" >> '" + calls + "'");
    script("java", "echo \"java $*\" >> '" + calls + "'; echo ran");
    script("getconf", "echo 2");
  }

  private Path write(String file, Instant time) throws Exception {
    Path path = repo.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, file);
    Files.setLastModifiedTime(path, FileTime.from(time));
    return path;
  }

  private void script(String name, String body) throws Exception {
    Path file = fakeBin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private List<String> launch() throws Exception {
    Child run = Child.run(directory, Map.of("PATH", fakeBin + ":/usr/bin:/bin"),
        List.of(repo.resolve("bin/torchviz4j").toString(), "model.pt", "-o", "out.svg"));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.out()).as("stdout carries only the command's output").isEqualTo("ran\n");
    return Files.readAllLines(calls);
  }

  @Test
  void anUpToDateJarRunsWithoutABuild() throws Exception {
    assertThat(launch()).containsExactly("java " + FLAGS + " -jar " + jar + " model.pt -o out.svg");
  }

  @Test
  void aNewerMainSourceRebuildsOnceThenRuns() throws Exception {
    write("torchviz4j-pytorch/src/main/java/B.java", BUILT.plusSeconds(60));

    List<String> calls = launch();

    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).startsWith("mvn ").contains("-f " + repo.resolve("pom.xml"), "-pl torchviz4j-cli -am",
        "package", "-DskipTests");
    assertThat(calls.get(1)).isEqualTo("java " + FLAGS + " -jar " + jar + " model.pt -o out.svg");
    assertThat(launch()).as("the jar counts as built now: no second build").hasSize(3);
  }

  @Test
  void aNewerPomRebuilds() throws Exception {
    write("torchviz4j-cli/pom.xml", BUILT.plusSeconds(60));
    assertThat(launch()).first().asString().startsWith("mvn ");
  }

  @Test
  void aMissingJarOrLibRebuilds() throws Exception {
    Files.delete(repo.resolve("torchviz4j-cli/target/lib"));
    assertThat(launch()).first().asString().startsWith("mvn ");
  }

  @Test
  void testsBuildOutputAndOtherModulesDoNotRebuild() throws Exception {
    write("torchviz4j-cli/src/test/java/ATest.java", BUILT.plusSeconds(60));
    write("torchviz4j-core/target/classes/A.class", BUILT.plusSeconds(60));
    write("examples/src/main/java/E.java", BUILT.plusSeconds(60));
    assertThat(launch()).containsExactly("java " + FLAGS + " -jar " + jar + " model.pt -o out.svg");
  }

  @Test
  void withMoreThanTwoProcessorsTheJvmChoosesItsCompilerThreads() throws Exception {
    script("getconf", "echo 8");
    assertThat(launch()).containsExactly("java " + FLAGS.replace(" -XX:CICompilerCount=1", "") + " -jar " + jar
        + " model.pt -o out.svg");
  }

  /** With C2 as well (JAVA_OPTS), the JVM would refuse a single compiler thread and not start. */
  @Test
  void javaOptsThatChooseTheCompilersKeepTheJvmsCompilerThreads() throws Exception {
    Map<String, String> environment = Map.of("PATH", fakeBin + ":/usr/bin:/bin", "JAVA_OPTS", "-XX:TieredStopAtLevel=4");
    Child run = Child.run(directory, environment, List.of(repo.resolve("bin/torchviz4j").toString(), "model.pt",
        "-o", "out.svg"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(Files.readString(calls)).contains("-XX:TieredStopAtLevel=4").doesNotContain("CICompilerCount");
  }

  @Test
  void libtorchsThreadPoolsAreSetUnlessTheEnvironmentSetsThem() throws Exception {
    script("java", "echo \"java OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-unset}"
        + " OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset}\" >> '" + calls + "'; echo ran");
    List<String> command = List.of(repo.resolve("bin/torchviz4j").toString(), "model.pt", "-o", "out.svg");
    String path = fakeBin + ":/usr/bin:/bin";

    Child.run(directory, Map.of("PATH", path, "OPENBLAS_NUM_THREADS", "", "OMP_WAIT_POLICY", ""), command);
    Child.run(directory, Map.of("PATH", path, "OPENBLAS_NUM_THREADS", "4", "OMP_WAIT_POLICY", "ACTIVE"), command);
    Child.run(directory, Map.of("PATH", path, "OPENBLAS_NUM_THREADS", "", "OMP_WAIT_POLICY", "",
        "TORCHVIZ4J_LIBTORCH_THREADS", "0"), command);

    assertThat(Files.readAllLines(calls)).containsExactly(
        "java OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE",
        "java OPENBLAS_NUM_THREADS=4 OMP_WAIT_POLICY=ACTIVE",
        "java OPENBLAS_NUM_THREADS=unset OMP_WAIT_POLICY=unset");
  }

  /**
   * JDK 13-18: an archive made after the JDK was installed is used; one made before (the JDK was
   * updated since, and the JVM would ignore the archive) is made again from this run's class list.
   * The quick exit stays on in both (the class list is written as classes load), and the run that
   * lists the classes is told so, to warm up for the archive.
   */
  @Test
  void anArchiveOlderThanTheJdksInstallationIsMadeAgain() throws Exception {
    Path jdk = Files.createDirectories(directory.resolve("jdk17"));
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    Files.move(fakeBin.resolve("java"), jdk.resolve("bin/java"));
    Files.createSymbolicLink(fakeBin.resolve("java"), jdk.resolve("bin/java"));
    Path archive = repo.resolve("torchviz4j-cli/target/torchviz4j-jdk17.jsa");
    Instant installed = Files.readAttributes(jdk.resolve("release"), java.nio.file.attribute.BasicFileAttributes.class)
        .lastModifiedTime().toInstant();

    Files.writeString(archive, "archive");
    Files.setLastModifiedTime(archive, FileTime.from(installed.plusSeconds(60)));
    String afterInstall = launch().get(0);
    Files.setLastModifiedTime(archive, FileTime.from(installed.minusSeconds(60)));
    String beforeInstall = launch().get(1);

    assertThat(afterInstall).contains("-XX:SharedArchiveFile=" + archive, "-Dtorchviz4j.quickExit=true")
        .doesNotContain("DumpLoadedClassList", "archiving");
    assertThat(beforeInstall).contains("-XX:DumpLoadedClassList=", "-Dtorchviz4j.archiving=true",
        "-Dtorchviz4j.quickExit=true").doesNotContain("SharedArchiveFile");
  }

  @Test
  void theRealLauncherRunsThisRepositorysJar() throws Exception {
    // mvn must not be called: the reactor has just built the jar.
    Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\necho 'mvn was called' >&2; exit 7\n");
    Files.delete(fakeBin.resolve("java"));
    Files.createSymbolicLink(fakeBin.resolve("java"), Child.JAVA);
    Child run = Child.run(directory, Map.of("PATH", fakeBin + ":/usr/bin:/bin"),
        List.of(Build.repository().resolve("bin/torchviz4j").toString(), "--version"));

    assertThat(run.exitCode()).as("%s%nIf the jar is older than a source, run mvn -B verify from the root.",
        run.describe()).isZero();
    assertThat(run.err()).doesNotContain("building", "mvn was called");
    assertThat(run.out()).startsWith("torchviz4j " + Build.projectVersion() + "\n")
        .contains("bytedeco pytorch " + Build.pytorchVersion());
  }

  /**
   * The class-data-sharing archive: the first drawing run ends normally (no JVM crash, only its own
   * output), the archive appears afterwards (made in the background on JDK 13-18), and the next run
   * maps it: {@code -Xshare:on} makes the JVM fail when it cannot.
   */
  @Test
  void theFirstDrawingRunLeavesAnArchiveThatTheNextRunUses() throws Exception {
    Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\necho 'mvn was called' >&2; exit 7\n");
    Files.delete(fakeBin.resolve("java"));
    Files.createSymbolicLink(fakeBin.resolve("java"), Child.JAVA);
    Path archive = Build.repository()
        .resolve("torchviz4j-cli/target/torchviz4j-jdk" + Runtime.version().feature() + ".jsa");
    Files.deleteIfExists(archive);
    List<String> command = List.of(Build.repository().resolve("bin/torchviz4j").toString(),
        Build.resource("torchscript/neuron/model.pt").toString(),
        "--input", Build.resource("torchscript/neuron/input.pt").toString(), "-o", "neuron.svg");

    Child first = Child.run(directory, Map.of("PATH", fakeBin + ":/usr/bin:/bin"), command);

    assertThat(first.exitCode()).as(first.describe()).isZero();
    assertThat(first.out()).as(first.describe()).startsWith("wrote neuron.svg").doesNotContain("#");
    assertThat(first.err()).as(first.describe()).doesNotContain("fatal error", "SIGSEGV");
    try (var files = Files.list(directory)) {
      assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith("hs_err"));
    }
    for (int second = 0; second < 300 && !Files.exists(archive); second++) {
      Thread.sleep(1000);   // the background dump takes about 8 s on two idle cores
    }
    assertThat(archive).as("the archive made after the first run").exists();

    Child next = Child.run(directory, Map.of("PATH", fakeBin + ":/usr/bin:/bin", "JAVA_OPTS", "-Xshare:on"), command);

    assertThat(next.exitCode()).as(next.describe()).isZero();
    assertThat(next.out()).startsWith("wrote neuron.svg");
  }

  /**
   * On JDK 19+ the JVM makes the archive itself, but it neither uses nor replaces one made before
   * the jars changed: the launcher deletes such an archive, so that this run makes a new one.
   */
  @Test
  void onJdk19AndLaterAnArchiveOlderThanTheJarIsMadeAgain() throws Exception {
    Path home = jdk19OrLater();
    Assumptions.assumeTrue(home != null, "no JDK 19 or later here (java.home or /usr/lib/jvm)");
    Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\necho 'mvn was called' >&2; exit 7\n");
    Files.delete(fakeBin.resolve("java"));
    Files.createSymbolicLink(fakeBin.resolve("java"), home.resolve("bin/java"));
    Path archive = Build.repository().resolve("torchviz4j-cli/target/torchviz4j-jdk" + feature(home) + ".jsa");
    Path realJar = Build.repository().resolve("torchviz4j-cli/target/torchviz4j.jar");
    List<String> command = List.of(Build.repository().resolve("bin/torchviz4j").toString(),
        Build.resource("torchscript/neuron/model.pt").toString(),
        "--input", Build.resource("torchscript/neuron/input.pt").toString(), "-o", "neuron.svg");
    Map<String, String> path = Map.of("PATH", fakeBin + ":/usr/bin:/bin");
    Child first = Child.run(directory, path, command);
    assertThat(first.exitCode()).as(first.describe()).isZero();
    assertThat(archive).as("made by the first run").exists();
    FileTime stale = Files.getLastModifiedTime(archive);
    Files.setLastModifiedTime(realJar, FileTime.from(stale.toInstant().plusSeconds(1)));   // as a rebuild does

    Child next = Child.run(directory, path, command);

    assertThat(next.exitCode()).as(next.describe()).isZero();
    assertThat(Files.getLastModifiedTime(archive)).as("the archive after the jar changed")
        .isGreaterThan(Files.getLastModifiedTime(realJar));
  }

  /** The home of this JVM if it is 19 or later, else of a JDK 19+ under /usr/lib/jvm, else null. */
  private static Path jdk19OrLater() throws Exception {
    if (Runtime.version().feature() >= 19) {
      return Path.of(System.getProperty("java.home"));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (var homes = Files.list(jvms)) {
      return homes.filter(home -> Files.isRegularFile(home.resolve("release")) && Files.isExecutable(home.resolve("bin/java")))
          .filter(home -> feature(home) >= 19).findFirst().orElse(null);
    }
  }

  private static int feature(Path home) {
    try {
      return Files.readAllLines(home.resolve("release")).stream().filter(line -> line.startsWith("JAVA_VERSION="))
          .map(line -> line.replaceAll("JAVA_VERSION=\"?([0-9]+).*", "$1")).mapToInt(Integer::parseInt).findFirst()
          .orElse(0);
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * libtorch's folders: a drawing run that loaded the native libraries JavaCPP's way writes down
   * the cache folders holding them, and the next run loads them from there, without JavaCPP's
   * search of the class path (which logs each library it finds there as "Loading /path"); when
   * a folder is gone, JavaCPP searches again.
   */
  @Test
  void aDrawingRunWritesDownWhereLibtorchIsAndTheNextRunLoadsItFromThere() throws Exception {
    Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\necho 'mvn was called' >&2; exit 7\n");
    Files.delete(fakeBin.resolve("java"));
    Files.createSymbolicLink(fakeBin.resolve("java"), Child.JAVA);
    Path natives = Build.repository().resolve("torchviz4j-cli/target/natives.path");
    Files.deleteIfExists(natives);
    List<String> command = List.of(Build.repository().resolve("bin/torchviz4j").toString(),
        Build.resource("torchscript/neuron/model.pt").toString(),
        "--input", Build.resource("torchscript/neuron/input.pt").toString(), "-o", "neuron.svg");
    Map<String, String> debug = Map.of("PATH", fakeBin + ":/usr/bin:/bin",
        "JAVA_OPTS", "-Dorg.bytedeco.javacpp.logger.debug=true");

    Child first = Child.run(directory, debug, command);

    assertThat(first.exitCode()).as(first.describe()).isZero();
    assertThat(first.err()).as("JavaCPP found the libraries itself").contains("Debug: Loading /");
    assertThat(natives).as("written after the first run").exists();
    List<Path> folders = List.of(Files.readString(natives).strip().split(":")).stream().map(Path::of).toList();
    assertThat(folders).as(Files.readString(natives)).isNotEmpty()
        .anySatisfy(folder -> assertThat(folder.resolve("libjnitorch.so")).exists())
        .allSatisfy(folder -> assertThat(folder).isDirectory());

    Child next = Child.run(directory, debug, command);

    assertThat(next.exitCode()).as(next.describe()).isZero();
    assertThat(next.out()).startsWith("wrote neuron.svg");
    assertThat(next.err()).as("loaded from the folders written down").doesNotContain("Debug: Loading /")
        .contains("Debug: Loading library jnitorch");

    Files.writeString(natives, Files.readString(natives).strip() + ":" + directory.resolve("cleared-cache"));
    Child afterClearing = Child.run(directory, debug, command);

    assertThat(afterClearing.exitCode()).as(afterClearing.describe()).isZero();
    assertThat(afterClearing.err()).as("a folder gone: JavaCPP searches again").contains("Debug: Loading /");
    assertThat(Files.readString(natives)).as("written down again").doesNotContain("cleared-cache");
  }
}

package io.github.torchviz4j.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default engine needs no Graphviz: a JVM whose PATH holds no programs at all renders everything. */
class NoGraphvizRenderTest {
  @TempDir
  Path directory;

  @Test
  void svgPngAndPdfRenderWithAnEmptyPath() throws Exception {
    Path emptyBin = Files.createDirectory(directory.resolve("empty-bin"));
    Path out = Files.createDirectory(directory.resolve("out"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), NoGraphvizRenderMain.class.getName(), out.toString()))
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("child.log").toFile());
    builder.environment().put("PATH", emptyBin.toString());
    Process child = builder.start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String log = Files.readString(directory.resolve("child.log"), StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as("child exit code; its output:%n%s", log).isZero();

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    assertThat(factory.newDocumentBuilder().parse(out.resolve("seed.svg").toFile())
        .getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(out.resolve("seed.png"))))).isNotNull();
    try (PDDocument pdf = Loader.loadPDF(out.resolve("seed.pdf").toFile())) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("layer1.weight", "TanhBackward0");
    }
    assertThat(emptyBin.toFile().list()).isEmpty();
  }
}

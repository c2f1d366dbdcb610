package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backward}: the replayed pass's gradients on the seed's edges, in text and picture formats. */
class BackwardCommandTest {
  @TempDir
  Path dir;

  @Test
  void dotAndJsonCarryTheSeedsGradients() throws Exception {
    Path dot = dir.resolve("neuron.gv");
    Path json = dir.resolve("neuron.json");

    CliRun gv = CliRun.run(CliRun.ref("neuron", "model.pt"), "--input", CliRun.ref("neuron", "input.pt"),
        "--backward", "-o", dot.toString());
    CliRun js = CliRun.run(CliRun.ref("neuron", "model.pt"), "--input", CliRun.ref("neuron", "input.pt"),
        "--backward", "-o", json.toString());

    assertThat(gv.exitCode()).as(gv.err()).isZero();
    assertThat(js.exitCode()).as(js.err()).isZero();
    assertThat(Files.readString(dot)).contains("[label=0.42 fontcolor=", "[label=\"[0.42, 0.8399]\" fontcolor=");
    assertThat(Files.readString(json)).contains("\"backwardSteps\":[", "\"tracedGrad\":{\"norm\":0.939");
  }

  @Test
  void pngHasTheLabelsPainted() throws Exception {
    Path png = dir.resolve("neuron.png");

    CliRun run = CliRun.run(CliRun.ref("neuron", "model.pt"), "--input", CliRun.ref("neuron", "input.pt"),
        "--backward", "-o", png.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    BufferedImage image = ImageIO.read(png.toFile());
    int red = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        if (r > 120 && r - ((rgb >> 8) & 0xff) > 60 && r - (rgb & 0xff) > 60) {
          red++;
        }
      }
    }
    assertThat(red).as("dark red label pixels").isGreaterThan(150);
  }

  @Test
  void afterGradTheReplayStillRunsAndAgreesWithTheRealGradients() throws Exception {
    Path dot = dir.resolve("both.gv");

    CliRun run = CliRun.run(CliRun.ref("neuron", "model.pt"), "--input", CliRun.ref("neuron", "input.pt"),
        "--grad", "--show-values", "2", "--backward", "-o", dot.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dot)).contains("grad = [0.42, 0.8399]", "[label=\"[0.42, 0.8399]\" fontcolor=");
  }

  @Test
  void backwardWithForwardIsAUsageError() {
    CliRun run = CliRun.run(CliRun.ref("neuron", "model.pt"), "--forward", "--backward", "-o",
        dir.resolve("x.svg").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--backward labels the autograd graph");
  }
}

package io.github.torchviz4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.torchviz4j.examples.Cnn;
import io.github.torchviz4j.examples.FoldedEncoder;
import io.github.torchviz4j.examples.Gradients;
import io.github.torchviz4j.examples.Mlp;
import io.github.torchviz4j.examples.ModelDiff;
import io.github.torchviz4j.examples.Neuron;
import io.github.torchviz4j.examples.SavedAndAttrs;
import io.github.torchviz4j.examples.TinyTransformer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Every example main runs and writes the files the README names (the output directory is its
 * argument, as {@code examples/run.sh NAME DIR} passes it), checked as pictures.
 */
class ExamplesIT {
  @TempDir Path directory;

  @Test
  void neuronDrawsTheSeedGraph() throws Exception {
    Neuron.main(new String[] {directory.toString()});

    Document svg = Pictures.svg(directory.resolve("neuron.svg"));
    assertThat(Pictures.texts(svg)).contains("layer1.weight", "layer1.bias", "TBackward0", "AddmmBackward0",
        "TanhBackward0");
    assertThat(Pictures.groups(svg, "node")).hasSize(8);
    BufferedImage png = Pictures.png(directory.resolve("neuron.png"));
    assertThat(Pictures.pixels(png, Pictures.LIGHTBLUE)).isGreaterThan(500);
    assertThat(Pictures.pixels(png, Pictures.DARKOLIVEGREEN1)).isGreaterThan(200);
    BufferedImage backward = Pictures.png(directory.resolve("neuron-backward.png"));
    assertThat(Pictures.pixels(backward, Pictures.LIGHTBLUE)).isGreaterThan(500);
    assertThat(reddish(backward)).as("gradient labels, dark red").isGreaterThan(150);
    assertThat(reddish(png)).as("no labels without showBackward").isZero();
  }

  /** Pixels of the gradient labels' dark red, antialiased edges included. */
  private static long reddish(BufferedImage image) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        if (r > 120 && r - ((rgb >> 8) & 0xff) > 60 && r - (rgb & 0xff) > 60) {
          count++;
        }
      }
    }
    return count;
  }

  @Test
  void mlpDrawsThreeLinearLayers() throws Exception {
    Mlp.main(new String[] {directory.toString()});

    assertThat(Pictures.texts(Pictures.svg(directory.resolve("mlp.svg"))))
        .contains("0.weight", "2.weight", "4.bias", "LogSoftmaxBackward0");
    assertThat(Pictures.pixels(Pictures.png(directory.resolve("mlp.png")), Pictures.LIGHTBLUE)).isGreaterThan(500);
  }

  @Test
  void cnnDrawsConvolutionsAndPools() throws Exception {
    Cnn.main(new String[] {directory.toString()});

    assertThat(Pictures.texts(Pictures.svg(directory.resolve("cnn.svg"))))
        .contains("conv1.weight", "fc3.bias", "ConvolutionBackward0");
    assertThat(Pictures.pixels(Pictures.png(directory.resolve("cnn.png")), Pictures.LIGHTBLUE)).isGreaterThan(500);
  }

  @Test
  void tinyTransformerDrawsClustersAndOneBoxPerLayer() throws Exception {
    TinyTransformer.main(new String[] {directory.toString()});

    BufferedImage clusters = Pictures.png(directory.resolve("transformer-clusters.png"));
    BufferedImage layers = Pictures.png(directory.resolve("transformer-depth1.png"));
    assertThat(Pictures.pixels(clusters, Pictures.LIGHTBLUE)).isGreaterThan(500);
    assertThat(Pictures.pixels(layers, 0xFFFFE0)).as("collapsed modules are lightyellow boxes").isGreaterThan(500);
    assertThat((long) layers.getWidth() * layers.getHeight())
        .as("one box per layer is smaller than every op").isLessThan((long) clusters.getWidth() * clusters.getHeight());
  }

  @Test
  void foldedEncoderDrawsFortySevenAlikeLayersOnce() throws Exception {
    FoldedEncoder.main(new String[] {directory.toString()});

    List<String> texts = Pictures.texts(Pictures.svg(directory.resolve("encoder48-folded.svg")));
    assertThat(texts).anySatisfy(text -> assertThat(text).startsWith("layers.1 … layers.47 (TransformerEncoderLayer ×47)"));
    assertThat(texts).noneSatisfy(text -> assertThat(text).startsWith("layers.2 "));
    assertThat(Pictures.pixels(Pictures.png(directory.resolve("encoder48-folded.png")), Pictures.LIGHTBLUE))
        .isGreaterThan(500);
    assertThat(Pictures.pixels(Pictures.png(directory.resolve("encoder48-folded-depth2.png")), 0xFFFFE0))
        .as("collapsed layers are lightyellow boxes").isGreaterThan(500);
  }

  @Test
  void modelDiffDrawsTheNewLayerGreenAndTheChangedActivationOrange() throws Exception {
    ModelDiff.main(new String[] {directory.toString()});

    BufferedImage encoder = Pictures.png(directory.resolve("diff-encoder.png"));
    BufferedImage gelu = Pictures.png(directory.resolve("diff-gelu.png"));
    // Both legends have one green and one orange swatch; the rest is the graphs' own marks.
    long encoderGreen = Pictures.pixels(encoder, 0x1FA13A);
    long geluGreen = Pictures.pixels(gelu, 0x1FA13A);
    long encoderOrange = Pictures.pixels(encoder, 0xF57C00);
    long geluOrange = Pictures.pixels(gelu, 0xF57C00);
    assertThat(encoderGreen).as("green borders of the added layer").isGreaterThan(10 * geluGreen);
    assertThat(geluOrange).as("the orange border of the GELU").isGreaterThan(2 * encoderOrange);
    assertThat(Files.readString(directory.resolve("diff-encoder.html"))).contains("\"diff\":\"added\"");
  }

  @Test
  void savedAndAttrsShowsSavedTensorsAndAttributes() throws Exception {
    SavedAndAttrs.main(new String[] {directory.toString()});

    List<String> texts = Pictures.texts(Pictures.svg(directory.resolve("saved-attrs.svg")));
    assertThat(String.join("\n", texts)).contains("MseLossBackward0", "alpha", "mat1");
    assertThat(Pictures.pixels(Pictures.png(directory.resolve("saved-attrs.png")), Pictures.ORANGE))
        .as("orange saved tensors").isGreaterThan(500);
  }

  @Test
  void gradientsDrawsColouredParametersAndTheFlowChart() throws Exception {
    Gradients.main(new String[] {directory.toString()});

    BufferedImage graph = Pictures.png(directory.resolve("gradients.png"));
    BufferedImage flow = Pictures.png(directory.resolve("grad-flow.png"));
    assertThat(colours(graph)).as("a colour scale, not flat boxes").isGreaterThan(50);
    assertThat(flow.getWidth()).isGreaterThan(100);
    assertThat(colours(flow)).isGreaterThan(3);
  }

  private static int colours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return colours.size();
  }
}

package io.github.torchviz4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.torchviz4j.Digraph;
import io.github.torchviz4j.jupyter.Torchviz4jExtension;
import io.github.torchviz4j.pytorch.TorchViz;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The committed notebook is what {@link NeuronNotebook} writes now: same cells, and outputs equal to
 * what the library renders for the seed model today. Regenerate it with {@code examples/run.sh
 * NeuronNotebook examples/notebooks} when this fails.
 */
class NeuronNotebookTest {
  private static final Path NOTEBOOK = Path.of("notebooks/neuron.ipynb");

  @Test
  void cellsAreTheGeneratorsCells() throws Exception {
    JsonArray cells = notebook().getAsJsonArray("cells");
    List<NeuronNotebook.Cell> expected = NeuronNotebook.cells();
    assertThat(cells.size()).isEqualTo(expected.size());
    for (int i = 0; i < cells.size(); i++) {
      JsonObject cell = cells.get(i).getAsJsonObject();
      assertThat(cell.get("cell_type").getAsString()).isEqualTo(expected.get(i).code() ? "code" : "markdown");
      assertThat(join(cell.getAsJsonArray("source"))).isEqualTo(expected.get(i).source());
    }
    assertThat(notebook().getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString())
        .isEqualTo("java");
  }

  @Test
  void outputsAreWhatTheLibraryProducesForTheSeed() throws Exception {
    List<JsonObject> outputs = new ArrayList<>();
    for (JsonElement cell : notebook().getAsJsonArray("cells")) {
      JsonObject object = cell.getAsJsonObject();
      if (object.has("outputs")) {
        object.getAsJsonArray("outputs").forEach(o -> outputs.add(o.getAsJsonObject()));
      }
    }
    assertThat(outputs).extracting(o -> o.get("output_type").getAsString()).containsExactly("stream", "execute_result");
    assertThat(join(outputs.get(0).getAsJsonArray("text")))
        .isEqualTo("y_pred = tensor([[0.7616]], grad_fn=<TanhBackward0>)\n");

    JsonObject data = outputs.get(1).getAsJsonObject("data");
    Map<String, Object> now = seedBundle();
    assertThat(join(data.getAsJsonArray(Torchviz4jExtension.SVG))).isEqualTo(now.get(Torchviz4jExtension.SVG))
        .contains("layer1.weight", "AddmmBackward0");
    assertThat(join(data.getAsJsonArray(Torchviz4jExtension.TEXT))).isEqualTo(now.get(Torchviz4jExtension.TEXT));
    BufferedImage saved = decode(data.get(Torchviz4jExtension.PNG).getAsString());
    BufferedImage fresh = decode((String) now.get(Torchviz4jExtension.PNG));
    assertThat(saved.getWidth()).isEqualTo(fresh.getWidth());
    assertThat(saved.getHeight()).isEqualTo(fresh.getHeight());
  }

  /** The seed's graph rendered now, as the notebook's last cell renders it in JJava. */
  private static Map<String, Object> seedBundle() {
    try (PointerScope scope = new PointerScope()) {
      Neuron.NeuralNetwork model = new Neuron.NeuralNetwork();
      try (NoGradGuard noGrad = new NoGradGuard()) {
        model.layer1.weight().copy_(Tensor.create(new float[] {0.6f, -0.2f}, 1, 2));
        model.layer1.bias().copy_(Tensor.create(new float[] {0.8f}, 1));
      }
      Tensor yPred = model.forward(Tensor.create(new float[] {1, 2}, 1, 2));
      Digraph dot = TorchViz.makeDot(yPred, model.named_parameters());
      return NeuronNotebook.bundle(dot);
    }
  }

  private static JsonObject notebook() throws Exception {
    return JsonParser.parseString(Files.readString(NOTEBOOK, StandardCharsets.UTF_8)).getAsJsonObject();
  }

  private static String join(JsonArray lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line.getAsString()));
    return text.toString();
  }

  private static BufferedImage decode(String base64) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    assertThat(image).as("decodable PNG").isNotNull();
    return image;
  }
}

package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensors saved by Python's torch.save (copied from the torchviz reference set). */
class TensorFilesTest {
  @TempDir Path dir;

  @Test
  void loadsShapeDtypeValuesAndRequiresGrad() throws IOException {
    try (PointerScope scope = new PointerScope()) {
      Tensor x = TensorFiles.load(TorchScriptFiles.copy("neuron", "input.pt", dir));

      assertThat(x.sizes().vec().get()).containsExactly(1, 2);
      assertThat(TorchScriptModel.describe(x)).isEqualTo("float32 (1, 2)");
      assertThat(x.get(0).get(1).item_float()).isEqualTo(2f);
      assertThat(x.requires_grad()).isFalse();
    }
  }

  @Test
  void modelIsNotATensor() throws IOException {
    Path model = TorchScriptFiles.copy("neuron", "model.pt", dir);

    assertThatThrownBy(() -> TensorFiles.load(model))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("is a TorchScript model, not a tensor");
  }

  @Test
  void otherFilesAreRefused() throws IOException {
    Path text = Files.writeString(dir.resolve("x.pt"), "1, 2");

    assertThatThrownBy(() -> TensorFiles.load(text))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("not a file saved by torch.save");
    assertThatThrownBy(() -> TensorFiles.load(dir.resolve("absent.pt")))
        .hasMessageContaining("no such file");
  }
}

package io.github.torchviz4j.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and running TorchScript archives written by PyTorch (copied from the torchviz reference set). */
class TorchScriptModelTest {
  @TempDir Path dir;

  @Test
  void loadsNamedParametersForwardArgumentsAndMode() throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy("neuron", "model.pt", dir))) {
      Map<String, Tensor> params = model.namedParameters();

      assertThat(params).containsOnlyKeys("layer1.weight", "layer1.bias");
      assertThat(params.get("layer1.weight").sizes().vec().get()).containsExactly(1, 2);
      assertThat(params.get("layer1.weight").requires_grad()).isTrue();
      assertThat(model.forwardArguments()).containsExactly(new ForwardArgument("x", "Tensor", false));
      assertThat(model.isTraining()).isTrue();
      assertThat(model.train(false).isTraining()).isFalse();
      assertThat(model.train(true).isTraining()).isTrue();
    }
  }

  @Test
  void forwardKeepsOpLevelBackwardNodesOnEveryRun() throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy("neuron", "model.pt", dir))) {
      Tensor x = TensorFiles.load(TorchScriptFiles.copy("neuron", "input.pt", dir));
      for (int run = 0; run < 4; run++) {
        // With the optimizing executor, the third run onwards would give DifferentiableGraphBackward.
        Tensor y = model.forward(List.of(x)).get(0);

        assertThat(y.item_float()).isEqualTo(0.7615942f);
        assertThat(y.grad_fn().name().getString()).endsWith("TanhBackward0");
      }
    }
  }

  @Test
  void tupleOutputGivesOneTensorPerElement() throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy("multi_output", "model.pt", dir))) {
      List<Tensor> outputs = model.forward(List.of(TensorFiles.load(TorchScriptFiles.copy("multi_output", "input.pt", dir))));

      assertThat(outputs).hasSize(2);
      assertThat(outputs.get(0).sizes().vec().get()).containsExactly(4, 3);
      assertThat(outputs.get(1).sizes().vec().get()).containsExactly(4, 1);
    }
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> TorchScriptModel.load(dir.resolve("absent.pt")))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("absent.pt")
        .hasMessageContaining("no such file");
  }

  @Test
  void fileThatIsNotAnArchiveIsRefused() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.pt"), "not a model");

    assertThatThrownBy(() -> TorchScriptModel.load(text))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("is not a TorchScript archive")
        .hasMessageContaining("torch.jit.save");
  }

  @Test
  void tensorSavedByTorchSaveIsNotAModel() throws IOException {
    Path tensor = TorchScriptFiles.copy("neuron", "input.pt", dir);

    assertThatThrownBy(() -> TorchScriptModel.load(tensor))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("saved by torch.save")
        .hasMessageContaining("not a TorchScript archive");
  }

  @Test
  void archiveFromNewerPyTorchSaysSo() throws IOException {
    Path future = TorchScriptFiles.withVersion(TorchScriptFiles.copy("neuron", "model.pt", dir), "99", dir.resolve("future.pt"));

    assertThatThrownBy(() -> TorchScriptModel.load(future))
        .isInstanceOf(Torchviz4jException.class)
        .hasMessageContaining("future.pt")
        .hasMessageContaining("newer PyTorch")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("Exception raised from");
  }

  @Test
  void forwardWithWrongShapeGivesLibtorchMessageOnOneLine() throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy("neuron", "model.pt", dir))) {
      Tensor wrong = InputSpec.parse("3,5").random();

      assertThatThrownBy(() -> model.forward(List.of(wrong)))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("x = float32 (3, 5)")
          .hasMessageContaining("mat1 and mat2 shapes cannot be multiplied (3x5 and 2x1)")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void forwardWithWrongDtypeGivesLibtorchMessage() throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy("neuron", "model.pt", dir))) {
      Tensor ids = InputSpec.parse("1,2:int64").random();

      assertThatThrownBy(() -> model.forward(List.of(ids)))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("x = int64 (1, 2)")
          .hasMessageContaining("dtype")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void wrongNumberOfInputsNamesTheArguments() throws IOException {
    try (PointerScope scope = new PointerScope();
        TorchScriptModel model = TorchScriptModel.load(TorchScriptFiles.copy("neuron", "model.pt", dir))) {
      Tensor x = InputSpec.parse("1,2").random();

      assertThatThrownBy(() -> model.forward(List.of(x, x)))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("takes 1 argument (x: Tensor) but 2 inputs were given");
      assertThatThrownBy(() -> model.forward(List.of()))
          .hasMessageContaining("takes 1 argument (x: Tensor) but 0 inputs were given");
    }
  }

  @Test
  void oneLineKeepsTheInterpreterErrorOnly() {
    String message = "The following operation failed in the TorchScript interpreter.\n"
        + "Traceback of TorchScript, serialized code (most recent call last):\n"
        + "  File \"code/__torch__.py\", line 10, in forward\n"
        + "RuntimeError: mat1 and mat2 shapes cannot be multiplied (3x5 and 2x1)\n";

    assertThat(Natives.oneLine(message)).isEqualTo("mat1 and mat2 shapes cannot be multiplied (3x5 and 2x1)");
    assertThat(Natives.oneLine("open file failed\nException raised from RAIIFile at x.cc:24\nframe #0: ..."))
        .isEqualTo("open file failed");
  }
}

package io.github.torchviz4j.pytorch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** Loading, the signature, weights, buffer mutation and the targets the reference cases run. */
class ExportedProgramTest {

  private static ExportedProgram load(String caseName) throws Exception {
    return ExportedProgram.load(ExportedProgramFidelityTest.Pt2Files.model(caseName));
  }

  @Test
  void signatureAndVersionsAreRead() throws Exception {
    try (ExportedProgram program = load("seq2seq")) {
      assertThat(program.schemaVersion()).isEqualTo("8.20");
      assertThat(program.torchVersion()).isEqualTo("2.13.0+cpu");
      assertThat(program.userInputs()).extracting(ProgramInput::name, ProgramInput::describe)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("src", "float32 (2, 7, 32)"),
              org.assertj.core.groups.Tuple.tuple("tgt", "float32 (2, 5, 32)"));
      assertThat(program.inputs()).filteredOn(i -> i.kind() == ProgramInput.Kind.PARAMETER)
          .extracting(ProgramInput::target).contains("t.encoder.layers.0.self_attn.in_proj_weight");
    }
  }

  @Test
  void parametersAreRebuiltLeavesThatRequireGradWithTheStoredValues() throws Exception {
    try (PointerScope scope = new PointerScope(); ExportedProgram program = load("mha")) {
      Tensor weight = program.namedParameters().get("a.in_proj_weight");

      assertThat(weight.sizes().vec().get()).containsExactly(48, 16);
      assertThat(weight.requires_grad()).isTrue();
      assertThat(weight.is_leaf()).isTrue();
      assertThat(weight.is_view()).isFalse();
      // Stored values, not zeros: nn.MultiheadAttention initialises in_proj_weight with xavier_uniform.
      assertThat(weight.abs().sum().item_double()).isGreaterThan(1);
      assertThat(program.namedParameters()).containsOnlyKeys("a.in_proj_weight", "a.in_proj_bias",
          "a.out_proj.weight", "a.out_proj.bias", "n.weight", "n.bias");
    }
  }

  @Test
  void sampleInputsEqualTheSavedInputs() throws Exception {
    try (PointerScope scope = new PointerScope(); ExportedProgram program = load("seq2seq")) {
      List<Tensor> sample = program.sampleInputs();
      List<Tensor> saved = ExportedProgramFidelityTest.Pt2Files.inputs("seq2seq");

      assertThat(sample).hasSize(2);
      assertThat(sample.get(0).equal(saved.get(0))).isTrue();
      assertThat(sample.get(1).equal(saved.get(1))).isTrue();
    }
  }

  @Test
  void trainModeBatchNormUpdatesBuffersInPlaceAsPyTorchDoes() throws Exception {
    try (PointerScope scope = new PointerScope(); ExportedProgram program = load("shufflenet_v2_x0_5")) {
      Tensor tracked = program.namedBuffers().get("conv1.1.num_batches_tracked");
      Tensor mean = program.namedBuffers().get("conv1.1.running_mean");
      long before = tracked.item_long();
      Tensor meanBefore = mean.clone();

      program.run(program.sampleInputs());

      assertThat(tracked.item_long()).isEqualTo(before + 1);
      assertThat(mean.equal(meanBefore)).isFalse();
    }
  }

  @Test
  void outputsAreRealLibtorchValues() throws Exception {
    try (PointerScope scope = new PointerScope(); ExportedProgram program = load("mha")) {
      List<Tensor> outputs = program.run(program.sampleInputs()).outputs();

      assertThat(outputs).hasSize(2);
      assertThat(outputs.get(0).sizes().vec().get()).containsExactly(2, 6, 16);
      // LayerNorm output: each row has mean 0 and the attention weights' rows sum to 1.
      assertThat(outputs.get(0).mean().abs().item_double()).isLessThan(1e-5);
      assertThat(outputs.get(1).sum(new long[] {-1}).sub(new Tensor(org.bytedeco.pytorch.global.torch.ones(2, 6)))
          .abs().max().item_double()).isLessThan(1e-5);
      assertThat(outputs.get(0).grad_fn().name().getString()).isEqualTo("NativeLayerNormBackward0");
    }
  }

  @Test
  void targetsOfTheReferenceCases() throws Exception {
    java.util.Set<String> all = new java.util.TreeSet<>();
    for (String caseName : List.of("mha", "bigru", "seq2seq", "vit_small", "shufflenet_v2_x0_5")) {
      try (ExportedProgram program = load(caseName)) {
        all.addAll(program.targets());
      }
    }

    assertThat(all).hasSize(31).contains("torch.ops.aten.gru.input", "torch.ops.aten.scaled_dot_product_attention.default",
        "torch.ops.aten.add_.Tensor", "torch.ops.aten.batch_norm.default", "torch.ops.aten.split_with_sizes.default");
  }
}

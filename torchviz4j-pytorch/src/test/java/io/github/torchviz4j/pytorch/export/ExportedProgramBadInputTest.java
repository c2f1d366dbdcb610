package io.github.torchviz4j.pytorch.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.torchviz4j.Torchviz4jException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is a one-line {@link Torchviz4jException} naming the problem, never a crash. */
class ExportedProgramBadInputTest {
  @TempDir Path dir;

  private static Path mha() throws Exception {
    return ExportedProgramFidelityTest.Pt2Files.model("mha");
  }

  private static void assertRefused(Path file, String... parts) {
    assertThatThrownBy(() -> {
      try (ExportedProgram program = ExportedProgram.load(file)) {
        program.run(ExportedProgramFidelityTest.Pt2Files.inputs("mha"));
      }
    }).isInstanceOf(Torchviz4jException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(parts));
  }

  @Test
  void truncatedFileIsDamagedZip() throws Exception {
    byte[] bytes = Files.readAllBytes(mha());
    Path file = Files.write(dir.resolve("cut.pt2"), Arrays.copyOf(bytes, bytes.length / 2));

    assertRefused(file, "damaged or truncated zip archive");
  }

  @Test
  void textFileIsNotAZip() throws Exception {
    Path file = Files.writeString(dir.resolve("model.pt2"), "graph(%x):\n  return (%x)\n");

    assertRefused(file, "not a zip archive", "torch.export.save");
  }

  @Test
  void otherZipIsNotAPt2() throws Exception {
    Path file = Pt2Zips.write(dir.resolve("other.pt2"), Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));

    assertRefused(file, "without an archive_format entry", "not a .pt2 file");
  }

  @Test
  void missingFileIsNamed() {
    assertRefused(dir.resolve("absent.pt2"), "no such file");
  }

  @Test
  void missingWeightEntryNamesTheParameter() throws Exception {
    Map<String, byte[]> entries = Pt2Zips.read(mha());
    entries.remove("model/data/weights/weight_2");

    assertRefused(Pt2Zips.write(dir.resolve("noweight.pt2"), entries), "parameter 'a.out_proj.weight'",
        "are missing", "data/weights/weight_2");
  }

  @Test
  void weightOfWrongSizeIsRefused() throws Exception {
    Map<String, byte[]> entries = Pt2Zips.read(mha());
    entries.put("model/data/weights/weight_0", new byte[12]);

    assertRefused(Pt2Zips.write(dir.resolve("short.pt2"), entries), "payload 'a.in_proj_weight'", "holds 12 bytes");
  }

  @Test
  void pickledWeightThatIsNoPickleIsAClearError() throws Exception {
    Map<String, byte[]> entries = Pt2Zips.read(mha());
    String key = "model/data/weights/model_weights_config.json";
    String config = new String(entries.get(key), StandardCharsets.UTF_8);
    entries.put(key, config.replaceFirst("\"use_pickle\": false", "\"use_pickle\": true").getBytes(StandardCharsets.UTF_8));

    assertRefused(Pt2Zips.write(dir.resolve("pickled.pt2"), entries), "pickled payload 'a.in_proj_weight'",
        "cannot be unpickled");
  }

  @Test
  void malformedJsonNamesTheEntryAndPlace() throws Exception {
    Path file = Pt2Zips.withJson(dir, "mha", json -> json.substring(0, json.length() / 3));

    assertRefused(file, "malformed JSON", "models/model.json", "line 1");
  }

  @Test
  void futureSchemaVersionNamesBothVersions() throws Exception {
    Path file = Pt2Zips.withJson(dir, "mha", json -> json.replace("\"major\": 8, \"minor\": 20", "\"major\": 9, \"minor\": 1"));

    assertRefused(file, "schema version 9.1", "supports schema version 8.x");
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    Path file = Pt2Zips.withJson(dir, "mha", json -> json.replace("\"graph_module\": {",
        "\"added_in_8_99\": {\"x\": [1, 2]}, \"graph_module\": {\"future_field\": true, "));

    try (PointerScope scope = new PointerScope(); ExportedProgram program = ExportedProgram.load(file)) {
      assertThat(program.run(ExportedProgramFidelityTest.Pt2Files.inputs("mha")).outputs()).hasSize(2);
    }
  }

  @Test
  void aotInductorPackageIsRefused() throws Exception {
    Path file = Pt2Zips.write(dir.resolve("aoti.pt2"), Map.of("model/archive_format", "pt2".getBytes(StandardCharsets.UTF_8),
        "model/data/aotinductor/model/model.so", new byte[16]));

    assertRefused(file, "AOTInductor package", "compiled code");
  }

  @Test
  void olderLayoutIsRefused() throws Exception {
    Path file = Pt2Zips.write(dir.resolve("old.pt2"), Map.of("archive/serialized_exported_program.json",
        "{}".getBytes(StandardCharsets.UTF_8), "archive/version", "1".getBytes(StandardCharsets.UTF_8)));

    assertRefused(file, "layout of PyTorch before 2.8", "serialized_exported_program.json");
  }

  @Test
  void higherOrderOpFailsBeforeAnythingRunsNamingTargetAndNode() throws Exception {
    Path file = Pt2Zips.withJson(dir, "mha", json -> json.replace("\"torch.ops.aten.layer_norm.default\"",
        "\"torch.ops.higher_order.cond\""));

    assertRefused(file, "target 'torch.ops.higher_order.cond' of node 'layer_norm'", "higher-order operator");
  }

  @Test
  void aTargetThatCannotRunStopsTheRunBeforeAnyNodeRuns() throws Exception {
    // The last op of shufflenet is its classifier; batch norms before it would update their buffers.
    Path file = Pt2Zips.withJson(dir, "shufflenet_v2_x0_5", json -> {
      int last = json.lastIndexOf("\"torch.ops.aten.linear.default\"");
      return json.substring(0, last) + "\"torch.ops.higher_order.while_loop\""
          + json.substring(last + "\"torch.ops.aten.linear.default\"".length());
    });
    try (PointerScope scope = new PointerScope(); ExportedProgram program = ExportedProgram.load(file)) {
      Tensor tracked = program.namedBuffers().get("conv1.1.num_batches_tracked");
      long before = tracked.item_long();

      assertThatThrownBy(() -> program.run(program.sampleInputs())).isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("target 'torch.ops.higher_order.while_loop' of node 'linear'");
      assertThat(tracked.item_long()).isEqualTo(before);
    }
  }

  @Test
  void customOpWithoutItsLibraryFailsNamingTargetAndNode() throws Exception {
    Path file = Pt2Zips.withJson(dir, "mha", json -> json.replace("\"torch.ops.aten.softmax.int\"",
        "\"torch.ops.mylib.fancy_softmax.default\""));

    assertRefused(file, "target 'torch.ops.mylib.fancy_softmax.default' of node 'softmax'",
        "no operator mylib::fancy_softmax", "library is not loaded");
  }

  @Test
  void wrongNumberOfInputsListsTheExpectedOnes() throws Exception {
    try (PointerScope scope = new PointerScope(); ExportedProgram program = ExportedProgram.load(mha())) {
      assertThatThrownBy(() -> program.run(List.of()))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("takes 1 input (x: float32 (2, 6, 16)) but 0 were given");
    }
  }

  @Test
  void wrongShapeIsNamed() throws Exception {
    try (PointerScope scope = new PointerScope(); ExportedProgram program = ExportedProgram.load(mha())) {
      Tensor x = torch.rand(2, 6, 8);

      assertThatThrownBy(() -> program.run(List.of(x)))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("input 'x'").hasMessageContaining("must be float32 (2, 6, 16)")
          .hasMessageContaining("float32 (2, 6, 8) tensor was given");
    }
  }

  @Test
  void symbolicSizeAcceptsAnySizeAndAnOpThatFailsIsNamedOnOneLine() throws Exception {
    // Mark x's batch size symbolic: the input check lets a batch of 3 through, but the graph's
    // views were exported for a batch of 2, so libtorch refuses one of them.
    Path file = Pt2Zips.withJson(dir, "mha", json -> json.replace(
        "\"x\": {\"dtype\": 7, \"sizes\": [{\"as_int\": 2}",
        "\"x\": {\"dtype\": 7, \"sizes\": [{\"as_expr\": {\"expr_str\": \"s0\", \"hint\": {\"as_int\": 2}}}"));
    try (PointerScope scope = new PointerScope(); ExportedProgram program = ExportedProgram.load(file)) {
      assertThat(program.userInputs().get(0).describe()).isEqualTo("float32 (s, 6, 16)");

      assertThatThrownBy(() -> program.run(List.of(torch.rand(3, 6, 16))))
          .isInstanceOf(Torchviz4jException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception raised from")
              .containsPattern("failed at node '\\w+' \\(torch\\.ops\\.aten\\.\\w+\\.\\w+\\): .*shape"));
    }
  }

  @Test
  void wrongDtypeIsNamed() throws Exception {
    try (PointerScope scope = new PointerScope(); ExportedProgram program = ExportedProgram.load(mha())) {
      Tensor x = torch.rand(2, 6, 16).to(torch.ScalarType.Double);

      assertThatThrownBy(() -> program.run(List.of(x)))
          .isInstanceOf(Torchviz4jException.class)
          .hasMessageContaining("float64 (2, 6, 16) tensor was given; give an input of that dtype");
    }
  }
}

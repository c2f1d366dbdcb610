package io.github.torchviz4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.CompilationUnit;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.SimpleSelf;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TorchScript model with tied weights: the command names the shared tensor by its first name. */
class SharedParametersCommandTest {
  @TempDir Path dir;

  @Test
  void tiedWeightIsDrawnUnderItsFirstName() throws IOException {
    Path model = tiedModel(dir.resolve("tied.pt"));
    Path out = dir.resolve("tied.gv");

    CliRun run = CliRun.run(true, model.toString(), "--input-shape", "3:int64:0..10", "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("tied.pt: 1 parameters");
    assertThat(Files.readString(out)).contains("[label=\"wte.weight\n (10, 4)\" fillcolor=lightblue]")
        .doesNotContain("lm_head");
  }

  /** {@code lm_head.weight} is {@code wte.weight}, built and saved with libtorch's JIT. */
  private static Path tiedModel(Path file) {
    try (PointerScope scope = new PointerScope()) {
      CompilationUnit unit = new CompilationUnit();
      Tensor weight = torch.randn(10, 4).requires_grad_(true);
      JitModule wte = new JitModule(new QualifiedName("__torch__.Embedding"), unit, true);
      wte.register_parameter("weight", weight, false);
      JitModule lmHead = new JitModule(new QualifiedName("__torch__.Linear"), unit, true);
      lmHead.register_parameter("weight", weight, false);
      JitModule root = new JitModule(new QualifiedName("__torch__.Gpt"), unit, true);
      root.register_module("wte", wte);
      root.register_module("lm_head", lmHead);
      unit.define(root._ivalue().type().name(),
          "def forward(self, idx):\n"
              + "    return torch.matmul(torch.embedding(self.wte.weight, idx), self.lm_head.weight.t())\n",
          torch.nativeResolver(), new SimpleSelf(root._ivalue().type()));
      root.save(file.toString());
    }
    return file;
  }
}

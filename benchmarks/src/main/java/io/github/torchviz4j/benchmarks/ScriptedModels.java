package io.github.torchviz4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.bytedeco.pytorch.CompilationUnit;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.SimpleSelf;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * TorchScript files the command benchmark draws that the {@code --bench} directory lacks, built and saved
 * with libtorch's JIT (no Python): a 100,000-node chain, a 300-step RNN cell whose every output is
 * stacked (one node with 300 inputs), and ResNet-18 (torchvision's layout: basic blocks 2-2-2-2,
 * batch norm in train mode).
 */
final class ScriptedModels {
  /**
   * One model.
   *
   * @param name file name without extension
   * @param inputShape the {@code --input-shape} the command runs it with
   * @param outputs the formats drawn
   * @param build builds the module in a compilation unit
   */
  record Spec(String name, String inputShape, List<String> outputs, Function<CompilationUnit, JitModule> build) {}

  private ScriptedModels() {}

  static List<Spec> specs() {
    return List.of(
        new Spec("resnet18", "1,3,224,224", List.of("svg"), ScriptedModels::resnet18),
        new Spec("chain100k", "16", List.of("svg", "png", "html"), ScriptedModels::chain),
        new Spec("rnn300_stacked", "300,4,16", List.of("svg", "png", "html"), ScriptedModels::stackedRnn));
  }

  /**
   * Saves the model as {@code dir/NAME.pt}, unless it is there already.
   *
   * @return the file
   */
  static Path save(Spec spec, Path dir) throws IOException {
    Path file = dir.resolve(spec.name() + ".pt");
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      torch.manual_seed(0);
      spec.build().apply(new CompilationUnit()).save(file.toString());
    }
    return file;
  }

  private static JitModule module(CompilationUnit unit, String type) {
    return new JitModule(new QualifiedName("__torch__." + type), unit, true);
  }

  private static void define(CompilationUnit unit, JitModule module, String source) {
    unit.define(module._ivalue().type().name(), source, torch.nativeResolver(), new SimpleSelf(module._ivalue().type()));
  }

  private static Tensor parameter(long... shape) {
    return torch.randn(shape).mul_(new org.bytedeco.pytorch.Scalar(0.05)).requires_grad_(true);
  }

  /** 16 numbers times a weight, then 33,333 times {@code tanh(h * 1.01 + 0.1)}, summed: 100,004 nodes. */
  private static JitModule chain(CompilationUnit unit) {
    JitModule root = module(unit, "Chain");
    root.register_parameter("w", parameter(16), false);
    define(unit, root, "def forward(self, x):\n"
        + "    h = x * self.w\n"
        + "    for _ in range(33333):\n"
        + "        h = torch.tanh(h * 1.01 + 0.1)\n"
        + "    return h.sum()\n");
    return root;
  }

  /** {@code nn.RNNCell(16, 32)} run 300 steps from zeros, {@code torch.stack(hs).sum()}. */
  private static JitModule stackedRnn(CompilationUnit unit) {
    JitModule cell = module(unit, "RNNCell");
    cell.register_parameter("weight_ih", parameter(32, 16), false);
    cell.register_parameter("weight_hh", parameter(32, 32), false);
    cell.register_parameter("bias_ih", parameter(32), false);
    cell.register_parameter("bias_hh", parameter(32), false);
    define(unit, cell, "def forward(self, x, h):\n"
        + "    return torch.tanh(torch.addmm(self.bias_ih, x, self.weight_ih.t())"
        + " + torch.addmm(self.bias_hh, h, self.weight_hh.t()))\n");
    JitModule root = module(unit, "StackedRnn");
    root.register_module("cell", cell);
    define(unit, root, "def forward(self, xs):\n"
        + "    h = torch.zeros(4, 32)\n"
        + "    hs = []\n"
        + "    for t in range(300):\n"
        + "        h = self.cell.forward(xs[t], h)\n"
        + "        hs.append(h)\n"
        + "    return torch.stack(hs).sum()\n");
    return root;
  }

  /** A module of parameters only; its type is named after its path, unique in the unit. */
  private static JitModule holder(CompilationUnit unit, String path, String kind, long... shape) {
    JitModule m = module(unit, kind + "_" + path);
    m.register_parameter("weight", parameter(shape), false);
    if (!kind.equals("Conv2d")) {
      m.register_parameter("bias", parameter(shape[0]), false);
    }
    return m;
  }

  private static String bn(String input, String module) {
    return "torch.batch_norm(" + input + ", self." + module + ".weight, self." + module + ".bias, None, None, True,"
        + " 0.1, 1e-05, False)";
  }

  private static JitModule block(CompilationUnit unit, String path, long in, long out, int stride) {
    JitModule block = module(unit, "BasicBlock_" + path);
    block.register_module("conv1", holder(unit, path + "_conv1", "Conv2d", out, in, 3, 3));
    block.register_module("bn1", holder(unit, path + "_bn1", "BatchNorm2d", out));
    block.register_module("conv2", holder(unit, path + "_conv2", "Conv2d", out, out, 3, 3));
    block.register_module("bn2", holder(unit, path + "_bn2", "BatchNorm2d", out));
    String identity = "x";
    if (stride != 1 || in != out) {
      JitModule down = module(unit, "Sequential_" + path + "_downsample");
      down.register_module("0", holder(unit, path + "_downsample_0", "Conv2d", out, in, 1, 1));
      down.register_module("1", holder(unit, path + "_downsample_1", "BatchNorm2d", out));
      block.register_module("downsample", down);
      identity = "torch.batch_norm(torch.conv2d(x, self.downsample.getattr_0.weight, None, [" + stride + ", " + stride
          + "]), self.downsample.getattr_1.weight, self.downsample.getattr_1.bias, None, None, True, 0.1, 1e-05, False)";
    }
    String source = "def forward(self, x):\n"
        + "    out = torch.relu(" + bn("torch.conv2d(x, self.conv1.weight, None, [" + stride + ", " + stride
        + "], [1, 1])", "bn1") + ")\n"
        + "    out = " + bn("torch.conv2d(out, self.conv2.weight, None, [1, 1], [1, 1])", "bn2") + "\n"
        + "    return torch.relu(out + " + identity + ")\n";
    define(unit, block, source.replace("self.downsample.getattr_0", "getattr(self.downsample, \"0\")")
        .replace("self.downsample.getattr_1", "getattr(self.downsample, \"1\")"));
    return block;
  }

  /** torchvision's {@code resnet18()}: conv, batch norm, max pool, 4 stages of 2 basic blocks, fc. */
  private static JitModule resnet18(CompilationUnit unit) {
    JitModule root = module(unit, "ResNet");
    root.register_module("conv1", holder(unit, "conv1", "Conv2d", 64, 3, 7, 7));
    root.register_module("bn1", holder(unit, "bn1", "BatchNorm2d", 64));
    long[] widths = {64, 128, 256, 512};
    long in = 64;
    StringBuilder stages = new StringBuilder();
    for (int s = 0; s < 4; s++) {
      String name = "layer" + (s + 1);
      JitModule layer = module(unit, "Sequential_" + name);
      layer.register_module("0", block(unit, name + "_0", in, widths[s], s == 0 ? 1 : 2));
      layer.register_module("1", block(unit, name + "_1", widths[s], widths[s], 1));
      define(unit, layer, "def forward(self, x):\n"
          + "    return getattr(self, \"1\").forward(getattr(self, \"0\").forward(x))\n");
      root.register_module("layer" + (s + 1), layer);
      stages.append("    x = self.layer").append(s + 1).append(".forward(x)\n");
      in = widths[s];
    }
    root.register_module("fc", holder(unit, "fc", "Linear", 1000, 512));
    define(unit, root, "def forward(self, x):\n"
        + "    x = torch.relu(" + bn("torch.conv2d(x, self.conv1.weight, None, [2, 2], [3, 3])", "bn1") + ")\n"
        + "    x = torch.max_pool2d(x, [3, 3], [2, 2], [1, 1])\n"
        + stages
        + "    x = torch.flatten(torch.adaptive_avg_pool2d(x, [1, 1]), 1)\n"
        + "    return torch.addmm(self.fc.bias, x, self.fc.weight.t())\n");
    return root;
  }
}

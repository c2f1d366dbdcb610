package io.github.torchviz4j.pytorch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.GRUImpl;
import org.bytedeco.pytorch.GRUOptions;
import org.bytedeco.pytorch.LayerNormImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.MultiheadAttentionImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.javacpp.LongPointer;

/**
 * Small models shaped like torchvision's ViT, Swin Transformer, DenseNet and ResNet and a
 * bidirectional GRU, built with the bytedeco nn API under torchvision's module names. Each runs
 * either plainly (modules found from parameter names and sequence numbers) or with every module's
 * forward in a {@link ModuleRecorder#scope(String, String)} (exact).
 */
final class ModuleModels {
  private ModuleModels() {}

  /** A model that can run with or without scopes. */
  abstract static class Net extends Module {
    private @Nullable ModuleRecorder modules;

    Net(String className) {
      super(className);
    }

    abstract Tensor input();

    abstract Tensor forward(Tensor x);

    /** Runs forward, recording module scopes in {@code recorder} unless it is null. */
    Tensor run(@Nullable ModuleRecorder recorder) {
      modules = recorder;
      try {
        return forward(input());
      } finally {
        modules = null;
      }
    }

    /** Runs {@code body} in the scope {@code name} (relative to the enclosing one) when scoped. */
    Tensor in(String name, String className, Supplier<Tensor> body) {
      if (modules == null) {
        return body.get();
      }
      try (ModuleScope scope = modules.scope(name, className)) {
        return body.get();
      }
    }
  }

  static LayerNormImpl layerNorm(long size) {
    return new LayerNormImpl(new LongVector(new long[] {size}));
  }

  static Conv2dImpl conv(long in, long out, long kernel) {
    return new Conv2dImpl(in, out, new LongPointer(kernel, kernel));
  }

  static BatchNorm2dImpl batchNorm(long channels) {
    return new BatchNorm2dImpl(new BatchNormOptions(channels));
  }

  /** torchvision's VisionTransformer: patches, class token, encoder layers, head. */
  static final class Vit extends Net {
    static final int DIM = 32;
    final Conv2dImpl convProj = register_module("conv_proj", new Conv2dImpl(3, DIM, new LongPointer(8L, 8L)));
    final Tensor classToken = register_parameter("class_token", torch.zeros(1, 1, DIM));
    final Module encoder = register_module("encoder", new Module("Encoder"));
    final Tensor pos = encoder.register_parameter("pos_embedding", torch.randn(1, 2, DIM));
    final Module layers = encoder.register_module("layers", new Module("Sequential"));
    final List<Block> blocks = new ArrayList<>();
    final LayerNormImpl ln = encoder.register_module("ln", layerNorm(DIM));
    final Module heads = register_module("heads", new Module("Sequential"));
    final LinearImpl head = heads.register_module("head", new LinearImpl(DIM, 10));

    Vit(int layerCount) {
      super("VisionTransformer");
      for (int i = 0; i < layerCount; i++) {
        blocks.add(layers.register_module("encoder_layer_" + i, new Block()));
      }
    }

    @Override
    Tensor input() {
      return torch.randn(1, 3, 8, 8);
    }

    @Override
    Tensor forward(Tensor image) {
      Tensor patches = in("conv_proj", "Conv2d", () -> convProj.forward(image)).reshape(1, DIM, 1).permute(0, 2, 1);
      Tensor tokens = torch.cat(new TensorVector(classToken.expand(1, -1, -1), patches), 1);
      Tensor encoded = in("encoder", "Encoder", () -> {
        Tensor x = tokens.add(pos);
        Tensor[] h = {x};
        in("layers", "Sequential", () -> {
          for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            h[0] = in("encoder_layer_" + i, "EncoderBlock", () -> block.forward(h[0]));
          }
          return h[0];
        });
        return in("ln", "LayerNorm", () -> ln.forward(h[0]));
      });
      Tensor first = encoded.select(1, 0);
      return in("heads", "Sequential", () -> in("head", "Linear", () -> head.forward(first)));
    }

    /** torchvision's EncoderBlock: x + attention(ln_1(x)), then + mlp(ln_2(x)). */
    final class Block extends Module {
      final LayerNormImpl ln1 = register_module("ln_1", layerNorm(DIM));
      final MultiheadAttentionImpl attention = register_module("self_attention", new MultiheadAttentionImpl(DIM, 4));
      final LayerNormImpl ln2 = register_module("ln_2", layerNorm(DIM));
      final Module mlp = register_module("mlp", new Module("MLPBlock"));
      final LinearImpl fc1 = mlp.register_module("0", new LinearImpl(DIM, 2 * DIM));
      final LinearImpl fc2 = mlp.register_module("3", new LinearImpl(2 * DIM, DIM));

      Block() {
        super("EncoderBlock");
      }

      Tensor forward(Tensor input) {
        Tensor normed = in("ln_1", "LayerNorm", () -> ln1.forward(input));
        Tensor attended = in("self_attention", "MultiheadAttention", () -> {
          Tensor sequenceFirst = normed.transpose(0, 1);
          return attention.forward(sequenceFirst, sequenceFirst, sequenceFirst).get0().transpose(0, 1);
        });
        Tensor x = attended.add(input);
        Tensor y = in("ln_2", "LayerNorm", () -> ln2.forward(x));
        Tensor z = in("mlp", "MLPBlock", () -> {
          Tensor hidden = in("0", "Linear", () -> fc1.forward(y));
          Tensor active = in("1", "GELU", () -> torch.gelu(hidden));
          return in("3", "Linear", () -> fc2.forward(active));
        });
        return x.add(z);
      }
    }
  }

  /** torchvision's SwinTransformer: patch embedding, stages of windowed blocks, patch merging. */
  static final class Swin extends Net {
    static final int DIM = 16;
    final Module features = register_module("features", new Module("Sequential"));
    final Module embed = features.register_module("0", new Module("Sequential"));
    final Conv2dImpl patch = embed.register_module("0", new Conv2dImpl(3, DIM, new LongPointer(1L, 1L)));
    final LayerNormImpl embedNorm = embed.register_module("2", layerNorm(DIM));
    final List<List<Block>> stages = new ArrayList<>();
    final List<LinearImpl> merges = new ArrayList<>();
    final List<LayerNormImpl> mergeNorms = new ArrayList<>();
    final LayerNormImpl norm = register_module("norm", layerNorm(2 * DIM));
    final LinearImpl head = register_module("head", new LinearImpl(2 * DIM, 10));

    Swin() {
      super("SwinTransformer");
      for (int stage = 0; stage < 2; stage++) {
        long dim = stage == 0 ? DIM : 2 * DIM;
        Module container = features.register_module(String.valueOf(2 * stage + 1), new Module("Sequential"));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          blocks.add(container.register_module(String.valueOf(i), new Block(dim)));
        }
        stages.add(blocks);
        if (stage == 0) {
          Module merging = features.register_module("2", new Module("PatchMerging"));
          mergeNorms.add(merging.register_module("norm", layerNorm(4 * DIM)));
          merges.add(merging.register_module("reduction", new LinearImpl(4 * DIM, 2 * DIM)));
        }
      }
    }

    @Override
    Tensor input() {
      return torch.randn(1, 3, 4, 4);
    }

    @Override
    Tensor forward(Tensor image) {
      Tensor out = in("features", "Sequential", () -> {
        Tensor x = in("0", "Sequential", () -> {
          Tensor p = in("0", "Conv2d", () -> patch.forward(image)).permute(0, 2, 3, 1);
          return in("2", "LayerNorm", () -> embedNorm.forward(p));
        });
        for (int stage = 0; stage < stages.size(); stage++) {
          Tensor[] h = {x};
          List<Block> blocks = stages.get(stage);
          h[0] = in(String.valueOf(2 * stage + 1), "Sequential", () -> {
            for (int i = 0; i < blocks.size(); i++) {
              Block block = blocks.get(i);
              h[0] = in(String.valueOf(i), "SwinTransformerBlock", () -> block.forward(h[0]));
            }
            return h[0];
          });
          if (stage == 0) {
            Tensor y = h[0];
            h[0] = in("2", "PatchMerging", () -> {
              Tensor merged = y.reshape(1, 2, 2, 2, 2, DIM).permute(0, 1, 3, 2, 4, 5).reshape(1, 2, 2, 4 * DIM);
              Tensor normed = in("norm", "LayerNorm", () -> mergeNorms.get(0).forward(merged));
              return in("reduction", "Linear", () -> merges.get(0).forward(normed));
            });
          }
          x = h[0];
        }
        return x;
      });
      Tensor normed = in("norm", "LayerNorm", () -> norm.forward(out));
      return in("head", "Linear", () -> head.forward(normed.flatten(1, 2).sum(1)));
    }

    /** A Swin block: windowed attention and an MLP, each with a residual add. */
    final class Block extends Module {
      final long dim;
      final LayerNormImpl norm1;
      final Module attn;
      final LinearImpl qkv;
      final LinearImpl proj;
      final LayerNormImpl norm2;
      final Module mlp;
      final LinearImpl fc1;
      final LinearImpl fc2;

      Block(long dim) {
        super("SwinTransformerBlock");
        this.dim = dim;
        norm1 = register_module("norm1", layerNorm(dim));
        attn = register_module("attn", new Module("ShiftedWindowAttention"));
        qkv = attn.register_module("qkv", new LinearImpl(dim, 3 * dim));
        proj = attn.register_module("proj", new LinearImpl(dim, dim));
        norm2 = register_module("norm2", layerNorm(dim));
        mlp = register_module("mlp", new Module("MLP"));
        fc1 = mlp.register_module("0", new LinearImpl(dim, 2 * dim));
        fc2 = mlp.register_module("3", new LinearImpl(2 * dim, dim));
      }

      Tensor forward(Tensor x) {
        long side = x.size(1);
        Tensor normed = in("norm1", "LayerNorm", () -> norm1.forward(x));
        Tensor attended = in("attn", "ShiftedWindowAttention", () -> {
          Tensor windows = normed.reshape(side * side / 4, 4, dim);
          Tensor q = in("qkv", "Linear", () -> qkv.forward(windows)).reshape(side * side / 4, 4, 3, dim).permute(2, 0, 1, 3);
          Tensor scores = q.select(0, 0).matmul(q.select(0, 1).transpose(1, 2)).softmax(-1);
          Tensor mixed = scores.matmul(q.select(0, 2));
          return in("proj", "Linear", () -> proj.forward(mixed)).reshape(1, side, side, dim);
        });
        Tensor h = x.add(attended);
        Tensor normed2 = in("norm2", "LayerNorm", () -> norm2.forward(h));
        Tensor fed = in("mlp", "MLP", () -> {
          Tensor hidden = in("0", "Linear", () -> fc1.forward(normed2));
          return in("3", "Linear", () -> fc2.forward(torch.gelu(hidden)));
        });
        return h.add(fed);
      }
    }
  }

  /** torchvision's DenseNet: dense blocks whose layers concatenate all earlier features. */
  static final class DenseNet extends Net {
    static final int GROWTH = 4;
    final Module features = register_module("features", new Module("Sequential"));
    final Conv2dImpl conv0 = features.register_module("conv0", conv(3, 8, 3));
    final BatchNorm2dImpl norm0 = features.register_module("norm0", batchNorm(8));
    final List<List<Layer>> blocks = new ArrayList<>();
    BatchNorm2dImpl transitionNorm;
    Conv2dImpl transitionConv;
    final BatchNorm2dImpl norm5;
    final LinearImpl classifier;

    DenseNet() {
      super("DenseNet");
      long channels = 8;
      for (int b = 1; b <= 2; b++) {
        Module block = features.register_module("denseblock" + b, new Module("_DenseBlock"));
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l <= 3; l++) {
          layers.add(block.register_module("denselayer" + l, new Layer(channels)));
          channels += GROWTH;
        }
        blocks.add(layers);
        if (b == 1) {
          Module transition = features.register_module("transition1", new Module("_Transition"));
          transitionNorm = transition.register_module("norm", batchNorm(channels));
          transitionConv = transition.register_module("conv", conv(channels, channels / 2, 1));
          channels /= 2;
        }
      }
      norm5 = features.register_module("norm5", batchNorm(channels));
      classifier = register_module("classifier", new LinearImpl(channels, 10));
    }

    @Override
    Tensor input() {
      return torch.randn(2, 3, 10, 10);
    }

    @Override
    Tensor forward(Tensor image) {
      Tensor out = in("features", "Sequential", () -> {
        Tensor x = in("conv0", "Conv2d", () -> conv0.forward(image));
        Tensor h = torch.relu(in("norm0", "BatchNorm2d", () -> norm0.forward(x)));
        for (int b = 0; b < blocks.size(); b++) {
          List<Layer> layers = blocks.get(b);
          Tensor blockInput = h;
          h = in("denseblock" + (b + 1), "_DenseBlock", () -> {
            List<Tensor> kept = new ArrayList<>(List.of(blockInput));
            for (int l = 0; l < layers.size(); l++) {
              Layer layer = layers.get(l);
              List<Tensor> inputs = List.copyOf(kept);
              kept.add(in("denselayer" + (l + 1), "_DenseLayer", () -> layer.forward(inputs)));
            }
            return torch.cat(new TensorVector(kept.toArray(Tensor[]::new)), 1);
          });
          if (b == 0) {
            Tensor t = h;
            h = in("transition1", "_Transition", () -> {
              Tensor normed = in("norm", "BatchNorm2d", () -> transitionNorm.forward(t));
              Tensor reduced = in("conv", "Conv2d", () -> transitionConv.forward(torch.relu(normed)));
              return torch.avg_pool2d(reduced, 2L);
            });
          }
        }
        Tensor last = h;
        return in("norm5", "BatchNorm2d", () -> norm5.forward(last));
      });
      Tensor pooled = torch.adaptive_avg_pool2d(torch.relu(out), 1L, 1L).flatten(1, 3);
      return in("classifier", "Linear", () -> classifier.forward(pooled));
    }

    /** torchvision's _DenseLayer: cat, norm, relu, 1x1 conv, norm, relu, conv. */
    final class Layer extends Module {
      final BatchNorm2dImpl norm1;
      final Conv2dImpl conv1;
      final BatchNorm2dImpl norm2;
      final Conv2dImpl conv2;

      Layer(long channels) {
        super("_DenseLayer");
        norm1 = register_module("norm1", batchNorm(channels));
        conv1 = register_module("conv1", conv(channels, 2 * GROWTH, 1));
        norm2 = register_module("norm2", batchNorm(2 * GROWTH));
        conv2 = register_module("conv2", conv(2 * GROWTH, GROWTH, 1));
      }

      Tensor forward(List<Tensor> inputs) {
        Tensor concatenated = torch.cat(new TensorVector(inputs.toArray(Tensor[]::new)), 1);
        Tensor a = torch.relu(in("norm1", "BatchNorm2d", () -> norm1.forward(concatenated)));
        Tensor bottleneck = in("conv1", "Conv2d", () -> conv1.forward(a));
        Tensor c = torch.relu(in("norm2", "BatchNorm2d", () -> norm2.forward(bottleneck)));
        return in("conv2", "Conv2d", () -> conv2.forward(c));
      }
    }
  }

  /** torchvision's ResNet-18 shape: stem, two stages of BasicBlocks (the second downsamples), head. */
  static final class ResNet extends Net {
    final Conv2dImpl conv1 = register_module("conv1", conv(3, 8, 3));
    final BatchNorm2dImpl bn1 = register_module("bn1", batchNorm(8));
    final List<List<BasicBlock>> stages = new ArrayList<>();
    final LinearImpl fc;

    ResNet() {
      super("ResNet");
      long channels = 8;
      for (int stage = 1; stage <= 2; stage++) {
        Module layer = register_module("layer" + stage, new Module("Sequential"));
        List<BasicBlock> blocks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          boolean down = stage == 2 && i == 0;
          blocks.add(layer.register_module(String.valueOf(i), new BasicBlock(channels, down ? 2 * channels : channels)));
          if (down) {
            channels *= 2;
          }
        }
        stages.add(blocks);
      }
      fc = register_module("fc", new LinearImpl(channels, 10));
    }

    @Override
    Tensor input() {
      return torch.randn(2, 3, 12, 12);
    }

    @Override
    Tensor forward(Tensor image) {
      Tensor x = in("conv1", "Conv2d", () -> conv1.forward(image));
      Tensor h = torch.max_pool2d(torch.relu(in("bn1", "BatchNorm2d", () -> bn1.forward(x))), 2L);
      for (int stage = 0; stage < stages.size(); stage++) {
        List<BasicBlock> blocks = stages.get(stage);
        Tensor stageInput = h;
        h = in("layer" + (stage + 1), "Sequential", () -> {
          Tensor y = stageInput;
          for (int i = 0; i < blocks.size(); i++) {
            BasicBlock block = blocks.get(i);
            Tensor blockInput = y;
            y = in(String.valueOf(i), "BasicBlock", () -> block.forward(blockInput));
          }
          return y;
        });
      }
      Tensor pooled = torch.adaptive_avg_pool2d(h, 1L, 1L).flatten(1, 3);
      return in("fc", "Linear", () -> fc.forward(pooled));
    }

    /** torchvision's BasicBlock: relu(bn2(conv2(relu(bn1(conv1(x))))) + identity). */
    final class BasicBlock extends Module {
      final Conv2dImpl conv1;
      final BatchNorm2dImpl bn1;
      final Conv2dImpl conv2;
      final BatchNorm2dImpl bn2;
      final Conv2dImpl downConv;
      final BatchNorm2dImpl downBn;

      BasicBlock(long in, long out) {
        super("BasicBlock");
        conv1 = register_module("conv1", conv(in, out, 1));
        bn1 = register_module("bn1", batchNorm(out));
        conv2 = register_module("conv2", conv(out, out, 1));
        bn2 = register_module("bn2", batchNorm(out));
        if (in != out) {
          Module downsample = register_module("downsample", new Module("Sequential"));
          downConv = downsample.register_module("0", conv(in, out, 1));
          downBn = downsample.register_module("1", batchNorm(out));
        } else {
          downConv = null;
          downBn = null;
        }
      }

      Tensor forward(Tensor x) {
        Tensor a = torch.relu(in("bn1", "BatchNorm2d", () -> bn1.forward(in("conv1", "Conv2d", () -> conv1.forward(x)))));
        Tensor b = in("bn2", "BatchNorm2d", () -> bn2.forward(in("conv2", "Conv2d", () -> conv2.forward(a))));
        Tensor identity = downConv == null ? x : in("downsample", "Sequential",
            () -> in("1", "BatchNorm2d", () -> downBn.forward(in("0", "Conv2d", () -> downConv.forward(x)))));
        return torch.relu(b.add(identity));
      }
    }
  }

  /** A bidirectional GRU over a sequence, then a linear head on the last step. */
  static final class BiGru extends Net {
    final GRUImpl gru;
    final LinearImpl fc;

    BiGru() {
      super("BiGRU");
      GRUOptions options = new GRUOptions(6, 8);
      options.bidirectional().put(true);
      options.batch_first().put(true);
      gru = register_module("gru", new GRUImpl(options));
      fc = register_module("fc", new LinearImpl(16, 3));
    }

    @Override
    Tensor input() {
      return torch.randn(2, 4, 6);
    }

    @Override
    Tensor forward(Tensor x) {
      Tensor sequence = in("gru", "GRU", () -> gru.forward(x).get0());
      Tensor last = sequence.select(1, -1);
      return in("fc", "Linear", () -> fc.forward(last));
    }
  }
}

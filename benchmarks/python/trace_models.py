"""Traces real architectures to TorchScript files for `benchmarks/run.sh --command --bench DIR`:
DIR/<case>/model.pt and input0.pt (input1.pt), random weights (seed 0), train mode, as
bench/README.md describes. Trace them with the oldest PyTorch you compare with: newer PyTorch and
libtorch load older TorchScript files, not the other way round (PyTorch 1.13 cannot load files
traced with 2.x that use scaled_dot_product_attention).

    python3 benchmarks/python/trace_models.py DIR
"""
import os
import sys

import torch
import torchvision


def image(batch, size):
    return (torch.randn(batch, 3, size, size),)


def cases():
    return {
        "mobilenet_v3_small": (torchvision.models.mobilenet_v3_small(), image(2, 224)),
        "shufflenet_v2_x0_5": (torchvision.models.shufflenet_v2_x0_5(), image(2, 224)),
        "vit_small": (torchvision.models.VisionTransformer(image_size=64, patch_size=16, num_layers=6, num_heads=4,
                                                           hidden_dim=64, mlp_dim=128, num_classes=10), image(1, 64)),
        "seq2seq": (torch.nn.Transformer(d_model=32, nhead=4, num_encoder_layers=2, num_decoder_layers=2,
                                         dim_feedforward=64, batch_first=True),
                    (torch.randn(2, 7, 32), torch.randn(2, 5, 32))),
        "efficientnet_b0": (torchvision.models.efficientnet_b0(), image(1, 224)),
        "regnet_y_400mf": (torchvision.models.regnet_y_400mf(), image(1, 224)),
        "convnext_tiny": (torchvision.models.convnext_tiny(), image(1, 224)),
        "swin_t": (torchvision.models.swin_t(), image(1, 224)),
    }


def main(out):
    torch.manual_seed(0)
    for name, (model, inputs) in cases().items():
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        model.train()
        torch.jit.trace(model, inputs, check_trace=False).save(os.path.join(folder, "model.pt"))
        for i, x in enumerate(inputs):
            torch.save(x, os.path.join(folder, "input%d.pt" % i))
        print(name, "traced with torch", torch.__version__)


if __name__ == "__main__":
    main(sys.argv[1])

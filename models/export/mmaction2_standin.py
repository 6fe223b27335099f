"""Tiny stand-ins with the exact input/output signature of MMAction2 models exported by mmdeploy.

MMAction2 and mmdeploy are not installed here, so the import tests use these instead: the same
names ('input' → 'output'), layouts and value conventions as mmdeploy's video-recognition export,
with a few random weights behind them:

  2d  Recognizer2D (TSN, TSM): input [batch, crops×segments, 3, H, W] → output [batch, classes]
  3d  Recognizer3D (I3D, SlowOnly): input [batch, crops×clips, 3, T, H, W] → output [batch, classes]

The output is a softmax over classes averaged across segments/crops, as MMAction2's
average_clips='prob' gives; --logits leaves the softmax out.

    /usr/bin/python3 models/export/mmaction2_standin.py --kind 3d --clip-len 8 --out /tmp/i3d
"""
from __future__ import annotations

import argparse
from pathlib import Path

import torch

OPSET = 17


class Standin2D(torch.nn.Module):
    def __init__(self, classes: int, logits: bool):
        super().__init__()
        self.head = torch.nn.Linear(3, classes)
        self.logits = logits

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # [N, S, 3, H, W]
        scores = self.head(x.mean(dim=(3, 4)) / 64.0)  # [N, S, classes]
        if not self.logits:
            scores = scores.softmax(dim=-1)
        return scores.mean(dim=1)


class Standin3D(torch.nn.Module):
    def __init__(self, classes: int, logits: bool):
        super().__init__()
        self.head = torch.nn.Linear(3, classes)
        self.logits = logits

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # [N, M, 3, T, H, W]
        scores = self.head(x.mean(dim=(3, 4, 5)) / 64.0)  # [N, M, classes]
        if not self.logits:
            scores = scores.softmax(dim=-1)
        return scores.mean(dim=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=("2d", "3d"), required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--classes", type=int, default=400)
    parser.add_argument("--segments", type=int, default=8, help="2d: crops×segments")
    parser.add_argument("--crops", type=int, default=1, help="3d: crops×clips")
    parser.add_argument("--clip-len", type=int, default=32, help="3d: frames per clip")
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--logits", action="store_true")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    if args.kind == "2d":
        model, dummy = Standin2D(args.classes, args.logits), torch.zeros(1, args.segments, 3, args.size, args.size)
    else:
        model, dummy = Standin3D(args.classes, args.logits), torch.zeros(1, args.crops, 3, args.clip_len, args.size, args.size)
    args.out.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(model.eval(), (dummy,), str(args.out / "model.onnx"), opset_version=OPSET, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    print(args.out / "model.onnx")


if __name__ == "__main__":
    main()

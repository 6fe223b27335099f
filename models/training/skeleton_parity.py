#!/usr/bin/python3
"""Parity record of an exported skeleton model: a few synthetic test clips (keypoints through the
error model) with PyTorch's per-frame probabilities, in models/<family>/parity.json. The app-side
test (test/training/skeleton-parity.test.ts) runs model.onnx on the same keypoints the way the
manifest says (recurrent: 64-frame chunks with state carried) and must agree within 1e-4.

    /usr/bin/python3 models/training/skeleton_parity.py --family pose-gru --data DIR   (after training)
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from skeleton_batches import view
from skeleton_data import MotionDataset
from skeleton_infer import frame_probs

REPO = Path(__file__).resolve().parents[2]


def write_parity(out: Path, family: str, model, ds: MotionDataset, clips: int = 2) -> None:
    records = []
    for k, item in enumerate(ds.split("test", "clip")[:clips]):
        rng = np.random.default_rng([4242, k])
        kp, _, fps = view(item, rng, fps=[25.0, 10.0][k % 2], speed=1.0, noisy=True)
        kp = np.round(kp[:120], 2).astype(np.float32)  # the JSON's values are exactly what PyTorch saw
        probs = frame_probs(family, model, kp, fps)
        records.append({"fps": fps, "keypoints": kp.tolist(), "probabilities": np.round(probs, 6).tolist()})
    (out / "parity.json").write_text(json.dumps({"family": family, "tolerance": 1e-4, "clips": records}) + "\n")


def main() -> None:
    from train_skeleton import load  # noqa: PLC0415 (avoid an import cycle at module load)

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--family", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--work", default=str(Path.home() / ".cache" / "actionlens-skeleton"))
    args = p.parse_args()
    torch.set_num_threads(1)
    ds = MotionDataset(args.data)
    model = load(args.family, len(ds.classes), Path(args.work) / f"{args.family}.pt")
    if args.family == "pose-two-stream":
        manifest = json.loads((REPO / "models" / args.family / "manifest.json").read_text())
        model.weight.fill_(manifest["training"]["fusionWeight"])
    model.eval()
    write_parity(REPO / "models" / args.family, args.family, model, ds)


if __name__ == "__main__":
    main()

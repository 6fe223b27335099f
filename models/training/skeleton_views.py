#!/usr/bin/python3
"""A skeleton family's synthetic test clips by camera view: side (walking across the picture),
oblique, and front/back (walking towards or away from the camera), with exact joints and through
the error model. Recorded in the family's metrics.json as `byView` (skeleton_results.py shows it).

    /usr/bin/python3 models/training/skeleton_views.py --family pose-stgcn --data /work/cache/skel-v2 \\
        --weights ~/.cache/actionlens-skeleton/pose-stgcn.pt [--record models/pose-stgcn]

[Note: view] The generator's figure faces +x before its yaw turns it and the camera looks along -z,
so |sin(yaw)| is 0 for a side view and 1 for a figure facing the camera or turned away from it.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from skeleton_data import MotionDataset
from skeleton_eval import clip_predictions
from train_skeleton import load

VIEWS = (("side", 0.0, 0.5), ("oblique", 0.5, 0.85), ("front/back", 0.85, 1.01))


def by_view(ds: MotionDataset, family: str, model, seed: int = 12345) -> dict:
    clips = ds.split("test", "clip")
    yaw = {it["id"]: it["yawDeg"] for it in ds.meta["items"]}
    side = np.array([abs(np.sin(np.radians(yaw[c.id]))) for c in clips])
    truth = np.array([c.label for c in clips])
    with torch.no_grad():
        preds = {"exact": clip_predictions(family, model, clips, seed, noisy=False), "error model": clip_predictions(family, model, clips, seed, noisy=True)}
    report: dict = {}
    for name, lo, hi in VIEWS:
        mask = (side >= lo) & (side < hi)
        row = {"clips": int(mask.sum())}
        for kind, pred in preds.items():
            row[kind] = {"top1": 100.0 * float((pred[mask] == truth[mask]).mean())}
            row[kind]["per_class"] = {c: (100.0 * float((pred[mask & (truth == i)] == i).mean()) if (mask & (truth == i)).any() else None) for i, c in enumerate(ds.classes)}
        report[name] = row
    return report


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--family", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--weights", required=True, help="the family's trained PyTorch weights (train_skeleton.py keeps them in --work)")
    p.add_argument("--record", help="model folder whose metrics.json gets `byView`")
    args = p.parse_args()
    torch.set_num_threads(1)
    ds = MotionDataset(args.data)
    model = load(args.family, len(ds.classes), args.weights)
    model.eval()
    report = by_view(ds, args.family, model)
    for name, row in report.items():
        print(f"{name:11} {row['clips']:4} clips  exact {row['exact']['top1']:5.1f}%  error model {row['error model']['top1']:5.1f}%  "
              f"walk exact {row['exact']['per_class']['walk'] or 0:5.1f}%  walk error model {row['error model']['per_class']['walk'] or 0:5.1f}%")
    if args.record:
        metrics_file = Path(args.record) / "metrics.json"
        metrics = json.loads(metrics_file.read_text())
        metrics["byView"] = report
        metrics_file.write_text(json.dumps(metrics, indent=2) + "\n")
        print(f"recorded in {metrics_file}")


if __name__ == "__main__":
    main()

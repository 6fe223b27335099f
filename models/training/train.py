#!/usr/bin/python3
"""Trains one default model family, evaluates it on the test split, exports ONNX + manifest + card.

    /usr/bin/python3 models/training/train.py --family framewise --data DATASET_DIR
    /usr/bin/python3 models/training/train.py --family cnn-lstm --data DATASET_DIR   (after framewise)

Families: framewise, cnn-lstm, cnn-gru, 3d-cnn, two-stream. The others start from framewise's trained CNN,
kept in --work (default: DATASET_DIR/.cache/work).

Training runs --steps optimiser steps (a family default otherwise), so the same command, data and
seed give the same model on any machine; --minutes is only a guard (see [Note: step schedule] in
loop.py). metrics.json records the steps, how the run stopped, the seeds, thread counts and versions.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import sys
import time
from pathlib import Path

from deps import require

require()

import torch  # noqa: E402

from card import write_card  # noqa: E402
from data import Dataset  # noqa: E402
from evaluate import evaluate  # noqa: E402
from export import export_clip, export_framewise, export_recurrent, export_two_stream, write_manifest  # noqa: E402
from infer import clip_probs, frame_features, framewise_probs, recurrent_probs  # noqa: E402
from loop import Budget, log, run_record, seed_everything  # noqa: E402
from nets import FrameCNN, FramewiseExport, RecurrentExport  # noqa: E402
from parity import write_parity  # noqa: E402

FAMILIES = {
    "framewise": ("framewise", "Frame-by-frame CNN", "framewise-cnn"),
    "cnn-lstm": ("cnn-lstm", "CNN + LSTM", "cnn-lstm"),
    "cnn-gru": ("cnn-gru", "CNN + GRU", "cnn-gru"),
    "3d-cnn": ("3d-cnn", "3D CNN (mixed 2D/3D)", "mc3-small"),
    "two-stream": ("two-stream", "Two-stream (RGB + optical flow)", "two-stream-late-fusion"),
}
REPO = Path(__file__).resolve().parents[2]
# [Note: step defaults] The shipped models were trained to a wall-clock budget (12-28 min on 2 cores,
# their step counts unrecorded); these step counts are estimates of the same amount of training.
# Retrain with them, and correct them from the `steps` the runs record in metrics.json.
DEFAULT_STEPS = {"framewise": 2400, "cnn-lstm": 3000, "cnn-gru": 2000, "3d-cnn": 1500, "two-stream": 1500}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--family", required=True, choices=sorted(FAMILIES))
    p.add_argument("--data", required=True, help="dataset folder made by npm run dataset")
    p.add_argument("--out", help="model folder (default: models/<family>)")
    p.add_argument("--work", help="where the framewise CNN checkpoint is kept (default: DATA/.cache/work)")
    p.add_argument("--steps", type=int, help="optimiser steps to train (default: the family's, DEFAULT_STEPS)")
    p.add_argument("--minutes", type=float, default=120.0, help="wall-clock guard: stop (and record so) if the steps take longer")
    p.add_argument("--smoke-steps", type=int, help="stop after this many optimiser steps (CI smoke test)")
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args()


def main() -> None:
    args = parse_args()
    rng = seed_everything(args.seed)
    model_id, name, architecture = FAMILIES[args.family]
    out = Path(args.out) if args.out else REPO / "models" / model_id
    out.mkdir(parents=True, exist_ok=True)
    work = Path(args.work) if args.work else Path(args.data) / ".cache" / "work"
    work.mkdir(parents=True, exist_ok=True)

    backbone_file = work / "framewise.pt"
    if args.family != "framewise" and not backbone_file.exists():
        sys.exit(f"{backbone_file}: not found. Train the framewise family first (its CNN is this family's backbone).")

    ds = Dataset(args.data)
    ds.load()
    log(f"dataset {args.data}: {len(ds.split('train'))} train, {len(ds.split('val'))} val, {len(ds.split('test'))} test items, {len(ds.skipped)} skipped")
    budget = Budget(args.minutes, args.smoke_steps, steps=args.steps or DEFAULT_STEPS[args.family])
    started = time.monotonic()
    classes = len(ds.classes)

    if args.family == "framewise":
        from train_frame import train_frame_cnn

        cnn = train_frame_cnn(ds, rng, budget)
        torch.save(cnn.state_dict(), backbone_file)
        shipped = FramewiseExport(cnn)
        family_part = export_framewise(shipped, out)
        probs_of = lambda item: framewise_probs(cnn, item.frames)  # noqa: E731
    else:
        cnn = FrameCNN(classes)
        cnn.load_state_dict(torch.load(backbone_file))
        if args.family in ("cnn-lstm", "cnn-gru"):
            from train_recurrent import train_recurrent

            cell = args.family.split("-")[1]
            # Keyed by the backbone's bytes: a retrained framewise CNN never reuses stale features.
            digest = hashlib.sha256(backbone_file.read_bytes()).hexdigest()[:12]
            head = train_recurrent(ds, cnn, cell, rng, budget, work / f"features-{digest}.npy")
            shipped = RecurrentExport(cnn, head)
            family_part = export_recurrent(shipped, cell, out)
            probs_of = lambda item: recurrent_probs(head, frame_features(cnn, item.frames))  # noqa: E731
        elif args.family == "two-stream":
            from train_two_stream import FLOW, INTERVAL, LENGTH, train_two_stream, two_stream_probs

            shipped, cache = train_two_stream(ds, cnn, rng, budget)
            torch.save(shipped.state_dict(), work / f"{model_id}-shipped.pt")  # before export: the training is the costly part
            family_part = export_two_stream(shipped, LENGTH, INTERVAL, FLOW, out)
            cached = lambda item: cache.pairs(item) if cache.has(item) else None  # noqa: E731
            probs_of = lambda item: two_stream_probs(shipped, item, cached(item), 4, classes)  # noqa: E731
        else:
            from train_clip import INTERVAL, LENGTH, train_clip_model

            shipped = train_clip_model(ds, cnn, rng, budget)
            family_part = export_clip(shipped, LENGTH, INTERVAL, out)
            probs_of = lambda item: clip_probs(shipped, item.frames, LENGTH, INTERVAL, 4, classes)  # noqa: E731

    # The trained weights, so parity records and exports can be remade without training again.
    torch.save(shipped.state_dict(), work / f"{model_id}-shipped.pt")
    minutes = (time.monotonic() - started) / 60
    schedule = budget.record()
    log(f"trained {budget.steps} steps in {minutes:.1f} min (stopped by {budget.stopped_by}); evaluating on the test split")
    report = evaluate(ds, probs_of)
    train_command = "/usr/bin/python3 models/training/train.py " + shlex.join(sys.argv[1:])
    training = {"dataFingerprint": ds.meta["fingerprint"], "command": train_command, "seed": args.seed, "steps": budget.steps, "minutes": round(minutes, 1)}
    if args.family == "two-stream":
        training["spatialWeight"] = shipped.spatial_weight  # the late-fusion weight chosen on validation
    manifest = write_manifest(out, model_id, name, architecture, ds.classes, family_part, training)
    params = sum(p.numel() for p in shipped.parameters())
    metrics = {"family": args.family, "params": params, "minutes": minutes, "seed": args.seed, **schedule, **run_record(args.seed), **report}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    data = {
        "generator": ds.meta["generator"]["version"], "seed": ds.meta["seed"], "fingerprint": ds.meta["fingerprint"],
        "command": ds.meta.get("command", ""), "train_clips": len(ds.split("train", "clip")),
        "train_sequences": len(ds.split("train", "sequence")), "train_seed": args.seed, "train_command": train_command,
        "train_steps": budget.steps, "stopped_by": budget.stopped_by,
    }
    write_card(out, args.family, manifest, params, minutes, report, data)
    parity = write_parity(out, args.family, manifest, shipped, probs_of, Path(args.data) / ".cache" / "parity")
    log(f"parity set: {len(parity['clips'])} clips recorded in {out / 'parity.json'}")
    size_mb = (out / "model.onnx").stat().st_size / 1e6
    log(f"{model_id}: clip top-1 {report['clip_top1']:.1f}%, {params:,} params, {size_mb:.2f} MB → {out}")


if __name__ == "__main__":
    main()

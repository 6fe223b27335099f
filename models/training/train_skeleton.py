#!/usr/bin/python3
"""Trains one skeleton family on motion data, evaluates it on the synthetic test split, exports
ONNX + manifest + metrics + model card.

    npm run dataset:skeleton -- --out DIR --clips 6000 --sequences 300 --seed 11
    /usr/bin/python3 models/training/train_skeleton.py --family pose-gru --data DIR --minutes 15

Families: pose-gru, pose-lstm (many-to-many, causal, carried state), pose-framewise (one frame),
pose-stgcn (ST-GCN over 32-frame windows), pose-two-stream (joint positions + joint motion, late fusion).
"""
from __future__ import annotations

import argparse
import json
import platform
import shlex
import sys
import time
from pathlib import Path

import numpy as np
import torch

from loop import BestKeeper, Budget, cosine_lr, log, seed_everything
from skeleton_batches import frame_batch, sequence_batch, window_batch
from skeleton_card import write_card
from skeleton_data import MotionDataset
from skeleton_eval import evaluate, val_score
from skeleton_export import export_family, write_manifest
from skeleton_parity import write_parity
from skeleton_nets import PoseFramewise, PoseRecurrent, PoseSTGCN, PoseTwoStream

FAMILIES = {
    "pose-gru": ("Pose + GRU", "pose-mlp-gru128"),
    "pose-lstm": ("Pose + LSTM", "pose-mlp-lstm128"),
    "pose-framewise": ("Pose, frame by frame", "pose-mlp"),
    "pose-stgcn": ("Pose ST-GCN", "st-gcn-coco17-spatial"),
    "pose-two-stream": ("Pose two-stream (joints + motion)", "pose-two-stream-tcn-late-fusion"),
}
REPO = Path(__file__).resolve().parents[2]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--family", required=True, choices=sorted(FAMILIES))
    p.add_argument("--data", required=True, help="folder made by npm run dataset:skeleton")
    p.add_argument("--out", help="model folder (default: models/<family>)")
    p.add_argument("--minutes", type=float, default=15.0, help="wall-clock training budget")
    p.add_argument("--smoke-steps", type=int, help="stop after this many optimiser steps (CI smoke test)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", default=str(Path.home() / ".cache" / "actionlens-skeleton"), help="where trained weights are kept (outside the repository)")
    p.add_argument("--resume", action="store_true", help="start from the weights a previous run of this family left in --work")
    return p.parse_args()


def build(family: str, classes: int) -> torch.nn.Module:
    if family in ("pose-gru", "pose-lstm"):
        return PoseRecurrent(family.split("-")[1], classes)
    return {"pose-framewise": PoseFramewise, "pose-stgcn": PoseSTGCN, "pose-two-stream": PoseTwoStream}[family](classes)


def batch_loss(family: str, model, items, rng) -> torch.Tensor:
    ce = torch.nn.functional.cross_entropy
    if family in ("pose-gru", "pose-lstm"):
        kp, fps, labels = sequence_batch(items, rng)
        logits, _, _ = model(kp, fps)
        return ce(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100)
    if family == "pose-framewise":
        kp, labels = frame_batch(items, rng)
        return ce(model(kp), labels)
    kp, fps, labels = window_batch(items, rng)
    if family == "pose-two-stream":  # each stream learns on its own; fusion is chosen on validation
        a, b = model.streams(kp, fps)
        return ce(a, labels) + ce(b, labels)
    return ce(model(kp, fps), labels)


def train(family: str, model, ds: MotionDataset, rng, budget: Budget, steps_per_epoch: int, base_lr: float = 2e-3) -> None:
    items = ds.split("train")
    opt = torch.optim.AdamW(model.parameters(), lr=base_lr, weight_decay=1e-4)
    best, epoch = BestKeeper(), 0
    while not budget.exhausted():
        model.train()
        losses = []
        for _ in range(steps_per_epoch):
            cosine_lr(opt, base_lr, budget)
            loss = batch_loss(family, model, items, rng)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            losses.append(loss.item())
            if budget.step():
                break
        epoch += 1
        score = val_score(ds, family, model, limit=20 if budget.max_steps else 330)
        kept = best.offer(score, model)
        log(f"{family} epoch {epoch}: loss {np.mean(losses):.3f}, val clip top-1 {score:.1f}%{' (best)' if kept else ''}, {budget.steps} steps, {budget.elapsed_min():.1f} min")
    best.restore(model)


def choose_fusion(ds: MotionDataset, model) -> float:
    """Two-stream: the late-fusion weight with the best validation clip top-1."""
    scores = {}
    for w in (0.0, 0.25, 0.5, 0.75, 1.0):
        model.weight.fill_(w)
        scores[w] = val_score(ds, "pose-two-stream", model, limit=220)
    best = max(scores, key=scores.get)
    model.weight.fill_(best)
    log(f"fusion weight on validation: {scores} → {best}")
    return best


def main() -> None:
    args = parse_args()
    rng = seed_everything(args.seed)
    torch.set_num_threads(1)  # [Note: 1 thread: on the shared 2-core machine 2 threads ran a GRU step 7x slower]
    name, architecture = FAMILIES[args.family]
    out = Path(args.out) if args.out else REPO / "models" / args.family
    out.mkdir(parents=True, exist_ok=True)
    ds = MotionDataset(args.data)
    log(f"data {args.data}: {len(ds.split('train'))} train, {len(ds.split('val'))} val, {len(ds.split('test'))} test items")
    model = build(args.family, len(ds.classes))
    weights = Path(args.work) / f"{args.family}.pt"
    if args.resume:
        model.load_state_dict(torch.load(weights))
        log(f"resumed from {weights}")
    budget = Budget(args.minutes, args.smoke_steps)
    started = time.monotonic()
    # A resumed run continues at a lower learning rate (the first run's cosine already ended low).
    train(args.family, model, ds, rng, budget, steps_per_epoch=2 if args.smoke_steps else 100, base_lr=7e-4 if args.resume else 2e-3)
    extra = {"resumed": True} if args.resume else {}  # steps and minutes then count this run only
    if args.family == "pose-two-stream":
        extra["fusionWeight"] = choose_fusion(ds, model)
    minutes = (time.monotonic() - started) / 60
    if not args.smoke_steps:
        weights.parent.mkdir(parents=True, exist_ok=True)
        torch.save(model.state_dict(), weights)
    model.eval()
    log(f"trained {budget.steps} steps in {minutes:.1f} min; evaluating on the test split")
    report = evaluate(ds, args.family, model, sequences=not args.smoke_steps)
    command = "/usr/bin/python3 models/training/train_skeleton.py " + shlex.join(sys.argv[1:])
    training = {"dataCommand": ds.meta.get("command", ""), "dataSeed": ds.meta["seed"], "command": command, "seed": args.seed,
                "steps": budget.steps, "minutes": round(minutes, 1), **extra}
    manifest = write_manifest(out, args.family, name, architecture, ds.classes, export_family(args.family, model, out), training)
    params = sum(p.numel() for p in model.parameters())
    env = {"torch": torch.__version__, "numpy": np.__version__, "python": platform.python_version(), "threads": torch.get_num_threads()}
    metrics = {"family": args.family, "params": params, "minutes": minutes, "steps": budget.steps, "seed": args.seed, "versions": env,
               "data": {"command": ds.meta.get("command", ""), "train_clips": len(ds.split("train", "clip")), "train_sequences": len(ds.split("train", "sequence"))},
               **report}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    write_card(out, args.family, manifest, params, metrics)
    write_parity(out, args.family, model, ds)
    size_mb = (out / "model.onnx").stat().st_size / 1e6
    log(f"{args.family}: test clip top-1 {report['clip_top1']:.1f}% (mean class {report['clip_mean_class_accuracy']:.1f}%), "
        f"exact joints {report['exact_joints_30fps']['clip_top1']:.1f}%, {params:,} params, {size_mb:.2f} MB → {out}")


if __name__ == "__main__":
    main()

"""Synthetic test-split evaluation of a skeleton family: clips through the error model at mixed
frame rates (seeded: the same errors every run), the same clips exactly at 30 fps, and the
sequences' per-frame labels."""
from __future__ import annotations

import numpy as np

from metrics import confusion, mean_class_accuracy, segmentation_report
from skeleton_batches import view
from skeleton_data import MotionDataset, TRAIN_FPS
from skeleton_infer import frame_probs

TEMPORAL_GROUPS = {"sit_down/stand_up": ("sit_down", "stand_up"), "fall": ("fall",)}


def clip_report(classes: list[str], truth: np.ndarray, pred: np.ndarray) -> dict:
    matrix = confusion(truth, pred, len(classes))
    report = {
        "clips": int(len(truth)),
        "clip_top1": 100.0 * float((truth == pred).mean()) if len(truth) else 0.0,
        "clip_mean_class_accuracy": 100.0 * mean_class_accuracy(matrix) if len(truth) else 0.0,
        "per_class": {c: (100.0 * matrix[i, i] / matrix[i].sum() if matrix[i].sum() else None) for i, c in enumerate(classes)},
        "confusion": matrix.tolist(),
        "temporal_pairs": {},
    }
    for name, members in TEMPORAL_GROUPS.items():
        mask = np.isin(truth, [classes.index(m) for m in members])
        report["temporal_pairs"][name] = {"clips": int(mask.sum()), "clip_top1": 100.0 * float((truth[mask] == pred[mask]).mean()) if mask.any() else None}
    return report


def clip_predictions(family, model, items, seed: int, noisy: bool) -> np.ndarray:
    preds = []
    for k, item in enumerate(items):
        rng = np.random.default_rng([seed, k])
        fps = float(rng.choice(TRAIN_FPS)) if noisy else 30.0
        kp, _, fps = view(item, rng, fps=fps, speed=1.0, noisy=noisy)
        preds.append(int(frame_probs(family, model, kp, fps).mean(0).argmax()))
    return np.array(preds)


def evaluate(ds: MotionDataset, family: str, model, split: str = "test", seed: int = 12345, sequences: bool = True) -> dict:
    clips = ds.split(split, "clip")
    truth = np.array([i.label for i in clips])
    report = clip_report(ds.classes, truth, clip_predictions(family, model, clips, seed, noisy=True))
    # Exact joints and sequences on a subset: enough to compare, and evaluation stays a few minutes.
    report["exact_joints_30fps"] = clip_report(ds.classes, truth[:330], clip_predictions(family, model, clips[:330], seed, noisy=False))
    seqs = ds.split(split, "sequence")[:30]
    if sequences and seqs:
        pairs = []
        for k, item in enumerate(seqs):
            rng = np.random.default_rng([seed, 100000 + k])
            kp, labels, fps = view(item, rng, fps=30.0, speed=1.0, noisy=True)
            pairs.append((labels, frame_probs(family, model, kp, fps).argmax(1)))
        report["sequences"] = len(seqs)
        report["segmentation"] = segmentation_report(pairs)
        for name, members in TEMPORAL_GROUPS.items():
            ids = [ds.classes.index(m) for m in members]
            hits = sum(int(((t == p) & np.isin(t, ids)).sum()) for t, p in pairs)
            total = sum(int(np.isin(t, ids).sum()) for t, _ in pairs)
            report["temporal_pairs"][name]["frame_accuracy"] = 100.0 * hits / total if total else None
    return report


def val_score(ds: MotionDataset, family: str, model, limit: int = 330) -> float:
    """Validation clip top-1 (error model, mixed frame rates) on up to `limit` clips."""
    clips = ds.split("val", "clip")[:limit]
    truth = np.array([i.label for i in clips])
    return 100.0 * float((clip_predictions(family, model, clips, 777, noisy=True) == truth).mean())

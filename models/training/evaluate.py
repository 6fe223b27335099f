"""Test-split evaluation of one family, from a function giving per-frame probabilities of an item."""
from __future__ import annotations

from typing import Callable

import numpy as np

from data import Dataset, Item
from metrics import confusion, mean_class_accuracy, segmentation_report

# Pairs no single frame can separate (shared/specs/actions.md), reported on their own.
TEMPORAL_GROUPS = {"sit_down/stand_up": ("sit_down", "stand_up"), "fall": ("fall",)}


def evaluate(ds: Dataset, probs_of: Callable[[Item], np.ndarray]) -> dict:
    classes = len(ds.classes)
    clips = ds.split("test", "clip")
    truth = np.array([i.label for i in clips])
    pred = np.array([int(probs_of(i).mean(0).argmax()) for i in clips])
    matrix = confusion(truth, pred, classes)
    report: dict = {
        "clips": len(clips),
        "clip_top1": 100.0 * float((truth == pred).mean()) if len(clips) else 0.0,
        "clip_mean_class_accuracy": 100.0 * mean_class_accuracy(matrix) if len(clips) else 0.0,
        "confusion": matrix.tolist(),
        "temporal_pairs": {},
    }
    for name, members in TEMPORAL_GROUPS.items():
        ids = [ds.classes.index(m) for m in members]
        mask = np.isin(truth, ids)
        report["temporal_pairs"][name] = {
            "clips": int(mask.sum()),
            "clip_top1": 100.0 * float((truth[mask] == pred[mask]).mean()) if mask.any() else None,
        }
    sequences = ds.split("test", "sequence")
    if sequences:
        pairs = [(i.frame_labels, probs_of(i).argmax(1)) for i in sequences]
        report["sequences"] = len(sequences)
        report["segmentation"] = segmentation_report(pairs)
        for name, members in TEMPORAL_GROUPS.items():
            ids = [ds.classes.index(m) for m in members]
            hits = sum(int(((t == p) & np.isin(t, ids)).sum()) for t, p in pairs)
            total = sum(int(np.isin(t, ids).sum()) for t, _ in pairs)
            report["temporal_pairs"][name]["frame_accuracy"] = 100.0 * hits / total if total else None
    return report

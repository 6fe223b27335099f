"""Accuracy metrics: clip top-1, mean class accuracy, confusion, and the temporal action
segmentation metrics of MS-TCN (Farha & Gall, 2019): frame accuracy, edit score, F1@{10,25,50}."""
from __future__ import annotations

import numpy as np


def confusion(truth: np.ndarray, pred: np.ndarray, classes: int) -> np.ndarray:
    matrix = np.zeros((classes, classes), np.int64)
    np.add.at(matrix, (truth, pred), 1)
    return matrix


def mean_class_accuracy(matrix: np.ndarray) -> float:
    totals = matrix.sum(axis=1)
    present = totals > 0
    return float((np.diag(matrix)[present] / totals[present]).mean())


def segments_of(labels: np.ndarray) -> list[tuple[int, int, int]]:
    """(label, start, end-exclusive) runs of a per-frame label sequence."""
    if len(labels) == 0:
        return []
    change = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [len(labels)]])
    return [(int(labels[s]), int(s), int(e)) for s, e in zip(starts, ends)]


def edit_score(truth: np.ndarray, pred: np.ndarray) -> float:
    """100 × (1 − normalised Levenshtein distance) between the segment label sequences."""
    a = [s[0] for s in segments_of(truth)]
    b = [s[0] for s in segments_of(pred)]
    d = np.zeros((len(a) + 1, len(b) + 1), np.int64)
    d[:, 0] = np.arange(len(a) + 1)
    d[0, :] = np.arange(len(b) + 1)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i, j] = min(d[i - 1, j] + 1, d[i, j - 1] + 1, d[i - 1, j - 1] + (a[i - 1] != b[j - 1]))
    return 100.0 * (1 - d[len(a), len(b)] / max(len(a), len(b), 1))


def f1_at(truth: np.ndarray, pred: np.ndarray, overlap: float) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) at an IoU threshold, as in MS-TCN."""
    true_segs, pred_segs = segments_of(truth), segments_of(pred)
    matched = np.zeros(len(true_segs), bool)
    tp = fp = 0
    for label, start, end in pred_segs:
        best, best_iou = -1, 0.0
        for k, (t_label, t_start, t_end) in enumerate(true_segs):
            if t_label != label:
                continue
            inter = max(0, min(end, t_end) - max(start, t_start))
            union = max(end, t_end) - min(start, t_start)
            iou = inter / union
            if iou > best_iou:
                best, best_iou = k, iou
        if best_iou >= overlap and not matched[best]:
            tp += 1
            matched[best] = True
        else:
            fp += 1
    return tp, fp, int((~matched).sum())


def segmentation_report(pairs: list[tuple[np.ndarray, np.ndarray]]) -> dict[str, float]:
    """Frame accuracy, mean edit score and F1@{10,25,50} over (truth, prediction) sequences."""
    correct = sum(int((t == p).sum()) for t, p in pairs)
    total = sum(len(t) for t, _ in pairs)
    report = {"frame_accuracy": 100.0 * correct / max(total, 1), "edit": float(np.mean([edit_score(t, p) for t, p in pairs]))}
    for overlap in (0.10, 0.25, 0.50):
        tp = fp = fn = 0
        for t, p in pairs:
            a, b, c = f1_at(t, p, overlap)
            tp, fp, fn = tp + a, fp + b, fn + c
        precision = tp / max(tp + fp, 1)
        recall = tp / max(tp + fn, 1)
        report[f"f1@{int(overlap * 100)}"] = 100.0 * 2 * precision * recall / max(precision + recall, 1e-9)
    return report

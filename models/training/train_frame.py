"""The frame-by-frame CNN: classifies each frame alone; also the backbone of the other families."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from data import Dataset, Item, joint_heatmaps, normalise
from infer import framewise_probs
from loop import Budget, train_epochs
from nets import HEATMAP_GRID, FrameCNN

HEATMAP_WEIGHT = 1.0
# Joints cover a few of the 14x14 cells: weigh them up so the head cannot win by predicting nothing.
HEATMAP_POS_WEIGHT = torch.tensor(10.0)


def sample_frames(items: list[Item], count: int, rng: np.random.Generator):
    """`count` random (item, frame) picks, balanced over the label of the picked frame's item."""
    by_class: dict[int, list[Item]] = {}
    for item in items:
        by_class.setdefault(int(np.bincount(item.frame_labels).argmax()), []).append(item)
    classes = sorted(by_class)
    picks = []
    for _ in range(count):
        group = by_class[classes[rng.integers(len(classes))]]
        item = group[rng.integers(len(group))]
        picks.append((item, int(rng.integers(item.frame_count))))
    return picks


def recolour(frames: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Colour means nothing for an action: permute channels, sometimes go grey, jitter brightness
    and contrast, so that clothes and backgrounds cannot be memorised by their colour."""
    out = np.empty_like(frames)
    for k in range(len(frames)):
        f = frames[k][..., rng.permutation(3)].astype(np.float32)
        if rng.random() < 0.2:
            f[:] = f.mean(axis=-1, keepdims=True)
        f = (f - 128.0) * rng.uniform(0.7, 1.3) + 128.0 + rng.uniform(-30, 30)
        out[k] = np.clip(f, 0, 255).astype(np.uint8)
    return out


def make_batch(picks, rng: np.random.Generator):
    frames = np.stack([item.frames[f] for item, f in picks])
    joints = np.stack([item.joints[f] for item, f in picks]).copy()
    labels = np.array([item.frame_labels[f] for item, f in picks])
    flip = rng.random(len(picks)) < 0.5  # figures face either way: mirror half the batch
    frames[flip] = frames[flip, :, ::-1]
    joints[flip, :, 0] = 1.0 - joints[flip, :, 0]
    frames = recolour(frames, rng)
    return (
        torch.from_numpy(normalise(frames)),
        torch.from_numpy(joint_heatmaps(joints, HEATMAP_GRID)),
        torch.from_numpy(labels),
    )


def clip_accuracy(cnn: FrameCNN, items: list[Item], frames_per_clip: int = 16) -> float:
    """Clip top-1 on evenly spaced frames of each clip (mean of per-frame probabilities)."""
    correct = 0
    for item in items:
        idx = np.linspace(0, item.frame_count - 1, frames_per_clip).round().astype(int)
        correct += int(framewise_probs(cnn, item.frames[idx]).mean(0).argmax() == item.label)
    return 100.0 * correct / max(len(items), 1)


def train_frame_cnn(ds: Dataset, rng: np.random.Generator, budget: Budget, batch: int = 64, steps_per_epoch: int = 200) -> FrameCNN:
    cnn = FrameCNN(len(ds.classes))
    train = ds.split("train")
    val = ds.split("val", "clip")
    optimiser = torch.optim.AdamW(cnn.parameters(), lr=2e-3, weight_decay=5e-4)

    def batch_loss():
        x, heat, y = make_batch(sample_frames(train, batch, rng), rng)
        logits, heat_logits = cnn(x)
        return F.cross_entropy(logits, y) + HEATMAP_WEIGHT * F.binary_cross_entropy_with_logits(heat_logits, heat, pos_weight=HEATMAP_POS_WEIGHT)

    train_epochs("framewise", cnn, optimiser, budget, batch_loss, lambda: clip_accuracy(cnn, val), steps_per_epoch=steps_per_epoch)
    return cnn

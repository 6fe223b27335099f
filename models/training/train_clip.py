"""The 3D CNN: T-frame clips at a frame interval, initialised by inflating the trained frame CNN."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from data import Dataset, Item, normalise
from infer import clip_probs, window_indices
from loop import Budget, train_epochs
from nets import FrameCNN, Mixed3DCNN

LENGTH = 16
INTERVAL = 2
SPAN = (LENGTH - 1) * INTERVAL + 1


def motion_weights(item: Item) -> np.ndarray:
    """Where the figure moves, from its joints: windows are drawn mostly around the action itself
    (a sit_down clip's seated tail or a stand_up clip's standing tail alone says little)."""
    speed = np.zeros(item.frame_count, np.float32)
    speed[1:] = np.abs(np.diff(item.joints, axis=0)).sum(axis=(1, 2))
    return speed + speed.mean() + 1e-6


def sample_window(item: Item, rng) -> tuple[np.ndarray, int]:
    weights = motion_weights(item)
    centre = int(rng.choice(item.frame_count, p=weights / weights.sum()))
    start = int(np.clip(centre - SPAN // 2, 0, max(item.frame_count - SPAN, 0)))
    idx = window_indices(start, LENGTH, INTERVAL, item.frame_count)
    return item.frames[idx], int(item.frame_labels[idx[LENGTH // 2]])


def make_batch(items: list[Item], size: int, rng):
    chosen = [items[k] for k in rng.integers(len(items), size=size)]
    clips, labels = zip(*(sample_window(i, rng) for i in chosen))
    clips = np.stack(clips)
    flip = rng.random(size) < 0.5
    clips[flip] = clips[flip, :, :, ::-1]
    x = torch.from_numpy(normalise(clips)).permute(0, 2, 1, 3, 4)
    return x, torch.tensor(labels)


def validate(model, ds: Dataset) -> float:
    clips = ds.split("val", "clip")
    correct = sum(int(clip_probs(model, i.frames, LENGTH, INTERVAL, 8, len(ds.classes)).mean(0).argmax() == i.label) for i in clips)
    return 100.0 * correct / max(len(clips), 1)


def train_clip_model(ds: Dataset, cnn: FrameCNN, rng, budget: Budget, batch: int = 16) -> Mixed3DCNN:
    model = Mixed3DCNN(len(ds.classes))
    model.inflate_from(cnn)
    train = ds.split("train")
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)

    def batch_loss():
        x, y = make_batch(train, batch, rng)
        return F.cross_entropy(model(x), y)

    train_epochs("3d-cnn", model, optimiser, budget, batch_loss, lambda: validate(model, ds), base_lr=1e-3)
    return model

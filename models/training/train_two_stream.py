"""The two-stream model: the trained frame CNN as the spatial stream (on a window's centre frame), a
temporal stream trained here on stacked Farneback flow of the window's sampled frame pairs, and
late fusion by a weighted mean of the two streams' probabilities, the weight chosen on validation.

Windows are the app's (src/main/core/analysis/strategies/windowed.ts): LENGTH frames INTERVAL
apart, flow of each consecutive pair, RGB of frame (LENGTH - 1) // 2, each frame the mean of the
windows that cover it.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from data import Dataset, Item, normalise
from flow_cache import FlowCache
from flow_reference import DEFAULT_FLOW, flow_pairs
from infer import window_indices, window_starts
from loop import Budget, log, train_epochs
from nets import FrameCNN, TemporalCNN, TwoStreamExport
from train_clip import motion_weights

PAIRS = DEFAULT_FLOW["pairs"]
LENGTH = PAIRS + 1
INTERVAL = 2
SPAN = (LENGTH - 1) * INTERVAL + 1
FLOW = DEFAULT_FLOW


def window_flow(flows: np.ndarray, idx: np.ndarray, frames: np.ndarray) -> np.ndarray:
    """float32 [2L, H, W] for a window's sampled frames; pairs the cache lacks (a window clamped at
    the end of a short video repeats its last frame) are computed directly."""
    parts = []
    for a, b in zip(idx[:-1], idx[1:]):
        if b - a == INTERVAL and a < len(flows):
            parts.append(np.asarray(flows[a], np.float32))
        else:
            parts.append(flow_pairs(np.stack([frames[a], frames[b]]), FLOW)[0])
    return np.concatenate(parts)


def sample(item: Item, flows: np.ndarray, rng) -> tuple[np.ndarray, int]:
    weights = motion_weights(item)
    centre = int(rng.choice(item.frame_count, p=weights / weights.sum()))
    start = int(np.clip(centre - SPAN // 2, 0, max(item.frame_count - SPAN, 0)))
    idx = window_indices(start, LENGTH, INTERVAL, item.frame_count)
    return window_flow(flows, idx, item.frames), int(item.frame_labels[idx[(LENGTH - 1) // 2]])


def make_batch(items: list[Item], cache: FlowCache, size: int, rng):
    chosen = [items[k] for k in rng.integers(len(items), size=size)]
    stacks, labels = zip(*(sample(i, cache.pairs(i), rng) for i in chosen))
    x = np.stack(stacks)
    flip = rng.random(size) < 0.5
    # A mirrored video moves the other way: mirror the planes and negate every x component.
    x[flip] = x[flip, :, :, ::-1]
    x[flip, 0::2] *= -1
    return torch.from_numpy(np.ascontiguousarray(x)), torch.tensor(labels)


@torch.no_grad()
def two_stream_probs(model: TwoStreamExport, item: Item, flows: np.ndarray | None, stride: int, classes: int) -> np.ndarray:
    """Per-frame probabilities as the app computes them (centred window means, end-aligned edge)."""
    model.eval()
    frames, count = item.frames, item.frame_count
    if flows is None:  # items outside the cache (test sequences): the same flow, computed here
        flows = _pairs_at_interval(frames)
    total = np.zeros((count, classes), np.float64)
    hits = np.zeros(count, np.int64)
    starts = window_starts(count, SPAN, stride)
    for b in range(0, len(starts), 16):
        batch = starts[b : b + 16]
        windows = [window_indices(s, LENGTH, INTERVAL, count) for s in batch]
        rgb = torch.from_numpy(normalise(np.stack([frames[w[(LENGTH - 1) // 2]] for w in windows])))
        flow = torch.from_numpy(np.stack([window_flow(flows, w, frames) for w in windows]))
        for s, p in zip(batch, model(rgb, flow).numpy()):
            end = min(s + SPAN, count)
            total[s:end] += p
            hits[s:end] += 1
    return (total / np.maximum(hits, 1)[:, None]).astype(np.float32)


def _pairs_at_interval(frames: np.ndarray) -> np.ndarray:
    out = [flow_pairs(np.stack([frames[i], frames[i + INTERVAL]]), FLOW)[0] for i in range(len(frames) - INTERVAL)]
    return np.stack(out) if out else np.zeros((0, 2, frames.shape[1], frames.shape[2]), np.float32)


def clip_accuracy(model: TwoStreamExport, items: list[Item], cache: FlowCache, stride: int, classes: int) -> float:
    hits = sum(int(two_stream_probs(model, i, cache.pairs(i), stride, classes).mean(0).argmax() == i.label) for i in items)
    return 100.0 * hits / max(len(items), 1)


def train_two_stream(ds: Dataset, cnn: FrameCNN, rng, budget: Budget, batch: int = 32) -> tuple[TwoStreamExport, FlowCache]:
    classes = len(ds.classes)
    train, val = ds.split("train", "clip"), ds.split("val", "clip")
    cache = FlowCache(ds, FLOW, INTERVAL)
    cache.prepare(train + val + ds.split("test", "clip"))
    budget.restart()  # the budget is for training; computing the flow once is preparation
    temporal = TemporalCNN(classes, 2 * PAIRS)
    model = TwoStreamExport(cnn, temporal, spatial_weight=0.0)  # the temporal stream alone while it trains
    for p in cnn.parameters():
        p.requires_grad_(False)
    optimiser = torch.optim.AdamW(temporal.parameters(), lr=2e-3, weight_decay=1e-4)

    def batch_loss():
        x, y = make_batch(train, cache, batch, rng)
        return F.cross_entropy(temporal(x), y)

    train_epochs("two-stream temporal", temporal, optimiser, budget, batch_loss, lambda: clip_accuracy(model, val, cache, 8, classes), base_lr=2e-3)
    model.spatial_weight = choose_fusion_weight(model, val, cache, classes)
    return model, cache


def choose_fusion_weight(model: TwoStreamExport, val: list[Item], cache: FlowCache, classes: int) -> float:
    """The spatial stream's share of the fused probabilities that scores best on validation."""
    scores = {}
    for weight in (0.0, 0.2, 0.33, 0.5, 0.67):
        model.spatial_weight = weight
        scores[weight] = clip_accuracy(model, val, cache, 8, classes)
    chosen = max(scores, key=lambda w: (scores[w], -abs(w - 0.33)))
    log("fusion (spatial weight → val clip top-1): " + ", ".join(f"{w:g} → {s:.1f}%" for w, s in scores.items()) + f"; chosen {chosen:g}")
    return chosen

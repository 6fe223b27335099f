"""Training samples for the skeleton families: an item at a random frame rate and speed, seen
through the error model (or exactly), mirrored half the time."""
from __future__ import annotations

import numpy as np
import torch

from skeleton_data import TRAIN_FPS, MotionItem, resample
from skeleton_nets import CLIP_LENGTH
from skeleton_noise import estimator_view, exact_view, mirror

EXACT_SHARE = 0.1  # a few samples without estimator errors, so the model also knows clean poses
# [Note: tracking shots] Most generated walks and runs are filmed by a static camera, and pose-stgcn
# learnt walking partly as travel across the picture: on exact joints the 400-step model called 30%
# of side-view walks filmed by a panning camera "idle", legs swinging in full view (skeleton_views.py).
# `train_skeleton.py --tracking-share S` shows a share S of training samples as by a camera panning
# after the person (their horizontal travel in the picture taken out), so the limbs must carry the
# class. Measured once (pose-stgcn, 2400 steps, S = 0.3): validation 89.1% against 91.8% without it,
# so the default is 0 and the shipped models were trained without it.
MAX_FRAMES = 96  # training windows: long enough for every action at 10 fps, short enough for 2 CPU threads


def view(item: MotionItem, rng: np.random.Generator, fps: float | None = None, speed: float | None = None,
         max_seconds: float | None = None, noisy: bool | None = None, tracking_share: float = 0.0) -> tuple[np.ndarray, np.ndarray, float]:
    """(keypoints [T,17,3], labels [T], fps) for one random look at an item; `tracking_share` of
    them as by a panning camera ([Note: tracking shots]; training only, evaluation sees the item as made)."""
    fps = float(rng.choice(TRAIN_FPS)) if fps is None else fps
    speed = float(rng.uniform(0.8, 1.25)) if speed is None else speed
    start = 0.0
    max_frames = None
    if max_seconds is not None:
        span = min(max_seconds, MAX_FRAMES / fps) * 30.0 * speed
        if len(item.points) > span:
            start = float(rng.uniform(0, len(item.points) - span))
        max_frames = min(int(max_seconds * fps), MAX_FRAMES)
    pts, labels = resample(item.points, item.labels, fps, speed, start, max_frames)
    if tracking_share > 0 and rng.random() < tracking_share:
        pts = tracking_shot(pts, rng)
    noisy = (rng.random() > EXACT_SHARE) if noisy is None else noisy
    kp = estimator_view(pts, item.width, item.height, rng) if noisy else exact_view(pts, item.width, item.height)
    if rng.random() < 0.5:
        kp = mirror(kp, item.width)
    return kp, labels, fps


def tracking_shot(points: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The motion as a camera panning after the person films it: all of the hips' horizontal travel
    in the picture taken out, or most of it (a pan that lags)."""
    out = points.copy()
    hip_x = points[:, 11:13, 0].mean(1)
    out[:, :, 0] -= rng.uniform(0.6, 1.0) * (hip_x - hip_x[0])[:, None]
    return out


def pad_batch(samples: list[tuple[np.ndarray, np.ndarray, float]]):
    """Right-padded with absent keypoints; padded frames get label -100 (ignored by the loss)."""
    t = max(len(s[0]) for s in samples)
    kp = np.zeros((len(samples), t, 17, 3), np.float32)
    lab = np.full((len(samples), t), -100, np.int64)
    for i, (k, l, _) in enumerate(samples):
        kp[i, :len(k)] = k
        lab[i, :len(l)] = l
    fps = torch.tensor([s[2] for s in samples], dtype=torch.float32)
    return torch.from_numpy(kp), fps, torch.from_numpy(lab)


def pick(items: list[MotionItem], rng: np.random.Generator, sequence_share: float) -> MotionItem:
    clips = [i for i in items if i.kind == "clip"]
    seqs = [i for i in items if i.kind == "sequence"]
    pool = seqs if seqs and rng.random() < sequence_share else clips
    return pool[int(rng.integers(len(pool)))]


def sequence_batch(items, rng, size=32, tracking_share=0.0):
    return pad_batch([view(pick(items, rng, 0.3), rng, max_seconds=10.0, tracking_share=tracking_share) for _ in range(size)])


def windows(kp: np.ndarray, length: int = CLIP_LENGTH, stride: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Causal windows ending at every `stride`-th frame; before the first frame the first frame repeats.
    Returns (windows [W, length, 17, 3], index of each window's last frame)."""
    padded = np.concatenate([np.repeat(kp[:1], length - 1, 0), kp], 0)
    ends = np.arange(len(kp) - 1, -1, -stride)[::-1]
    return np.stack([padded[e:e + length] for e in ends]), ends


def window_batch(items, rng, size=32, tracking_share=0.0):
    """Clip families: one causal window per sample, labelled with its last frame's class."""
    kps, labels, fpss = [], [], []
    for _ in range(size):
        kp, lab, fps = view(pick(items, rng, 0.3), rng, max_seconds=12.0, tracking_share=tracking_share)
        end = int(rng.integers(len(kp)))
        w, _ = windows(kp[: end + 1], stride=len(kp) + 1)
        kps.append(w[-1])
        labels.append(lab[end])
        fpss.append(fps)
    return torch.from_numpy(np.stack(kps)), torch.tensor(fpss, dtype=torch.float32), torch.tensor(labels)


def frame_batch(items, rng, size=256, tracking_share=0.0):
    kps, labels = [], []
    while len(kps) < size:
        kp, lab, _ = view(pick(items, rng, 0.3), rng, max_seconds=6.0, tracking_share=tracking_share)
        idx = rng.integers(len(kp), size=min(8, len(kp)))
        kps.extend(kp[idx])
        labels.extend(lab[idx])
    return torch.from_numpy(np.stack(kps[:size])), torch.tensor(labels[:size])

"""Per-frame class probabilities for a whole video, family by family, exactly as the app's engine
labels frames (src/main/core/analysis): frame models frame by frame, recurrent models causally in
one stream, clip models by sliding windows whose probabilities are averaged over the frames each
window covers (centred), with a last window aligned to the end so every frame is covered."""
from __future__ import annotations

import numpy as np
import torch

from data import normalise


def batched(frames: np.ndarray, size: int):
    for start in range(0, len(frames), size):
        yield torch.from_numpy(normalise(frames[start : start + size]))


@torch.no_grad()
def framewise_probs(cnn, frames: np.ndarray) -> np.ndarray:
    cnn.eval()
    out = [torch.softmax(cnn(x)[0], dim=1) for x in batched(frames, 128)]
    return torch.cat(out).numpy()


@torch.no_grad()
def frame_features(cnn, frames: np.ndarray) -> np.ndarray:
    cnn.eval()
    return torch.cat([cnn.features(x)[1] for x in batched(frames, 128)]).numpy()


@torch.no_grad()
def recurrent_probs(head, feats: np.ndarray) -> np.ndarray:
    head.eval()
    logits, _ = head(torch.from_numpy(np.asarray(feats, np.float32))[None], None)
    return torch.softmax(logits[0], dim=1).numpy()


def window_starts(frame_count: int, span: int, stride: int) -> list[int]:
    """Window starts every `stride` frames, plus one aligned to the end; one window for short videos."""
    if frame_count <= span:
        return [0]
    starts = list(range(0, frame_count - span + 1, stride))
    if starts[-1] != frame_count - span:
        starts.append(frame_count - span)
    return starts


def window_indices(start: int, length: int, interval: int, frame_count: int) -> np.ndarray:
    """Frames of one window; past the end of a short video the last frame repeats."""
    return np.minimum(start + np.arange(length) * interval, frame_count - 1)


@torch.no_grad()
def clip_probs(model, frames: np.ndarray, length: int, interval: int, stride: int, classes: int) -> np.ndarray:
    model.eval()
    count = len(frames)
    span = (length - 1) * interval + 1
    total = np.zeros((count, classes), np.float64)
    hits = np.zeros(count, np.int64)
    starts = window_starts(count, span, stride)
    for batch_start in range(0, len(starts), 8):
        batch = starts[batch_start : batch_start + 8]
        clips = np.stack([frames[window_indices(s, length, interval, count)] for s in batch])
        x = torch.from_numpy(normalise(clips)).permute(0, 2, 1, 3, 4)  # N,T,C,H,W → N,C,T,H,W
        probs = torch.softmax(model(x), dim=1).numpy()
        for s, p in zip(batch, probs):
            end = min(s + span, count)
            total[s:end] += p
            hits[s:end] += 1
    return (total / np.maximum(hits, 1)[:, None]).astype(np.float32)

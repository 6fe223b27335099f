"""CNN+LSTM and CNN+GRU: the frame CNN (trained first, then frozen) feeds a recurrent head trained
many-to-many with truncated backpropagation through time: long sequence videos are cut into
chunks, the state is carried from chunk to chunk and detached, as the app streams them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from data import Dataset, Item
from infer import frame_features, recurrent_probs
from loop import BestKeeper, Budget, log
from nets import FrameCNN, RecurrentHead

CHUNK = 64


def compute_features(cnn: FrameCNN, items: list[Item], cache: Path | None) -> dict[str, np.ndarray]:
    """Per-frame features of the frozen CNN, cached on disk: cnn-lstm and cnn-gru share them."""
    if cache is not None and cache.exists():
        log(f"frozen CNN features from {cache}")
        return dict(np.load(cache, allow_pickle=True).item())
    log(f"computing frozen CNN features for {len(items)} items")
    feats = {f"{i.split}/{i.id}": frame_features(cnn, i.frames).astype(np.float32) for i in items}
    if cache is not None:
        np.save(cache, np.array(feats, dtype=object), allow_pickle=True)
    return feats


def detach(state):
    if state is None:
        return None
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def sequence_pass(head, optimiser, feats, items: list[Item], rng, budget: Budget, batch: int = 8) -> list[float]:
    """One TBPTT pass over a batch of sequences walked in lockstep, chunk by chunk."""
    chosen = [items[k] for k in rng.choice(len(items), size=min(batch, len(items)), replace=False)]
    length = min(i.frame_count for i in chosen)
    x = torch.from_numpy(np.stack([feats[f"{i.split}/{i.id}"][:length] for i in chosen]))
    y = torch.from_numpy(np.stack([i.frame_labels[:length] for i in chosen]))
    state, losses = None, []
    for start in range(0, length, CHUNK):
        logits, state = head(x[:, start : start + CHUNK], state)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y[:, start : start + CHUNK].reshape(-1))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        state = detach(state)
        losses.append(loss.item())
        if budget.step():
            break
    return losses


def clip_pass(head, optimiser, feats, items: list[Item], rng, batch: int = 32) -> float:
    """Short clips, each from a zero state; the loss covers the second half of each clip, where
    the action has been seen (the first frames of a sit_down clip still look like standing)."""
    chosen = [items[k] for k in rng.integers(len(items), size=batch)]
    length = max(i.frame_count for i in chosen)
    x = np.zeros((batch, length, feats[f"{chosen[0].split}/{chosen[0].id}"].shape[1]), np.float32)
    y = np.full((batch, length), -100, np.int64)  # ignore_index outside each clip's second half
    for row, item in enumerate(chosen):
        x[row, : item.frame_count] = feats[f"{item.split}/{item.id}"]
        y[row, item.frame_count // 2 : item.frame_count] = item.frame_labels[item.frame_count // 2 :]
    logits, _ = head(torch.from_numpy(x), None)
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), torch.from_numpy(y).reshape(-1), ignore_index=-100)
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
    return loss.item()


def validate(head, feats, ds: Dataset) -> tuple[float, float]:
    clips = ds.split("val", "clip")
    correct = sum(int(recurrent_probs(head, feats[f"val/{i.id}"]).mean(0).argmax() == i.label) for i in clips)
    seqs = ds.split("val", "sequence")
    frames = sum(int((recurrent_probs(head, feats[f"val/{i.id}"]).argmax(1) == i.frame_labels).sum()) for i in seqs)
    total = sum(i.frame_count for i in seqs)
    return 100.0 * correct / max(len(clips), 1), 100.0 * frames / max(total, 1)


def train_recurrent(ds: Dataset, cnn: FrameCNN, cell: str, rng, budget: Budget, feature_cache: Path | None = None) -> RecurrentHead:
    for p in cnn.parameters():
        p.requires_grad_(False)
    feats = compute_features(cnn, ds.split("train") + ds.split("val"), feature_cache)
    head = RecurrentHead(len(ds.classes), cell)
    optimiser = torch.optim.AdamW(head.parameters(), lr=2e-3, weight_decay=1e-4)
    train_clips, train_seqs = ds.split("train", "clip"), ds.split("train", "sequence")
    best, epoch = BestKeeper(), 0
    while not budget.exhausted():
        head.train()
        losses = []
        for _ in range(20):
            # Every optimiser step counts once towards the schedule (sequence_pass counts its own chunks).
            losses.append(clip_pass(head, optimiser, feats, train_clips, rng))
            if budget.step():
                break
            if train_seqs:
                losses.extend(sequence_pass(head, optimiser, feats, train_seqs, rng, budget))
            if budget.exhausted():
                break
        epoch += 1
        clip_top1, frame_acc = validate(head, feats, ds)
        kept = best.offer(clip_top1 + frame_acc, head)
        log(f"cnn-{cell} epoch {epoch}: loss {np.mean(losses):.3f}, val clip top-1 {clip_top1:.1f}%, val frame acc {frame_acc:.1f}%{' (best)' if kept else ''}, {budget.elapsed_min():.1f} min")
    best.restore(head)
    return head

"""The error model: exact COCO-17 points → keypoints as the pose estimator reports them
(x, y in pixels, score 0..1). Fitted by hand to what was measured for MoveNet on the project's
rendered figures (../shared/specs/training-notes.md, "Pose estimation"): shoulders ~0.2 torso
lengths higher than the renderer's, far-side limbs noisier, left/right swaps in side views, joints
over the frame edge with low scores, and a lying person not found at all (the end of a fall).
Every draw comes from `rng`, so a seeded test split gets the same errors every time."""
from __future__ import annotations

import numpy as np

L_SH, R_SH, L_HIP, R_HIP = 5, 6, 11, 12
LIMB_PAIRS = [(7, 8), (9, 10), (13, 14), (15, 16)]
FLIP = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]
EXTREMITIES = [9, 10, 15, 16]


def torso_length(pts: np.ndarray) -> np.ndarray:
    """Per frame: distance between shoulder and hip midpoints (pixels)."""
    sh = pts[:, [L_SH, R_SH], :2].mean(1)
    hp = pts[:, [L_HIP, R_HIP], :2].mean(1)
    return np.linalg.norm(sh - hp, axis=1)


def lying(pts: np.ndarray) -> np.ndarray:
    """Per frame: how far the body axis (hips → shoulders) is from the image's vertical, 0..1 (1 = horizontal)."""
    sh = pts[:, [L_SH, R_SH], :2].mean(1)
    hp = pts[:, [L_HIP, R_HIP], :2].mean(1)
    d = sh - hp
    return np.abs(np.arctan2(np.abs(d[:, 0]), -d[:, 1])) / (np.pi / 2)


def estimator_view(points: np.ndarray, width: int, height: int, rng: np.random.Generator, strength: float = 1.0) -> np.ndarray:
    """[T, 17, 3] exact (u, v, depth) → [T, 17, 3] (x, y, score) with the estimator's errors."""
    T = len(points)
    xy = points[:, :, :2].astype(np.float64).copy()
    depth = points[:, :, 2]
    torso = np.maximum(np.median(torso_length(points)), 4.0)
    # Per-clip offsets: MoveNet's shoulders sit higher (along the body axis), every joint a little off.
    axis = points[:, [L_SH, R_SH], :2].mean(1) - points[:, [L_HIP, R_HIP], :2].mean(1)
    axis /= np.maximum(np.linalg.norm(axis, axis=1, keepdims=True), 1e-6)
    lift = rng.uniform(0.08, 0.28) * torso
    xy[:, [L_SH, R_SH]] += axis[:, None, :] * lift
    xy[:, [L_HIP, R_HIP]] += axis[:, None, :] * rng.uniform(-0.05, 0.12) * torso
    xy += rng.normal(0, 0.04 * strength, (1, 17, 2)) * torso
    # Jitter per frame, more at the extremities and on the far side (occluded by the body).
    far = np.clip(depth * 6, 0, 1)  # 0 near side .. 1 a sixth of a height behind the pelvis
    sigma = rng.uniform(0.015, 0.06) * strength * torso * (1 + far)
    sigma = sigma * np.where(np.isin(np.arange(17), EXTREMITIES), 1.6, 1.0)[None, :]
    # Smooth (low-pass) and white parts: estimators wobble over several frames.
    white = rng.normal(0, 1, (T, 17, 2))
    smooth = white.copy()
    for t in range(1, T):
        smooth[t] = 0.7 * smooth[t - 1] + 0.3 * white[t]
    xy += (0.5 * white + 1.2 * smooth) * sigma[..., None]
    score = rng.uniform(0.45, 0.92) - 0.35 * far + rng.normal(0, 0.06, (T, 17))
    score[:, :5] -= np.clip(depth[:, :1] * 8, 0, 0.5)  # a face turned away is hardly seen
    # Left/right swaps: single frames, and now and then a span of frames.
    for a, b in LIMB_PAIRS:
        swap = rng.random(T) < 0.02 * strength
        if rng.random() < 0.15 * strength:
            s = rng.integers(0, T)
            swap[s:s + rng.integers(3, 20)] = True
        xy[swap, a], xy[swap, b] = xy[swap, b].copy(), xy[swap, a].copy()
    # Drop-outs: a joint lost now and then (low score, position off).
    drop = rng.random((T, 17)) < 0.03 * strength
    xy[drop] += rng.normal(0, 0.5 * torso, (int(drop.sum()), 2))
    score[drop] = rng.uniform(0, 0.25, int(drop.sum()))
    # Over the frame edge: the estimator still answers, pinned to the edge, with a low score.
    outside = (xy[..., 0] < 0) | (xy[..., 0] >= width) | (xy[..., 1] < 0) | (xy[..., 1] >= height)
    score[outside] = rng.uniform(0, 0.2, int(outside.sum()))
    xy[..., 0] = xy[..., 0].clip(0, width - 1)
    xy[..., 1] = xy[..., 1].clip(0, height - 1)
    # A lying person is not found: from some point once the body is near horizontal, nobody is there.
    lie = lying(points) > rng.uniform(0.55, 0.8)
    if lie.any() and rng.random() < 0.8:
        first = int(np.argmax(lie)) + int(rng.integers(0, 4))
        if rng.random() < 0.6:
            score[first:] = 0.0
            xy[first:] = 0.0
        else:  # or found as scattered low-score points
            score[first:] = rng.uniform(0, 0.25, score[first:].shape)
            xy[first:] += rng.normal(0, 0.6 * torso, xy[first:].shape)
    # Occlusion bursts: the whole person lost for a few frames.
    if rng.random() < 0.1 * strength:
        s = int(rng.integers(0, T))
        n = int(rng.integers(1, 8))
        score[s:s + n] = rng.uniform(0, 0.15, score[s:s + n].shape)
    out = np.concatenate([xy, np.clip(score, 0, 1)[..., None]], axis=-1)
    return out.astype(np.float32)


def exact_view(points: np.ndarray, width: int, height: int) -> np.ndarray:
    """The exact points as keypoints with score 1 (0 over the frame edge)."""
    xy = points[:, :, :2]
    inside = (xy[..., 0] >= 0) & (xy[..., 0] < width) & (xy[..., 1] >= 0) & (xy[..., 1] < height)
    return np.concatenate([xy, inside[..., None].astype(np.float32)], axis=-1).astype(np.float32)


def mirror(kp: np.ndarray, width: int) -> np.ndarray:
    """Horizontal flip: x → width − x and left/right keypoints exchanged (labels are unchanged)."""
    out = kp[:, FLIP].copy()
    out[..., 0] = np.where(out[..., 2] > 0, width - 1 - out[..., 0], out[..., 0])
    return out

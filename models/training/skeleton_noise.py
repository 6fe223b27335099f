"""The error model: exact COCO-17 points → keypoints as the pose estimator reports them
(x, y in pixels, score 0..1), set from MoveNet's measured error on the project's rendered clips
(fit_error_model.py): joints placed higher along the body axis (shoulders ~0.15 torso lengths),
jitter, far-off joints with low scores (wrists and ankles most), left/right swaps, joints over the
frame edge with low scores, and a lying person not found at all (the end of a fall).
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


# Fitted on Lightning's output for 44 rendered clips against the renderer's joints
# (fit_error_model.py → models/skeleton/error-model.json), in torso lengths. Rendered figures are
# harder for MoveNet than real people, so each clip draws a strength of 0.2–0.9 of these errors,
# and far-off joints and swaps (the errors that hit rendered capsule limbs most) come at 0.6 of
# that. [Note: at full strength the noise on an idle figure's ankles (std 0.2 torso) was as large
# as a walking figure's stride, and the GRU could not tell walk from idle even on exact joints.]
ALONG_AXIS = np.array([0.05] * 5 + [0.15, 0.15, 0.14, 0.14, 0.08, 0.08, 0.12, 0.12, 0.03, 0.03, 0.02, 0.02])
FAR_OFF_RATE = np.array([0.05] * 5 + [0.05, 0.05, 0.15, 0.15, 0.3, 0.3, 0.04, 0.04, 0.12, 0.12, 0.2, 0.2])
JITTER = 0.11
SWAP_RATE = 0.05
SCORE_GOOD = (0.5, 0.17)  # mean, spread of a well-placed joint's score
LOST_LYING = 0.9


def _runs(rng: np.random.Generator, shape: tuple[int, int], rate: float, mean_length: float) -> np.ndarray:
    """Boolean [T, J]: spans of mean length `mean_length` frames covering about `rate` of the frames."""
    T, J = shape
    starts = rng.random(shape) < rate / mean_length
    out = np.zeros(shape, bool)
    for t, j in zip(*np.nonzero(starts)):
        out[t:t + int(rng.integers(1, 2 * mean_length)), j] = True
    return out


def estimator_view(points: np.ndarray, width: int, height: int, rng: np.random.Generator, strength: float | None = None) -> np.ndarray:
    """[T, 17, 3] exact (u, v, depth) → [T, 17, 3] (x, y, score) with the estimator's errors."""
    T = len(points)
    k = rng.uniform(0.2, 0.9) if strength is None else strength
    xy = points[:, :, :2].astype(np.float64).copy()
    depth = points[:, :, 2]
    torso = np.maximum(np.median(torso_length(points)), 4.0)
    # Per-clip offsets: MoveNet places shoulders, elbows and hips higher along the body axis.
    axis = points[:, [L_SH, R_SH], :2].mean(1) - points[:, [L_HIP, R_HIP], :2].mean(1)
    axis /= np.maximum(np.linalg.norm(axis, axis=1, keepdims=True), 1e-6)
    along = ALONG_AXIS * rng.uniform(0.3, 1.7, 17) * torso
    xy += axis[:, None, :] * along[None, :, None]
    xy += rng.normal(0, 0.06 * k, (1, 17, 2)) * torso
    # Jitter per frame, more at the extremities and on the far side (occluded by the body).
    far = np.clip(depth * 6, 0, 1)  # 0 near side .. 1 a sixth of a height behind the pelvis
    sigma = JITTER * k * rng.uniform(0.6, 1.4) * torso * (1 + 0.5 * far)
    sigma = sigma * np.where(np.isin(np.arange(17), EXTREMITIES), 1.3, 1.0)[None, :]
    # Smooth (low-pass) and white parts: estimators wobble over several frames.
    white = rng.normal(0, 1, (T, 17, 2))
    smooth = white.copy()
    for t in range(1, T):
        smooth[t] = 0.7 * smooth[t - 1] + 0.3 * white[t]
    xy += (0.5 * white + 1.2 * smooth) * sigma[..., None] * 0.9
    score = rng.normal(*SCORE_GOOD) - 0.15 * far + rng.normal(0, 0.08, (T, 17))
    score[:, :5] -= np.clip(depth[:, :1] * 8, 0, 0.5)  # a face turned away is hardly seen
    # Left/right swaps: single frames and spans.
    for a, b in LIMB_PAIRS:
        swap = _runs(rng, (T, 1), SWAP_RATE * k * 0.6, 4.0)[:, 0]
        xy[swap, a], xy[swap, b] = xy[swap, b].copy(), xy[swap, a].copy()
    # Far-off joints (a wrist on the background, an ankle on the other leg), in spans, scored lower.
    off = np.zeros((T, 17), bool)
    for j in range(17):
        off[:, j] = _runs(rng, (T, 1), FAR_OFF_RATE[j] * k * 0.6, 3.0)[:, 0]
    n_off = int(off.sum())
    angle = rng.uniform(0, 2 * np.pi, n_off)
    dist = rng.uniform(0.5, 1.2, n_off) * torso
    xy[off] += np.stack([np.cos(angle), np.sin(angle)], 1) * dist[:, None]
    score[off] = rng.uniform(0.05, 0.5, n_off)
    # Over the frame edge: the estimator still answers, pinned to the edge, with a low score.
    outside = (xy[..., 0] < 0) | (xy[..., 0] >= width) | (xy[..., 1] < 0) | (xy[..., 1] >= height)
    score[outside] = rng.uniform(0, 0.2, int(outside.sum()))
    xy[..., 0] = xy[..., 0].clip(0, width - 1)
    xy[..., 1] = xy[..., 1].clip(0, height - 1)
    # A lying person is not found: from some point once the body is near horizontal, nobody is there.
    lie = lying(points) > rng.uniform(0.55, 0.8)
    if lie.any() and rng.random() < LOST_LYING:
        first = int(np.argmax(lie)) + int(rng.integers(0, 4))
        if rng.random() < 0.6:
            score[first:] = 0.0
            xy[first:] = 0.0
        else:  # or found as scattered low-score points
            score[first:] = rng.uniform(0, 0.25, score[first:].shape)
            xy[first:] += rng.normal(0, 0.6 * torso, xy[first:].shape)
    # The person lost for a few frames now and then (5% of upright frames on rendered clips).
    if rng.random() < 0.3 * k:
        s = int(rng.integers(0, T))
        n = int(rng.integers(1, 10))
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

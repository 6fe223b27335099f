"""Per-frame class probabilities of a keypoint sequence, for each skeleton family, computed the way
the app runs the exported model: recurrent families stream causally with carried state, clip
families slide a causal window, the framewise family looks at each frame alone."""
from __future__ import annotations

import numpy as np
import torch

from skeleton_batches import windows

CLIP_STRIDE = 4  # clip families: a window every 4th frame, its probabilities held until the next


@torch.no_grad()
def frame_probs(family: str, model: torch.nn.Module, kp: np.ndarray, fps: float) -> np.ndarray:
    """kp [T, 17, 3] (x, y px, score) → probabilities [T, classes]."""
    model.eval()
    x = torch.from_numpy(np.ascontiguousarray(kp, np.float32))
    f = torch.tensor([fps], dtype=torch.float32)
    if family in ("pose-gru", "pose-lstm"):
        logits, _, _ = model(x[None], f)
        return torch.softmax(logits[0], -1).numpy()
    if family == "pose-framewise":
        return torch.softmax(model(x), -1).numpy()
    w, ends = windows(kp, stride=CLIP_STRIDE)
    out = []
    for i in range(0, len(w), 64):
        chunk = torch.from_numpy(w[i:i + 64])
        y = model(chunk, f.expand(len(chunk)))
        out.append(y.numpy() if family == "pose-two-stream" else torch.softmax(y, -1).numpy())
    probs = np.concatenate(out)
    # Each frame takes the latest window ending at or before it.
    which = np.searchsorted(ends, np.arange(len(kp)), side="right") - 1
    return probs[np.maximum(which, 0)]

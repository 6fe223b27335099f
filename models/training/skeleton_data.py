"""Motion data of `npm run dataset:skeleton` (models/dataset/skeleton-cli.ts): exact COCO-17 points
per frame at 30 fps, resampled here to other frame rates and speeds, and turned into what a pose
estimator would report by the error model (skeleton_noise.py)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SOURCE_FPS = 30.0
# Frame rates met in practice (real-dev has 5, 10, 25, 29.58, 30 and 60 fps), 30 fps most often.
TRAIN_FPS = (5.0, 10.0, 12.5, 15.0, 20.0, 24.0, 25.0, 30.0, 30.0, 30.0, 30.0, 60.0)


@dataclass
class MotionItem:
    id: str
    split: str
    kind: str
    label: int  # clips: the class; sequences: -1
    width: int
    height: int
    yaw_deg: float
    points: np.ndarray  # [frames, 17, 3] float32: u, v (px), depth (heights, + farther)
    labels: np.ndarray  # [frames] int64


class MotionDataset:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        index = self.root / "skeletons.json"
        if not index.exists():
            raise SystemExit(f"{index}: not found (make the data with npm run dataset:skeleton -- --out {root} ...)")
        self.meta = json.loads(index.read_text())
        if self.meta.get("format") != "actionlens-skeletons":
            raise SystemExit(f"{index}: format is {self.meta.get('format')!r}, expected 'actionlens-skeletons'")
        self.classes: list[str] = self.meta["classes"]
        self.items: list[MotionItem] = []
        arrays = {}
        for split in ("train", "val", "test"):
            pts = np.fromfile(self.root / f"{split}.points.f32", np.float32).reshape(-1, 17, 3)
            lab = np.fromfile(self.root / f"{split}.labels.u8", np.uint8).astype(np.int64)
            arrays[split] = (pts, lab)
        for it in self.meta["items"]:
            pts, lab = arrays[it["split"]]
            a, n = it["offset"], it["frames"]
            label = self.classes.index(it["label"]) if it["kind"] == "clip" else -1
            self.items.append(MotionItem(it["id"], it["split"], it["kind"], label, it["width"], it["height"], it["yawDeg"], pts[a:a + n], lab[a:a + n]))

    def split(self, name: str, kind: str | None = None) -> list[MotionItem]:
        return [i for i in self.items if i.split == name and (kind is None or i.kind == kind)]


def resample(points: np.ndarray, labels: np.ndarray, fps: float, speed: float, start: float = 0.0, max_frames: int | None = None):
    """Samples the 30 fps motion at `fps`, played `speed` times faster: linear interpolation of the
    points, the nearest frame's label. `start` is in source frames."""
    step = SOURCE_FPS / fps * speed
    n = int((len(points) - 1 - start) / step) + 1
    if max_frames is not None:
        n = min(n, max_frames)
    pos = start + np.arange(max(n, 1)) * step
    pos = np.clip(pos, 0, len(points) - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, len(points) - 1)
    w = (pos - lo)[:, None, None].astype(np.float32)
    out = points[lo] * (1 - w) + points[hi] * w
    return out, labels[np.rint(pos).astype(np.int64).clip(0, len(points) - 1)]

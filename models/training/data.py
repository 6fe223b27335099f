"""The generated dataset (models/dataset, format v1), decoded exactly as the app decodes video.

Frames come from ffmpeg with the media core's own filter chain (src/main/core/media/decode-args.ts:
scale with bilinear flags straight to RGB24, every frame once with -fps_mode passthrough), so a
model sees in training the very pixels it will see in ActionLens. Decoded clips are cached as
uint8 .npy files beside the dataset and memory-mapped.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# The app's normalisation for the default models (recorded in every manifest).
MEAN = (0.5, 0.5, 0.5)
STD = (0.25, 0.25, 0.25)


class CorruptClip(Exception):
    """A clip that ffmpeg cannot decode completely: skipped and listed, never trained on."""


def ffmpeg_binary() -> str:
    found = os.environ.get("FFMPEG_PATH") or shutil.which("ffmpeg")
    if not found:
        raise SystemExit("ffmpeg not found: set FFMPEG_PATH or apt-get install ffmpeg")
    return found


def decode_args(file: str, width: int, height: int) -> list[str]:
    """Mirrors buildDecodeArgs() of the media core for stride 1, stretch resize, bilinear."""
    return [
        ffmpeg_binary(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
        "-i", file, "-map", "0:V:0",
        "-vf", f"scale={width}:{height}:flags=bilinear,showinfo=checksum=0",
        "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1",
    ]


def decode_rgb(file: str, width: int, height: int) -> np.ndarray:
    """All frames of a file as uint8 [frames, height, width, 3]."""
    result = subprocess.run(decode_args(file, width, height), capture_output=True, check=False)
    frame_bytes = width * height * 3
    if result.returncode != 0 or len(result.stdout) == 0 or len(result.stdout) % frame_bytes:
        reason = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no frames"]
        raise CorruptClip(f"{file}: {reason[0]}")
    return np.frombuffer(result.stdout, np.uint8).reshape(-1, height, width, 3)


@dataclass
class Item:
    id: str
    split: str
    kind: str  # "clip" | "sequence"
    file: Path
    fps: float
    frame_count: int
    label: int | None
    frame_labels: np.ndarray  # int64 [frames]
    joints: np.ndarray  # float32 [frames, joints, 2], normalised 0..1
    frames: np.ndarray | None = field(default=None, repr=False)  # uint8 [frames, H, W, 3], memory-mapped


def parse_fps(text: str) -> float:
    num, _, den = text.partition("/")
    return float(num) / float(den or 1)


class Dataset:
    def __init__(self, root: str | Path, size: int = 112):
        self.root = Path(root)
        meta_file = self.root / "dataset.json"
        if not meta_file.exists():
            raise SystemExit(f"{meta_file}: not found (make one with: npm run dataset -- --out {self.root} ...)")
        self.meta = json.loads(meta_file.read_text())
        if self.meta.get("format") != "actionlens-dataset" or self.meta.get("version") != 1:
            raise SystemExit(f"{meta_file}: not an actionlens-dataset v1")
        self.classes: list[str] = self.meta["classes"]
        self.size = size
        self.cache = self.root / ".cache" / f"rgb{size}"
        self.items: list[Item] = [self._read_item(rel) for rel in self.meta["items"]]
        self.skipped: list[str] = []

    def _read_item(self, rel: str) -> Item:
        raw = json.loads((self.root / rel).read_text())
        label = self.classes.index(raw["label"]) if raw.get("label") else None
        return Item(
            id=raw["id"], split=raw["split"], kind=raw["kind"], file=self.root / raw["file"],
            fps=parse_fps(raw["fps"]), frame_count=raw["frameCount"], label=label,
            frame_labels=np.asarray(raw["frameLabels"], np.int64),
            joints=np.asarray(raw["joints"], np.float32),
        )

    def split(self, name: str, kind: str | None = None) -> list[Item]:
        return [i for i in self.items if i.split == name and (kind is None or i.kind == kind) and i.frames is not None]

    def load(self, jobs: int = 2) -> None:
        """Decodes (once, cached) and memory-maps every item; corrupt ones are listed and dropped."""
        self.cache.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(jobs) as pool:
            for item, error in pool.map(self._load_item, self.items):
                if error:
                    self.skipped.append(error)
        (self.cache / "skipped.json").write_text(json.dumps(self.skipped, indent=2))
        for line in self.skipped:
            print(f"skipped (not trained on): {line}", flush=True)

    def _load_item(self, item: Item) -> tuple[Item, str | None]:
        cached = self.cache / f"{item.split}-{item.id}.npy"
        try:
            if not cached.exists():
                frames = decode_rgb(str(item.file), self.size, self.size)
                if len(frames) != item.frame_count:
                    raise CorruptClip(f"{item.file}: decoded {len(frames)} frames, its labels say {item.frame_count}")
                tmp = cached.with_suffix(".tmp.npy")
                np.save(tmp, frames)
                tmp.replace(cached)
            item.frames = np.load(cached, mmap_mode="r")
            return item, None
        except CorruptClip as error:
            return item, str(error)


def normalise(frames_uint8: np.ndarray) -> np.ndarray:
    """uint8 [..., H, W, 3] → float32 [..., 3, H, W] with the manifest's mean/std."""
    x = np.asarray(frames_uint8, np.float32) / 255.0
    x = (x - np.asarray(MEAN, np.float32)) / np.asarray(STD, np.float32)
    return np.moveaxis(x, -1, -3)


def joint_heatmaps(joints: np.ndarray, grid: int, sigma: float = 1.0) -> np.ndarray:
    """Gaussian maps [..., joints, grid, grid] for normalised joint positions [..., joints, 2]."""
    centres = (np.arange(grid, dtype=np.float32) + 0.5) / grid
    dx = centres[None, :] - joints[..., 0:1]  # [..., J, grid]
    dy = centres[None, :] - joints[..., 1:2]
    s = sigma / grid
    gx = np.exp(-(dx**2) / (2 * s * s))
    gy = np.exp(-(dy**2) / (2 * s * s))
    return (gy[..., :, None] * gx[..., None, :]).astype(np.float32)

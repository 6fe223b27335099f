"""Optical flow of every training clip, computed once with the app's algorithm and parameters
(flow_reference.py) and cached beside the dataset as float16 .npy files, memory-mapped.

Pair i of an item is frames i -> i + interval: the pairs a sliding window at that frame interval
stacks. float16 keeps 0.0005 of the [-1, 1] range (0.005 px at bound 10): far below what
Farneback itself resolves, at half the disk of float32 (about 50 kB per pair at 112x112).
"""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from data import Dataset, Item
from loop import log


def _flow_of_item(args: tuple[str, str, int, dict]) -> str:
    import cv2

    from flow_reference import bounded_planar, farneback_pixels, rgb_to_grey

    cv2.setNumThreads(1)  # one process per core does better than OpenCV's threads on two cores
    frames_file, out_file, interval, flow = args
    frames = np.load(frames_file, mmap_mode="r")
    greys = [rgb_to_grey(f) for f in frames]
    pairs = max(len(frames) - interval, 0)
    out = np.empty((pairs, 2, frames.shape[1], frames.shape[2]), np.float16)
    for i in range(pairs):
        out[i] = bounded_planar(farneback_pixels(greys[i], greys[i + interval], flow), flow["bound"])
    tmp = Path(out_file).with_suffix(".tmp.npy")
    np.save(tmp, out)
    tmp.replace(out_file)
    return out_file


class FlowCache:
    """flows(item)[i] = bounded planar flow of frames i -> i + interval, float16 [2, H, W]."""

    def __init__(self, ds: Dataset, flow: dict, interval: int):
        self.ds, self.flow, self.interval = ds, flow, interval
        key = json.dumps({"flow": flow, "interval": interval}, sort_keys=True)
        digest = hashlib.sha256(key.encode()).hexdigest()[:10]
        self.dir = ds.root / ".cache" / f"flow-{digest}"
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "params.json").write_text(key + "\n")
        self._maps: dict[str, np.ndarray] = {}

    def _file(self, item: Item) -> Path:
        return self.dir / f"{item.split}-{item.id}.npy"

    @staticmethod
    def _key(item: Item) -> str:
        # By file, not split and id: another dataset (the parity set) reuses the same ids.
        return str(item.file.resolve())

    def prepare(self, items: list[Item], jobs: int = 2) -> None:
        todo = [i for i in items if not self._file(i).exists()]
        if todo:
            log(f"computing flow for {len(todo)} items ({jobs} processes)")
            frames_dir = self.ds.cache
            work = [(str(frames_dir / f"{i.split}-{i.id}.npy"), str(self._file(i)), self.interval, self.flow) for i in todo]
            with ProcessPoolExecutor(jobs) as pool:
                for done, _ in enumerate(pool.map(_flow_of_item, work, chunksize=8), 1):
                    if done % 200 == 0:
                        log(f"flow: {done}/{len(todo)} items")
        for item in items:
            self._maps[self._key(item)] = np.load(self._file(item), mmap_mode="r")

    def has(self, item: Item) -> bool:
        return self._key(item) in self._maps

    def pairs(self, item: Item) -> np.ndarray:
        return self._maps[self._key(item)]

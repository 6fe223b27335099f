#!/usr/bin/python3
"""The analysis job done the way a researcher would do it in Python, for `npm run bench:analyze`:
python3-opencv's VideoCapture decodes, cv2.resize scales to the model size, and PyTorch eager runs
the training recipe's own architecture, labelling every frame as the app does (frame models in
batches, recurrent models in 64-frame chunks carrying state, clip models in centred windows every
4 frames, two-stream with Farneback flow of each window's pairs).

Weights are freshly initialised (seeded): speed does not depend on their values, and the trained
checkpoints are not part of the repository (the ONNX exports are).

    /usr/bin/python3 models/training/bench_eager.py --family cnn-lstm --video clip.mp4
prints {"family", "frames", "seconds", "fps", "threads"} as JSON.
"""
from __future__ import annotations

import argparse
import json
import time

from deps import require

require()

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

from data import normalise  # noqa: E402
from flow_reference import DEFAULT_FLOW, bounded_planar, farneback_pixels, rgb_to_grey  # noqa: E402
from infer import window_indices, window_starts  # noqa: E402
from nets import FrameCNN, FramewiseExport, Mixed3DCNN, RecurrentExport, RecurrentHead, TemporalCNN, TwoStreamExport  # noqa: E402

SIZE = 112
CLASSES = 11
CHUNK = 64
WINDOW_STRIDE = 4


def read_frames(file: str) -> np.ndarray:
    """Every frame, RGB uint8 at SIZE x SIZE: what a researcher's loader would hold in memory."""
    capture = cv2.VideoCapture(file)
    frames = []
    while True:
        ok, bgr = capture.read()
        if not ok:
            break
        frames.append(cv2.cvtColor(cv2.resize(bgr, (SIZE, SIZE), interpolation=cv2.INTER_LINEAR), cv2.COLOR_BGR2RGB))
    capture.release()
    if not frames:
        raise SystemExit(f"{file}: OpenCV decoded no frames")
    return np.stack(frames)


@torch.no_grad()
def framewise(frames: np.ndarray) -> np.ndarray:
    model = FramewiseExport(FrameCNN(CLASSES)).eval()
    return np.concatenate([torch.softmax(model(torch.from_numpy(normalise(frames[i : i + 32]))), 1).numpy() for i in range(0, len(frames), 32)])


@torch.no_grad()
def recurrent(frames: np.ndarray, cell: str) -> np.ndarray:
    model = RecurrentExport(FrameCNN(CLASSES), RecurrentHead(CLASSES, cell)).eval()
    h = torch.zeros(1, 1, 128)
    c = torch.zeros(1, 1, 128)
    out = []
    for i in range(0, len(frames), CHUNK):
        x = torch.from_numpy(normalise(frames[i : i + CHUNK]))[None]
        if cell == "lstm":
            logits, h, c = model(x, h, c)
        else:
            logits, h = model(x, h)
        out.append(torch.softmax(logits[0], 1).numpy())
    return np.concatenate(out)


@torch.no_grad()
def windowed(frames: np.ndarray, length: int, interval: int, predict) -> np.ndarray:
    count = len(frames)
    span = (length - 1) * interval + 1
    total = np.zeros((count, CLASSES))
    hits = np.zeros(count)
    starts = window_starts(count, span, WINDOW_STRIDE)
    for b in range(0, len(starts), 8):
        batch = starts[b : b + 8]
        probs = predict([window_indices(s, length, interval, count) for s in batch])
        for s, p in zip(batch, probs):
            total[s : s + span] += p
            hits[s : s + span] += 1
    return total / np.maximum(hits, 1)[:, None]


def clip_model(frames: np.ndarray) -> np.ndarray:
    model = Mixed3DCNN(CLASSES).eval()
    predict = lambda windows: torch.softmax(model(torch.from_numpy(normalise(np.stack([frames[w] for w in windows]))).permute(0, 2, 1, 3, 4)), 1).numpy()  # noqa: E731
    return windowed(frames, 16, 2, predict)


def two_stream(frames: np.ndarray) -> np.ndarray:
    model = TwoStreamExport(FrameCNN(CLASSES), TemporalCNN(CLASSES, 2 * DEFAULT_FLOW["pairs"]), 0.33).eval()
    greys = [rgb_to_grey(f) for f in frames]
    flows: dict[tuple[int, int], np.ndarray] = {}

    def flow(a: int, b: int) -> np.ndarray:
        if (a, b) not in flows:  # windows overlap: each pair once, as the app does
            flows[(a, b)] = bounded_planar(farneback_pixels(greys[a], greys[b], DEFAULT_FLOW), DEFAULT_FLOW["bound"])
        return flows[(a, b)]

    def predict(windows):
        rgb = torch.from_numpy(normalise(np.stack([frames[w[(len(w) - 1) // 2]] for w in windows])))
        stacked = torch.from_numpy(np.stack([np.concatenate([flow(a, b) for a, b in zip(w[:-1], w[1:])]) for w in windows]))
        return model(rgb, stacked).numpy()

    return windowed(frames, DEFAULT_FLOW["pairs"] + 1, 2, predict)


JOBS = {
    "framewise": framewise,
    "cnn-lstm": lambda f: recurrent(f, "lstm"),
    "cnn-gru": lambda f: recurrent(f, "gru"),
    "3d-cnn": clip_model,
    "two-stream": two_stream,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--family", required=True, choices=sorted(JOBS))
    parser.add_argument("--video", required=True)
    parser.add_argument("--threads", type=int, default=2, help="torch and OpenCV threads (the app uses every core too)")
    args = parser.parse_args()
    torch.manual_seed(1)
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(args.threads)
    started = time.perf_counter()
    probs = JOBS[args.family](read_frames(args.video))
    seconds = time.perf_counter() - started
    print(json.dumps({"family": args.family, "frames": len(probs), "seconds": seconds, "fps": len(probs) / seconds, "threads": args.threads}))


if __name__ == "__main__":
    main()

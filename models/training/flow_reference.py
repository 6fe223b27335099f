"""Dense optical flow for the two-stream model, exactly as ActionLens computes it in the app.

The app (src/workers/flow/farneback.ts) runs OpenCV.js's Farneback; this module runs
python3-opencv's with the same steps, so training sees the flow the app will feed the model:

  1. RGB24 frame -> grey with cv2.cvtColor(COLOR_RGB2GRAY) (OpenCV's fixed-point BT.601 weights);
  2. cv2.calcOpticalFlowFarneback(prev, next, None, pyrScale, levels, winsize, iterations,
     polyN, polySigma, flags=0), parameters from the manifest's "flow" object;
  3. each component clipped to +-bound pixels and divided by bound: values in [-1, 1];
  4. planar layout per pair: [x plane, y plane], each height x width. L pairs of a window stack
     to the model's 2L flow channels (x1, y1, x2, y2, ...).

Frames must already be at the flow size (flow.width x flow.height): decode them there with the
app's ffmpeg chain (data.decode_rgb), never resize them again here.

Default parameters for the two-stream model (DEFAULT_FLOW below), and why:
  - 112x112 grey frames: the calibration notes found 64 px too small for limbs 1-2 px wide, and
    112 is the usual C3D/two-stream input size. Farneback costs ~5 ms per pair there in
    OpenCV.js (~2.7 ms in python3-opencv, one thread).
  - pyrScale 0.5, levels 3: OpenCV's sample values. Note that OpenCV stops the pyramid before a
    layer narrower than 32 px, so at 112 px only one extra layer (56 px) is ever built and any
    levels >= 1 gives bit-identical flow (checked); 3 takes effect if the size grows (224 px: two
    extra layers). That pyramid tracks a shifted blurred-noise texture between 6 px per frame
    (read as 5.99) and 10 px (read as -2), which covers real motion at 112 px (below).
  - winsize 15: OpenCV's documented trade-off is robustness to noise (rendered backgrounds are
    noise and stripes) against a blurrier field; 15 px is a forearm-to-head neighbourhood at
    112 px, the scale of the motion the classes differ by.
  - iterations 3, polyN 5, polySigma 1.2: OpenCV's sample values (its docs pair polyN 5 with a
    sigma of 1.1-1.2).
  - bound 10 px: on the four corpus clips decoded at 112x112, 99.9% of flow components stay
    under 6.8 px (99% under 5.3 px, median under 0.7 px), the largest is 14 px; and somewhere
    beyond 6 px the estimate becomes unreliable anyway (above). Bound 10 clips only that tail and spreads
    ordinary motion over a useful part of [-1, 1]; TSN's 20 px at 340x256 is the same scale
    (about 7 px at 112).

Usage (Debian's python3, which sees python3-opencv):
  /usr/bin/python3 models/training/flow_reference.py --frames F.rgb --width 112 --height 112 \
      --flow '{"algorithm":"farneback",...}' --out flows.f32 [--threads N]
reads N raw RGB24 frames, writes N-1 pairs of planar float32 flow (little-endian) and prints
{"pairs", "msPerPair", "threads", "opencv"} as JSON on stdout.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

APT_LINE = "sudo apt-get install python3-opencv python3-numpy"

try:
    import cv2
    import numpy as np
except ImportError as missing:  # the recipe's rule: say exactly what to install
    sys.exit(f"{missing.name} is missing: install it with {APT_LINE} and run Debian's /usr/bin/python3")

DEFAULT_FLOW = {
    "algorithm": "farneback",
    "pairs": 5,
    "width": 112,
    "height": 112,
    "params": {"pyrScale": 0.5, "levels": 3, "winsize": 15, "iterations": 3, "polyN": 5, "polySigma": 1.2},
    "bound": 10,
}


def rgb_to_grey(rgb: np.ndarray) -> np.ndarray:
    """uint8 [H, W, 3] RGB -> uint8 [H, W]; bit-identical to cv.cvtColor in OpenCV.js."""
    return cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)


def farneback_pixels(prev_grey: np.ndarray, next_grey: np.ndarray, flow: dict) -> np.ndarray:
    """Raw Farneback flow in pixels, float32 [H, W, 2] (x, y)."""
    p = flow["params"]
    return cv2.calcOpticalFlowFarneback(
        prev_grey, next_grey, None,
        p["pyrScale"], p["levels"], p["winsize"], p["iterations"], p["polyN"], p["polySigma"], 0,
    )


def bounded_planar(pixels: np.ndarray, bound: float) -> np.ndarray:
    """[H, W, 2] pixels -> float32 [2, H, W] in [-1, 1], as the app feeds the model."""
    scaled = np.clip(pixels, -bound, bound) * np.float32(1.0 / bound)
    return np.ascontiguousarray(scaled.transpose(2, 0, 1), dtype=np.float32)


def flow_pairs(frames: np.ndarray, flow: dict) -> np.ndarray:
    """uint8 [N, H, W, 3] consecutive RGB frames -> float32 [N-1, 2, H, W], pair i = frames i -> i+1."""
    count, height, width, _ = frames.shape
    if (width, height) != (flow["width"], flow["height"]):
        raise ValueError(f"frames are {width}x{height}, flow is computed at {flow['width']}x{flow['height']}")
    greys = [rgb_to_grey(frame) for frame in frames]
    out = np.empty((max(count - 1, 0), 2, height, width), np.float32)
    for i in range(count - 1):
        out[i] = bounded_planar(farneback_pixels(greys[i], greys[i + 1], flow), flow["bound"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--frames", required=True, help="raw RGB24 frames, one after another")
    parser.add_argument("--width", type=int, required=True)
    parser.add_argument("--height", type=int, required=True)
    parser.add_argument("--flow", default=json.dumps(DEFAULT_FLOW), help="the manifest's flow object, as JSON")
    parser.add_argument("--out", required=True, help="where to write float32 [pairs, 2, H, W]")
    parser.add_argument("--grey-out", help="also write the grey frames, uint8 [N, H, W]")
    parser.add_argument("--threads", type=int, help="cv2.setNumThreads (default: OpenCV's choice)")
    args = parser.parse_args()
    if args.threads is not None:
        cv2.setNumThreads(args.threads)

    flow = json.loads(args.flow)
    raw = np.fromfile(args.frames, np.uint8)
    frame_bytes = args.width * args.height * 3
    if raw.size == 0 or raw.size % frame_bytes:
        sys.exit(f"{args.frames}: {raw.size} bytes is not a whole number of {args.width}x{args.height} RGB24 frames")
    frames = raw.reshape(-1, args.height, args.width, 3)

    started = time.perf_counter()
    flows = flow_pairs(frames, flow)
    elapsed = time.perf_counter() - started
    flows.astype("<f4").tofile(args.out)
    if args.grey_out:
        np.stack([rgb_to_grey(frame) for frame in frames]).tofile(args.grey_out)
    pairs = len(flows)
    print(json.dumps({
        "pairs": pairs,
        "msPerPair": elapsed * 1000 / pairs if pairs else None,
        "threads": cv2.getNumThreads(),
        "opencv": cv2.__version__,
    }))


if __name__ == "__main__":
    main()

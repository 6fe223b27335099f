"""PyTorch eager reference for the import parity test (test/main/models/import-parity.test.ts).

Rebuilds the model export_torchvision.py exported (same architecture, same seed) and runs it on
frames the test hands over as raw RGB24 files, through torchvision's own transform for the
weights (`<Arch>_Weights.KINETICS400_V1.transforms()`):

  identical  the frames ActionLens decoded at its decode plan (the resize size, e.g. 171x128):
             torchvision's resize is then the identity and only crop + normalise remain, so
             both sides see exactly the same pixels;
  appNative  the frames ActionLens decoded at the video's own size, resized by torchvision
             (bilinear, as the transform does): the resize difference alone;
  cv2        the video decoded by OpenCV, resized by torchvision: the usual PyTorch pipeline,
             decoder and resize differences together.

Prints JSON: logits per case and pixel statistics of the differences.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch
from torchvision.models import video

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_torchvision import build_model  # noqa: E402

WEIGHTS = {"r3d_18": "R3D_18_Weights", "mc3_18": "MC3_18_Weights", "r2plus1d_18": "R2Plus1D_18_Weights", "s3d": "S3D_Weights", "mvit_v2_s": "MViT_V2_S_Weights"}


def read_frames(file: Path, count: int, height: int, width: int) -> torch.Tensor:
    """Raw RGB24 frames → uint8 [T, C, H, W]."""
    data = np.fromfile(file, dtype=np.uint8)
    if data.size != count * height * width * 3:
        sys.exit(f"{file}: {data.size} bytes, expected {count}x{height}x{width}x3")
    return torch.from_numpy(data.reshape(count, height, width, 3)).permute(0, 3, 1, 2).contiguous()


def cv2_frames(video_file: Path, indices: list[int]) -> torch.Tensor:
    import cv2

    capture = cv2.VideoCapture(str(video_file))
    frames, index, wanted = [], 0, set(indices)
    while len(frames) < len(indices):
        ok, frame = capture.read()
        if not ok:
            sys.exit(f"{video_file}: OpenCV stopped at frame {index}")
        if index in wanted:
            frames.append(torch.from_numpy(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)).permute(2, 0, 1))
        index += 1
    return torch.stack(frames)


def pixel_stats(a: torch.Tensor, b: torch.Tensor) -> dict:
    diff = (a.to(torch.int16) - b.to(torch.int16)).abs().to(torch.float32)
    return {"meanAbs": round(float(diff.mean()), 4), "maxAbs": int(diff.max()), "identicalShare": round(float((diff == 0).to(torch.float32).mean()), 4)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", required=True, choices=sorted(WEIGHTS))
    parser.add_argument("--random-seed", type=int, required=True)
    parser.add_argument("--classes", type=int, default=400)
    parser.add_argument("--indices", required=True, help="comma-separated frame indices of the clip")
    parser.add_argument("--plan-frames", type=Path, required=True, help="RGB24 frames at the decode plan size")
    parser.add_argument("--plan-size", required=True, help="WxH of --plan-frames")
    parser.add_argument("--native-frames", type=Path, help="RGB24 frames at the video's size")
    parser.add_argument("--native-size", help="WxH of --native-frames")
    parser.add_argument("--video", type=Path, help="the video, for the OpenCV case")
    args = parser.parse_args()

    torch.set_num_threads(1)
    indices = [int(i) for i in args.indices.split(",")]
    transform = getattr(video, WEIGHTS[args.arch]).KINETICS400_V1.transforms()
    model = build_model(args.arch, args.classes, None, args.random_seed)

    def logits(frames: torch.Tensor) -> list[float]:
        with torch.no_grad():
            return model(transform(frames).unsqueeze(0))[0].tolist()

    pw, ph = (int(v) for v in args.plan_size.split("x"))
    plan = read_frames(args.plan_frames, len(indices), ph, pw)
    resize = transform.resize_size
    result = {"transform": repr(transform).replace("\n", " "), "identical": logits(plan)}
    if args.native_frames:
        nw, nh = (int(v) for v in args.native_size.split("x"))
        native = read_frames(args.native_frames, len(indices), nh, nw)
        resized = torch.nn.functional.interpolate(native.to(torch.float32), size=resize, mode="bilinear", align_corners=False).round().clamp(0, 255).to(torch.uint8)
        result["appNative"] = logits(native)
        result["resizeDifference"] = pixel_stats(resized, plan)
        if args.video:
            decoded = cv2_frames(args.video, indices)
            result["cv2"] = logits(decoded)
            result["decoderDifference"] = pixel_stats(decoded, native)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

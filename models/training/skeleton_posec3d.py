"""pose-3dcnn: a small PoseC3D-style network (Duan et al., 2022): the window's keypoints rendered as
stacked heatmaps (one Gaussian plane per joint per frame) and a 3D CNN over them.

[Note: heatmaps rendered in the graph] PoseC3D renders heatmaps from the estimator's coordinates
outside the network. Here the graph renders them from the same normalised joints the other families
use (skeleton_features.py: hip-centred, torso-scaled), so the ONNX input stays the raw keypoints of
the manifest's `inputs.keypoints` extension and the app needs no renderer of its own. Each plane is
weighted by the joint's score (absent or below MIN_SCORE: an empty plane), as PoseC3D does. What a
per-frame crop loses (where the person goes, how big they get, whether they are found at all) enters
as five constant planes: visible, centre motion x/y, scale change, log(fps/30)."""
from __future__ import annotations

import torch
from torch import nn

from skeleton_features import GLOBAL_CHANNELS, MIN_SCORE
from skeleton_nets import window_features

GRID = 20  # heatmap side (cells)
EXTENT = 3.0  # the grid spans ±EXTENT torso lengths around the hip midpoint
SIGMA = 0.3  # Gaussian width, torso lengths


def render_heatmaps(joints: torch.Tensor) -> torch.Tensor:
    """joints [N, T, 17, 3] (normalised x, y, score) → heatmaps [N, 17, T, GRID, GRID]."""
    axis = torch.linspace(-EXTENT, EXTENT, GRID, dtype=joints.dtype)
    score = joints[..., 2] * (joints[..., 2] >= MIN_SCORE).to(joints.dtype)
    gx = torch.exp(-((joints[..., 0:1] - axis) ** 2) / (2 * SIGMA**2))  # [N, T, 17, G]
    gy = torch.exp(-((joints[..., 1:2] - axis) ** 2) / (2 * SIGMA**2))
    maps = gy.unsqueeze(-1) * gx.unsqueeze(-2) * score[..., None, None]  # [N, T, 17, G(y), G(x)]
    return maps.permute(0, 2, 1, 3, 4)


def conv3d(cin: int, cout: int, kernel, stride) -> nn.Sequential:
    pad = tuple(k // 2 for k in kernel)
    return nn.Sequential(nn.Conv3d(cin, cout, kernel, stride, pad, bias=False), nn.BatchNorm3d(cout), nn.ReLU())


class PoseC3D(nn.Module):
    """keypoints [N, 32, 17, 3], fps [N] → logits [N, C]: four 3D convolutions (32, 32, 64, 128
    channels, two with stride 2 in time and space), global average pooling, a linear head."""

    def __init__(self, classes: int):
        super().__init__()
        cin = 17 + GLOBAL_CHANNELS
        # [Note: small on purpose] ~130 M multiply-adds per window (1 s/step at batch 32 on one thread):
        # the first layer already halves time and space, as PoseC3D's pose SlowOnly skips its stem pooling.
        self.net = nn.Sequential(
            conv3d(cin, 32, (3, 3, 3), (2, 2, 2)),  # T/2, 10×10
            conv3d(32, 32, (3, 3, 3), (1, 1, 1)),
            conv3d(32, 64, (3, 3, 3), (2, 2, 2)),  # T/4, 5×5
            conv3d(64, 128, (3, 3, 3), (1, 1, 1)),
        )
        self.dropout = nn.Dropout(0.3)
        self.head = nn.Linear(128, classes)

    def forward(self, keypoints, fps):
        _, joints, glob = window_features(keypoints, fps)
        maps = render_heatmaps(joints)
        n, _, t, g, _ = maps.shape
        planes = glob.permute(0, 2, 1)[..., None, None].expand(n, GLOBAL_CHANNELS, t, g, g)
        y = self.net(torch.cat([maps, planes], 1))
        return self.head(self.dropout(y.mean((2, 3, 4))))

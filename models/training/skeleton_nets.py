"""The skeleton families' networks. Every one takes raw keypoints (x, y px, score) and computes
its own normalised features (skeleton_features.py), so the exported ONNX needs no preprocessing."""
from __future__ import annotations

import numpy as np
import torch
from torch import nn

from skeleton_features import FRAME_CHANNELS, JOINT_CHANNELS, MIN_SCORE, PoseFeatures, first_state, normalise

HIDDEN = 128
CLIP_LENGTH = 32  # frames per window of the clip families (ST-GCN, two-stream)


def mlp(inp: int, width: int, out: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(inp, width), nn.ReLU(), nn.Dropout(0.1), nn.Linear(width, out), nn.ReLU())


class PoseRecurrent(nn.Module):
    """Many-to-many, causal: per-frame MLP embedding, one GRU/LSTM layer, a label per frame."""

    def __init__(self, cell: str, classes: int):
        super().__init__()
        self.cell = cell
        self.features = PoseFeatures()
        self.embed = mlp(FRAME_CHANNELS, 192, HIDDEN)
        self.rnn = (nn.LSTM if cell == "lstm" else nn.GRU)(HIDDEN, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, classes)

    def forward(self, kp, fps, pose_state=None, h=None):
        if pose_state is None:
            pose_state = first_state(kp.shape[0])
        feats, pose_out = self.features(kp, fps, pose_state)
        y, h_out = self.rnn(self.embed(feats), h)
        return self.head(y), pose_out, h_out


class RecurrentExport(nn.Module):
    """ONNX signature: keypoints [1,T,17,3], fps [1], pose_state [1,4], h0 [1,1,H] (c0) →
    logits [1,T,C], pose_state_out, hn (cn)."""

    def __init__(self, net: PoseRecurrent):
        super().__init__()
        self.net = net

    def forward(self, keypoints, fps, pose_state, h0, c0=None):
        h = (h0, c0) if self.net.cell == "lstm" else h0
        logits, pose_out, h_out = self.net(keypoints, fps, pose_state, h)
        if self.net.cell == "lstm":
            return logits, pose_out, h_out[0], h_out[1]
        return logits, pose_out, h_out


class PoseFramewise(nn.Module):
    """One frame's pose only (no motion, no state): keypoints [N,17,3] → logits [N,C]."""

    def __init__(self, classes: int):
        super().__init__()
        self.net = nn.Sequential(mlp(JOINT_CHANNELS + 1, 256, 256), nn.Linear(256, classes))

    def forward(self, keypoints):
        joints, _, _, visible = normalise(keypoints)
        return self.net(torch.cat([joints.flatten(-2), visible], -1))


# COCO-17 bones (src/shared/pose.ts COCO_SKELETON without the duplicate face links), rooted at the hips.
BONES = [(15, 13), (13, 11), (16, 14), (14, 12), (11, 12), (5, 11), (6, 12), (5, 6), (5, 7), (6, 8), (7, 9), (8, 10),
         (1, 2), (0, 1), (0, 2), (1, 3), (2, 4), (3, 5), (4, 6)]


def spatial_partitions() -> torch.Tensor:
    """ST-GCN's spatial configuration partitioning (Yan et al., 2018): for each joint, itself, its
    neighbours nearer the body's centre (the hips) and those farther; each normalised by degree."""
    adj = np.zeros((17, 17))
    for a, b in BONES:
        adj[a, b] = adj[b, a] = 1
    # Hop distance to the hips, the graph's centre.
    dist = np.full(17, 99)
    dist[[11, 12]] = 0
    for _ in range(17):
        for a, b in BONES:
            dist[a] = min(dist[a], dist[b] + 1)
            dist[b] = min(dist[b], dist[a] + 1)
    parts = np.zeros((3, 17, 17))
    for i in range(17):
        parts[0, i, i] = 1
        for j in range(17):
            if adj[i, j]:
                parts[1 if dist[j] < dist[i] else 2, i, j] = 1
    deg = parts.sum((0, 2)).clip(min=1)
    return torch.tensor(parts / deg[None, :, None], dtype=torch.float32)


class GraphBlock(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        self.register_buffer("A", spatial_partitions())
        self.importance = nn.Parameter(torch.ones(3, 17, 17))
        self.spatial = nn.Conv2d(cin, cout * 3, 1)
        self.temporal = nn.Sequential(nn.BatchNorm2d(cout), nn.ReLU(), nn.Conv2d(cout, cout, (9, 1), (stride, 1), (4, 0)), nn.BatchNorm2d(cout))
        self.residual = nn.Sequential(nn.Conv2d(cin, cout, 1, (stride, 1)), nn.BatchNorm2d(cout)) if (cin != cout or stride != 1) else nn.Identity()
        self.cout = cout

    def forward(self, x):  # x [N, C, T, V]
        n, _, t, v = x.shape
        y = self.spatial(x).view(n, 3, self.cout, t, v)
        y = torch.einsum("nkctv,kwv->nctw", y, self.A * self.importance)
        return torch.relu(self.temporal(y) + self.residual(x))


def window_features(kp, fps):
    """Clip families: a window's features with its own first frame as the start (no carried state)."""
    feats, _ = PoseFeatures()(kp, fps, first_state(kp.shape[0]))
    joints = feats[..., :JOINT_CHANNELS].reshape(*feats.shape[:2], 17, 3)
    glob = feats[..., JOINT_CHANNELS:]
    return feats, joints, glob


def window_anchored(keypoints: torch.Tensor) -> torch.Tensor:
    """kp [N, T, 17, 3] → every joint relative to the whole window's centre and scale [N, T, 17, 2].

    [Note: window anchor] The per-frame features centre and scale each frame on its own, so travel
    and approach survive only as small per-frame deltas (a walk towards the camera grows 0.2% a frame
    at 30 fps, under the estimator's jitter). Anchored to the window's mean hip centre and mean scale
    over its visible frames, the whole skeleton visibly drifts and grows across the window. The window
    ends at the current frame, so this stays causal."""
    _, centre, scale, visible = normalise(keypoints)
    m = (keypoints[..., 2] >= MIN_SCORE).to(keypoints.dtype).unsqueeze(-1)
    seen = visible.sum(1, keepdim=True).clamp(min=1.0)
    anchor = (centre * visible).sum(1, keepdim=True) / seen
    size = (scale * visible).sum(1, keepdim=True).div(seen).clamp(min=1.0)
    rel = (keypoints[..., :2] - anchor.unsqueeze(2)) / size.unsqueeze(2)
    return (rel * m * visible.unsqueeze(-1)).clamp(-8.0, 8.0)


class PoseSTGCN(nn.Module):
    """ST-GCN over a window of CLIP_LENGTH frames: node channels x, y, score, joint motion (dx, dy),
    with `anchored` also x, y relative to the window ([Note: window anchor]), plus the frame's global
    channels broadcast to every joint."""

    def __init__(self, classes: int, anchored: bool = True):
        super().__init__()
        self.anchored = anchored
        cin = 5 + (2 if anchored else 0) + (FRAME_CHANNELS - JOINT_CHANNELS)
        self.bn = nn.BatchNorm1d(cin * 17)
        self.blocks = nn.Sequential(GraphBlock(cin, 48, 1), GraphBlock(48, 48, 1), GraphBlock(48, 96, 2), GraphBlock(96, 96, 2))
        self.head = nn.Linear(96, classes)

    def forward(self, keypoints, fps):
        _, joints, glob = window_features(keypoints, fps)
        motion = torch.cat([torch.zeros_like(joints[:, :1, :, :2]), joints[:, 1:, :, :2] - joints[:, :-1, :, :2]], 1)
        parts = [joints, motion] + ([window_anchored(keypoints)] if self.anchored else [])
        x = torch.cat(parts + [glob.unsqueeze(2).expand(-1, -1, 17, -1)], -1)  # N T V C
        n, t, v, c = x.shape
        x = self.bn(x.permute(0, 2, 3, 1).reshape(n, v * c, t)).view(n, v, c, t).permute(0, 2, 3, 1)
        return self.head(self.blocks(x).mean((2, 3)))


class TemporalStream(nn.Module):
    def __init__(self, cin: int, classes: int, width: int = 128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(cin, width, 5, padding=2), nn.BatchNorm1d(width), nn.ReLU(),
            nn.Conv1d(width, width, 5, padding=2, stride=2), nn.BatchNorm1d(width), nn.ReLU(),
            nn.Conv1d(width, width, 5, padding=2, stride=2), nn.BatchNorm1d(width), nn.ReLU())
        self.head = nn.Linear(2 * width, classes)

    def forward(self, x):  # [N, T, C]
        y = self.net(x.transpose(1, 2))
        return self.head(torch.cat([y.mean(-1), y.amax(-1)], -1))


class PoseTwoStream(nn.Module):
    """Late fusion of a joint-position stream and a joint-motion stream (1-D temporal CNNs over a
    window): the output is w·softmax(positions) + (1 − w)·softmax(motion), w chosen on validation.
    With `anchored` the position stream also sees the joints relative to the window ([Note: window anchor])."""

    def __init__(self, classes: int, anchored: bool = False, width: int = 128):
        super().__init__()
        self.anchored, self.width = anchored, width
        self.positions = TemporalStream(FRAME_CHANNELS + (17 * 2 if anchored else 0), classes, width)  # + x, y per joint
        self.motion = TemporalStream(JOINT_CHANNELS + 4, classes, width)
        self.register_buffer("weight", torch.tensor(0.5))

    def streams(self, keypoints, fps):
        feats, joints, glob = window_features(keypoints, fps)
        d = joints[:, 1:, :, :2] - joints[:, :-1, :, :2]
        d = torch.cat([torch.zeros_like(d[:, :1]), d], 1) * (30.0 / fps).view(-1, 1, 1, 1)
        motion_in = torch.cat([d.flatten(2), joints[..., 2], glob[..., :4]], -1)
        positions_in = torch.cat([feats, window_anchored(keypoints).flatten(2)], -1) if self.anchored else feats
        return self.positions(positions_in), self.motion(motion_in)

    def forward(self, keypoints, fps):
        a, b = self.streams(keypoints, fps)
        return self.weight * torch.softmax(a, -1) + (1 - self.weight) * torch.softmax(b, -1)

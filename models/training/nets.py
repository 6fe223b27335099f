"""The model families. Sizes were chosen by measuring training speed on a 2-core CPU (see MODEL_CARD)."""
from __future__ import annotations

import torch
import torch.nn as nn

FEATURE_DIM = 128
HEATMAP_GRID = 14


def conv_bn_relu(cin: int, cout: int, stride: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class FrameCNN(nn.Module):
    """A 2D CNN over one 112x112 frame. The heatmap head (training only, not exported) learns where
    each joint is: without it a small model never learns to find a figure on a busy background
    (shared/specs/training-notes.md)."""

    def __init__(self, classes: int, joints: int = 14):
        super().__init__()
        self.low = nn.Sequential(conv_bn_relu(3, 24, 2), conv_bn_relu(24, 32, 2), conv_bn_relu(32, 48, 1))  # → 28
        self.mid = nn.Sequential(conv_bn_relu(48, 64, 2), conv_bn_relu(64, 96, 1))  # → 14
        self.high = conv_bn_relu(96, FEATURE_DIM, 2)  # → 7
        self.heatmaps = nn.Conv2d(96, joints, 1)
        self.dropout = nn.Dropout(0.2)
        self.classifier = nn.Linear(FEATURE_DIM, classes)

    def features(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Mid-level maps (for the heatmap head) and a feature vector pooled where the figure is.

        Pooling over the joint heatmaps, not the whole frame, keeps the classifier off the
        background: with one scene per clip, a globally pooled net learned scenes, not actions
        (val accuracy stayed at chance while training loss fell)."""
        mid = self.mid(self.low(x))
        high = self.high(mid)
        attention = torch.sigmoid(self.heatmaps(mid).amax(dim=1, keepdim=True))  # [N,1,14,14]
        attention = nn.functional.avg_pool2d(attention, 2) + 1e-3  # → 7x7, never all zero
        pooled = (high * attention).sum(dim=(2, 3)) / attention.sum(dim=(2, 3))
        return mid, pooled

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mid, pooled = self.features(x)
        return self.classifier(self.dropout(pooled)), self.heatmaps(mid)


class FramewiseExport(nn.Module):
    """What ships: rgb [N,3,H,W] → logits [N,classes]."""

    def __init__(self, cnn: FrameCNN):
        super().__init__()
        self.cnn = cnn

    def forward(self, rgb: torch.Tensor) -> torch.Tensor:
        return self.cnn.classifier(self.cnn.features(rgb)[1])


class RecurrentHead(nn.Module):
    """LSTM or GRU over per-frame CNN features; a label for every frame (many-to-many)."""

    def __init__(self, classes: int, cell: str, hidden: int = 128):
        super().__init__()
        self.cell = cell
        rnn = nn.LSTM if cell == "lstm" else nn.GRU
        self.rnn = rnn(FEATURE_DIM, hidden, batch_first=True)
        self.dropout = nn.Dropout(0.2)
        self.classifier = nn.Linear(hidden, classes)

    def forward(self, feats: torch.Tensor, state):
        out, state = self.rnn(feats, state)
        return self.classifier(self.dropout(out)), state


class RecurrentExport(nn.Module):
    """What ships: rgb [N,T,3,H,W] plus state → logits [N,T,classes] plus the next state, so the app
    can stream a video of any length chunk by chunk."""

    def __init__(self, cnn: FrameCNN, head: RecurrentHead):
        super().__init__()
        self.cnn, self.head = cnn, head

    def forward(self, rgb: torch.Tensor, h0: torch.Tensor, c0: torch.Tensor | None = None):
        n, t = rgb.shape[0], rgb.shape[1]
        feats = self.cnn.features(rgb.reshape(n * t, *rgb.shape[2:]))[1].reshape(n, t, FEATURE_DIM)
        if self.head.cell == "lstm":
            logits, (hn, cn) = self.head(feats, (h0, c0))
            return logits, hn, cn
        logits, hn = self.head(feats, h0)
        return logits, hn


def conv3d_bn_relu(cin: int, cout: int, kt: int, stride: tuple[int, int, int]) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv3d(cin, cout, (kt, 3, 3), stride, (kt // 2, 1, 1), bias=False), nn.BatchNorm3d(cout), nn.ReLU(inplace=True)
    )


class Mixed3DCNN(nn.Module):
    """An MC-style video network (Tran et al., 2018): 2D kernels at high resolution, 3D kernels once
    the maps are small, with the FrameCNN's layout so its trained weights can be inflated into it."""

    def __init__(self, classes: int):
        super().__init__()
        self.low = nn.Sequential(conv3d_bn_relu(3, 24, 1, (1, 2, 2)), conv3d_bn_relu(24, 32, 1, (1, 2, 2)), conv3d_bn_relu(32, 48, 3, (1, 1, 1)))
        self.mid = nn.Sequential(conv3d_bn_relu(48, 64, 3, (2, 2, 2)), conv3d_bn_relu(64, 96, 3, (1, 1, 1)))
        self.high = conv3d_bn_relu(96, FEATURE_DIM, 3, (2, 2, 2))
        self.dropout = nn.Dropout(0.3)
        self.classifier = nn.Linear(FEATURE_DIM, classes)

    def forward(self, clip: torch.Tensor) -> torch.Tensor:  # [N,3,T,H,W] → logits
        pooled = self.high(self.mid(self.low(clip))).mean(dim=(2, 3, 4))
        return self.classifier(self.dropout(pooled))

    @torch.no_grad()
    def inflate_from(self, cnn: FrameCNN) -> None:
        """I3D-style inflation: each 2D kernel repeated over time and divided by its temporal size."""
        pairs = [*zip(self.low, cnn.low), *zip(self.mid, cnn.mid), (self.high, cnn.high)]
        for block3d, block2d in pairs:
            conv3d, bn3d = block3d[0], block3d[1]
            conv2d, bn2d = block2d[0], block2d[1]
            kt = conv3d.weight.shape[2]
            conv3d.weight.copy_(conv2d.weight.unsqueeze(2).repeat(1, 1, kt, 1, 1) / kt)
            bn3d.load_state_dict(bn2d.state_dict())
        self.classifier.load_state_dict(cnn.classifier.state_dict())


class TemporalCNN(nn.Module):
    """The two-stream network's temporal stream: a 2D CNN over 2L stacked flow channels (x and y of
    L frame pairs). Pooled by mean and max: the figure's motion is a small part of a still frame,
    and a plain mean would drown it in the zero flow of the background."""

    def __init__(self, classes: int, channels: int):
        super().__init__()
        self.body = nn.Sequential(
            conv_bn_relu(channels, 32, 2), conv_bn_relu(32, 48, 2), conv_bn_relu(48, 64, 1),  # → 28
            conv_bn_relu(64, 96, 2), conv_bn_relu(96, FEATURE_DIM, 2),  # → 7
        )
        self.dropout = nn.Dropout(0.3)
        self.classifier = nn.Linear(2 * FEATURE_DIM, classes)

    def forward(self, flow: torch.Tensor) -> torch.Tensor:
        maps = self.body(flow)
        pooled = torch.cat([maps.mean(dim=(2, 3)), maps.amax(dim=(2, 3))], dim=1)
        return self.classifier(self.dropout(pooled))


class TwoStreamExport(nn.Module):
    """What ships: rgb [N,3,H,W] (a window's centre frame) and flow [N,2L,H,W] → class
    probabilities, the late fusion of Simonyan & Zisserman (2014): a weighted mean of each stream's
    softmax, the weight chosen on the validation split."""

    def __init__(self, cnn: FrameCNN, temporal: TemporalCNN, spatial_weight: float):
        super().__init__()
        self.cnn, self.temporal = cnn, temporal
        self.spatial_weight = spatial_weight

    def forward(self, rgb: torch.Tensor, flow: torch.Tensor) -> torch.Tensor:
        spatial = torch.softmax(self.cnn.classifier(self.cnn.features(rgb)[1]), dim=1)
        temporal = torch.softmax(self.temporal(flow), dim=1)
        return self.spatial_weight * spatial + (1.0 - self.spatial_weight) * temporal

"""Keypoints → model inputs, inside the exported graph so the app feeds raw estimator output.

Per frame, per person: keypoints with score < MIN_SCORE are treated as absent. The rest are
centred on the hip midpoint (all confident keypoints' mean when the hips are absent) and divided
by a scale = max(torso length, a quarter of the keypoints' box side), so a model works at any
video size and distance. Channels per keypoint: x, y (normalised, 0 when absent) and the score.
Per frame besides: the person-visible flag (≥ 4 confident keypoints), the centre's motion and
the scale's change since the previous frame per 1/30 s (so 5 and 60 fps videos agree), and
log(fps / 30). The previous frame's centre, scale and visibility are carried state: streamed
chunk by chunk, a recurrent model's features equal those of the whole video at once."""
from __future__ import annotations

import torch
from torch import nn

MIN_SCORE = 0.2
JOINT_CHANNELS = 17 * 3
GLOBAL_CHANNELS = 5  # visible, vx, vy, dlog(scale), log(fps/30)
FRAME_CHANNELS = JOINT_CHANNELS + GLOBAL_CHANNELS
STATE_SIZE = 4  # previous centre x, y, scale, visible


def _weighted_mean(xy: torch.Tensor, w: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    total = w.sum(-1, keepdim=True)
    return (xy * w.unsqueeze(-1)).sum(-2) / total.clamp(min=1e-6), total


def normalise(kp: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """kp [..., 17, 3] → (joints [..., 17, 3], centre [..., 2], scale [..., 1], visible [..., 1])."""
    xy, score = kp[..., :2], kp[..., 2]
    m = (score >= MIN_SCORE).to(kp.dtype)
    hips_c, hips_n = _weighted_mean(xy[..., 11:13, :], m[..., 11:13])
    sh_c, sh_n = _weighted_mean(xy[..., 5:7, :], m[..., 5:7])
    all_c, all_n = _weighted_mean(xy, m)
    centre = torch.where(hips_n > 0, hips_c, all_c)
    torso = torch.where((hips_n > 0) & (sh_n > 0), (sh_c - hips_c).norm(dim=-1, keepdim=True), torch.zeros_like(hips_n))
    big = torch.full_like(xy, 1e6)
    lo = torch.where(m.unsqueeze(-1) > 0, xy, big).amin(-2)
    hi = torch.where(m.unsqueeze(-1) > 0, xy, -big).amax(-2)
    side = torch.where(all_n > 0, (hi - lo).amax(-1, keepdim=True), torch.zeros_like(all_n))
    scale = torch.maximum(torso, 0.25 * side).clamp(min=1.0)
    visible = (all_n >= 4).to(kp.dtype)
    rel = (xy - centre.unsqueeze(-2)) / scale.unsqueeze(-1) * m.unsqueeze(-1) * visible.unsqueeze(-1)
    joints = torch.cat([rel, (score * visible).unsqueeze(-1)], -1)
    return joints, centre, scale, visible


class PoseFeatures(nn.Module):
    """kp [B, T, 17, 3], fps [B], state [B, 4] → features [B, T, FRAME_CHANNELS], state out [B, 4]."""

    def forward(self, kp: torch.Tensor, fps: torch.Tensor, state: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        joints, centre, scale, visible = normalise(kp)
        prev_c = torch.cat([state[:, None, 0:2], centre[:, :-1]], 1)
        prev_s = torch.cat([state[:, None, 2:3], scale[:, :-1]], 1)
        prev_v = torch.cat([state[:, None, 3:4], visible[:, :-1]], 1)
        per30 = (30.0 / fps).view(-1, 1, 1)
        both = visible * prev_v
        motion = (centre - prev_c) / scale * per30 * both
        growth = torch.log(scale / prev_s.clamp(min=1.0)) * per30 * both
        log_fps = torch.log(fps / 30.0).view(-1, 1, 1).expand_as(visible)
        b, t = kp.shape[:2]
        feats = torch.cat([joints.reshape(b, t, JOINT_CHANNELS), visible, motion.clamp(-3, 3), growth.clamp(-1, 1), log_fps], -1)
        out_state = torch.cat([centre[:, -1], scale[:, -1], visible[:, -1]], -1)
        return feats, out_state


def first_state(batch: int) -> torch.Tensor:
    """The state before a video's first frame: zeros (nobody seen yet), like every carried state."""
    return torch.zeros(batch, STATE_SIZE)

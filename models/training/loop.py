"""Shared training machinery: seeding, a wall-clock budget, best-checkpoint keeping, logging."""
from __future__ import annotations

import copy
import random
import time

import numpy as np
import torch


def seed_everything(seed: int) -> np.random.Generator:
    random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    return np.random.default_rng(seed)


class Budget:
    """Stops training after `minutes` of wall-clock time, or after `max_steps` (smoke tests)."""

    def __init__(self, minutes: float, max_steps: int | None = None):
        self.deadline = time.monotonic() + minutes * 60
        self.started = time.monotonic()
        self.max_steps = max_steps
        self.steps = 0

    def restart(self) -> None:
        """Starts the budget again now (after one-off preparation such as computing optical flow)."""
        self.deadline = time.monotonic() + (self.deadline - self.started)
        self.started = time.monotonic()

    def step(self) -> bool:
        self.steps += 1
        return self.exhausted()

    def exhausted(self) -> bool:
        return time.monotonic() > self.deadline or (self.max_steps is not None and self.steps >= self.max_steps)

    def fraction(self) -> float:
        """How much of the wall-clock budget is spent, 0..1 (for learning-rate schedules)."""
        return min(1.0, (time.monotonic() - self.started) / max(self.deadline - self.started, 1e-9))

    def elapsed_min(self) -> float:
        return (time.monotonic() - self.started) / 60


class BestKeeper:
    """Keeps the weights with the best validation score seen so far."""

    def __init__(self):
        self.score = -1.0
        self.state = None

    def offer(self, score: float, module: torch.nn.Module) -> bool:
        if score > self.score:
            self.score, self.state = score, copy.deepcopy(module.state_dict())
            return True
        return False

    def restore(self, module: torch.nn.Module) -> None:
        if self.state is not None:
            module.load_state_dict(self.state)


def cosine_lr(optimiser: torch.optim.Optimizer, base: float, budget: Budget, floor: float = 0.05) -> None:
    """Cosine decay over the wall-clock budget, down to floor × base: the last epochs refine rather than jump."""
    import math

    lr = base * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * budget.fraction())))
    for group in optimiser.param_groups:
        group["lr"] = lr


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

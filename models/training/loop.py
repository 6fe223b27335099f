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

    def step(self) -> bool:
        self.steps += 1
        return self.exhausted()

    def exhausted(self) -> bool:
        return time.monotonic() > self.deadline or (self.max_steps is not None and self.steps >= self.max_steps)

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


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

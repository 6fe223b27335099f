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


def train_epochs(name: str, module: torch.nn.Module, optimiser: torch.optim.Optimizer, budget: Budget, batch_loss, validate,
                 steps_per_epoch: int = 60, base_lr: float | None = None) -> None:
    """The loop the frame, clip and two-stream trainers share: epochs of `steps_per_epoch` steps on
    `batch_loss()` (a fresh batch's loss), the validation score after each, and the best weights
    restored at the end. With `base_lr`, the learning rate decays along the budget (cosine_lr)."""
    best, epoch = BestKeeper(), 0
    while not budget.exhausted():
        module.train()
        losses = []
        for _ in range(steps_per_epoch):
            if base_lr is not None:
                cosine_lr(optimiser, base_lr, budget)
            loss = batch_loss()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            losses.append(loss.item())
            if budget.step():
                break
        epoch += 1
        score = validate()
        kept = best.offer(score, module)
        log(f"{name} epoch {epoch}: loss {np.mean(losses):.3f}, val clip top-1 {score:.1f}%{' (best)' if kept else ''}, {budget.elapsed_min():.1f} min")
    best.restore(module)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

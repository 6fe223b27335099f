"""Shared training machinery: seeding, the step schedule (a wall-clock guard), best-checkpoint keeping, logging."""
from __future__ import annotations

import copy
import random
import time

import numpy as np
import torch


THREADS = 2  # [Note: fixed threads] results differ with the thread count (float sums in another order): it is part of a run's record


def seed_everything(seed: int) -> np.random.Generator:
    random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(THREADS)
    return np.random.default_rng(seed)


def run_record(seed: int) -> dict:
    """What a training run's result depends on besides its data and command, for metrics.json:
    the seeds, the thread counts and the library versions. Call it after the trainer set its threads."""
    import platform

    versions = {"python": platform.python_version(), "torch": torch.__version__, "numpy": np.__version__}
    for name in ("torchvision", "cv2", "onnx"):
        try:
            versions[name] = __import__(name).__version__
        except ImportError:
            versions[name] = None
    return {
        "seeds": {"python": seed, "torch": seed, "numpy": seed},
        "threads": {"intraOp": torch.get_num_threads(), "interOp": torch.get_num_interop_threads()},
        "versions": versions,
    }


class Budget:
    """When training stops. [Note: step schedule] With `steps` (or `max_steps`, the smoke tests'),
    after that many optimiser steps: the schedule, the same on any machine, and what the learning
    rate decays along. `minutes` of wall clock is then only a guard against a machine far slower
    than planned; a run it stops is recorded as such (`stopped_by`), since its result then depends
    on the machine. Without a step count the wall clock is the schedule (older callers)."""

    def __init__(self, minutes: float, max_steps: int | None = None, steps: int | None = None):
        self.deadline = time.monotonic() + minutes * 60
        self.started = time.monotonic()
        self.max_steps = max_steps
        limits = [n for n in (steps, max_steps) if n is not None]
        self.total_steps = min(limits) if limits else None
        self.steps = 0
        self.stopped_by: str | None = None

    def restart(self) -> None:
        """Starts the wall clock again now (after one-off preparation such as computing optical flow)."""
        self.deadline = time.monotonic() + (self.deadline - self.started)
        self.started = time.monotonic()

    def step(self) -> bool:
        self.steps += 1
        return self.exhausted()

    def exhausted(self) -> bool:
        if self.total_steps is not None and self.steps >= self.total_steps:
            self.stopped_by = "steps"
        elif time.monotonic() > self.deadline:
            self.stopped_by = "wall-clock" if self.total_steps is None else "wall-clock guard"
        return self.stopped_by is not None

    def fraction(self) -> float:
        """How much of the schedule is done, 0..1 (for learning-rate schedules): steps when it has a step count."""
        if self.total_steps is not None:
            return min(1.0, self.steps / self.total_steps)
        return min(1.0, (time.monotonic() - self.started) / max(self.deadline - self.started, 1e-9))

    def elapsed_min(self) -> float:
        return (time.monotonic() - self.started) / 60

    def record(self) -> dict:
        """The schedule and how it ended, for metrics.json."""
        return {"steps": self.steps, "scheduledSteps": self.total_steps, "guardMinutes": round((self.deadline - self.started) / 60, 2), "stoppedBy": self.stopped_by}


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
    """Cosine decay over the schedule (Budget.fraction), down to floor × base: the last epochs refine rather than jump."""
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

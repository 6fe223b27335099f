/** Milliseconds spent per pipeline stage, stored with the run (runs.timings_json). */
export class StageTimer {
  readonly #totals = new Map<string, number>();

  add(stage: string, ms: number): void {
    this.#totals.set(stage, (this.#totals.get(stage) ?? 0) + ms);
  }

  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  timeSync<T>(stage: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  /** Whole milliseconds per stage, in the order stages were first seen. */
  totals(): Record<string, number> {
    return Object.fromEntries([...this.#totals].map(([stage, ms]) => [stage, Math.round(ms)]));
  }
}

import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore, type NewSegment } from '../../../src/main/core/store/index.js';
import type { ReaderSample } from './concurrent-reader.js';
import { sampleVideo, useTempDir } from './helpers.js';

const READER = fileURLToPath(new URL('./concurrent-reader.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PER_TRANSACTION = 10;
const TRANSACTIONS = 40;
/** Every HOLD_EVERY-th transaction stays open ~HOLD_MS, long enough for the reader to read through it. */
const HOLD_EVERY = 8;
const HOLD_MS = 150;

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleepSync = (ms: number) => Atomics.wait(pause, 0, 0, ms);

function startReader(file: string, trackId: number, finalCount: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', READER, file, String(trackId), String(finalCount)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`reader exited with ${await exited}: ${stderr}`);
    return line.value;
  };
  return { nextLine, exited, kill: () => child.kill() };
}

describe('WAL concurrency', () => {
  const temp = useTempDir();

  it('a reader in another process sees only whole transactions and is never blocked by the writer', async () => {
    const file = path.join(temp.dir(), 'library.db');
    const store = temp.track(openStore(file));
    const track = store.annotations.create(store.videos.upsert(sampleVideo()).id, 'stress');
    const finalCount = PER_TRANSACTION * TRANSACTIONS;

    const reader = startReader(file, track.id, finalCount);
    try {
      expect(await reader.nextLine()).toBe('ready');
      const held: Array<{ began: number; committed: number; before: number }> = [];
      const commits: Array<{ committing: number; committed: number }> = [];
      for (let t = 0; t < TRANSACTIONS; t++) {
        const hold = t % HOLD_EVERY === 0;
        const began = Date.now();
        let committing = 0;
        store.transaction(() => {
          for (let i = 0; i < PER_TRANSACTION; i++) {
            const frame = t * PER_TRANSACTION + i;
            const segment: NewSegment = {
              label: `s${frame}`, classIndex: null, startFrame: frame, endFrame: frame + 1,
              startSec: frame / 30, endSec: (frame + 1) / 30, confidence: null,
            };
            store.segments.addToTrack(track.id, segment);
            if (hold) sleepSync(HOLD_MS / PER_TRANSACTION); // the write lock is held, half-written, meanwhile
          }
          committing = Date.now();
        });
        commits.push({ committing, committed: Date.now() });
        if (hold) held.push({ began, committed: Date.now(), before: t * PER_TRANSACTION });
        await delay(3);
      }

      const samples = JSON.parse(await reader.nextLine()) as ReaderSample[];
      expect(await reader.exited).toBe(0);

      for (const s of samples) {
        expect(s.first % PER_TRANSACTION, 'never a partial transaction').toBe(0);
        expect(s.second, 'a read transaction keeps one snapshot').toBe(s.first);
      }
      const counts = samples.map((s) => s.first);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(counts.at(-1)).toBe(finalCount);
      expect(new Set(counts).size, 'the reader ran alongside the writer').toBeGreaterThan(3);

      // Reads that began and ended while a write transaction was open: they completed (not blocked)
      // and saw the count from before that transaction.
      for (const window of held) {
        const during = samples.filter((s) => s.began >= window.began && s.ended <= window.committed);
        expect(during.length, `reads during the write held at ${window.before}`).toBeGreaterThan(0);
        for (const s of during) expect(s.first).toBe(window.before);
      }

      // Commits that began and finished inside one of the reader's snapshots: the writer did not wait for the
      // reader (WAL), and that snapshot still read one count throughout (checked above).
      const committedDuringSnapshot = samples.filter((s) =>
        commits.some((c) => c.committing >= s.heldFrom && c.committed <= s.heldTo),
      );
      expect(committedDuringSnapshot.length, 'the writer commits while a reader holds a snapshot').toBeGreaterThan(0);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reader.kill();
    }
  });
});

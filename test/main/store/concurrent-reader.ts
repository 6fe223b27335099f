/**
 * Child process for concurrency.test.ts: reads an annotation track's segment count in read transactions
 * while the test process writes, and reports what it saw as one JSON line.
 * Usage: node --import tsx concurrent-reader.ts <db file> <track id> <final count>
 */
import { openStore } from '../../../src/main/core/store/index.js';

export interface ReaderSample {
  /** Wall-clock ms just before the read transaction began and just after it ended. */
  began: number;
  ended: number;
  /** Segment count read at the start and at the end of the same transaction. */
  first: number;
  second: number;
  /** Wall-clock ms after the first read and before the second: the snapshot was certainly held in between. */
  heldFrom: number;
  heldTo: number;
}

const [file, trackArg, finalArg] = process.argv.slice(2);
const trackId = Number(trackArg);
const finalCount = Number(finalArg);
const pause = new Int32Array(new SharedArrayBuffer(4));
const deadline = Date.now() + 30_000;

const store = openStore(file!, { readonly: true });
const count = () => store.segments.listForTrack(trackId).length;
const samples: ReaderSample[] = [];
process.stdout.write('ready\n');

let last = -1;
for (let i = 0; last < finalCount && Date.now() < deadline; i++) {
  const began = Date.now();
  const sample = store.transaction(() => {
    const first = count();
    const heldFrom = Date.now();
    // Hold the snapshot so the writer commits meanwhile (with WAL it can; with a rollback journal it would wait).
    Atomics.wait(pause, 0, 0, i % 10 === 0 ? 60 : 2);
    const heldTo = Date.now();
    return { first, heldFrom, heldTo, second: count() };
  });
  samples.push({ began, ended: Date.now(), ...sample });
  last = sample.second;
}
store.close();
process.stdout.write(`${JSON.stringify(samples)}\n`);

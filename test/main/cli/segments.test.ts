import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { segmentTable } from '../../../src/main/cli/format.js';
import { tmpDir } from '../../helpers/clips.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

describe('segment table', () => {
  it('prints inclusive frame ranges, times and confidence, labels aligned', () => {
    const table = segmentTable([
      { label: 'walk', classIndex: 1, startFrame: 0, endFrame: 30, startSec: 0, endSec: 1.2, confidence: 0.8123 },
      { label: 'sit_down', classIndex: 8, startFrame: 30, endFrame: 76, startSec: 1.2, endSec: 3.04, confidence: 0.5 },
    ]);
    expect(table).toBe('    0:00.00 – 0:01.20   frames 0–29   walk       0.81\n    0:01.20 – 0:03.04   frames 30–75   sit_down   0.50\n');
    expect(segmentTable([])).toContain('no segment');
  });

  // The default framewise model (models/framewise) labels the rendered sample with confident segments.
  it('analyze --segments prints the run and its segments', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bin/actionlens.mjs', '--db', path.join(tmpDir('segments'), 'db.sqlite'), 'analyze', 'samples/figures-sequence-320x240.mp4', '-m', 'framewise', '--provider', 'cpu', '--segments'],
      { cwd: REPO },
    );
    expect(stdout).toMatch(/completed {2}figures-sequence-320x240\.mp4 × framewise {2}run 1 \(fresh\) {2}744 frames/);
    expect(stdout).toMatch(/frames \d+–\d+ /);
  });
});

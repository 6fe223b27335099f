/** Impossible requests are refused with a one-line reason (exit status 2 from the CLI). */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTIONS } from '../../src/shared/actions.js';
import { parseOptions, UsageError } from '../../models/dataset/args.js';
import { INCOMPLETE_MARKER, prepareOutputDir } from '../../models/dataset/output-dir.js';
import { tmpDir } from '../helpers/clips.js';

const CLI = path.resolve(import.meta.dirname, '../../models/dataset/cli.ts');

function refusal(args: string[]): string {
  try {
    parseOptions(args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`accepted: ${args.join(' ')}`);
}

describe('dataset generator refuses impossible requests', () => {
  const out = ['--out', '/tmp/x'];

  it('nothing to generate, or negative and non-numeric counts', () => {
    expect(refusal([...out])).toMatch(/nothing to generate/);
    expect(refusal([...out, '--clips', '0', '--sequences', '0'])).toMatch(/nothing to generate/);
    expect(refusal([...out, '--clips', '-3'])).toBe('--clips must be a whole number from 0 to 10000000, not "-3"');
    expect(refusal([...out, '--clips', '2', '--sequences', 'many'])).toMatch(/--sequences must be a whole number/);
    expect(refusal(['--clips', '2'])).toMatch(/--out DIR is required/);
    expect(refusal([...out, '--clips', '2', '--jobs', '0'])).toMatch(/--jobs must be at least 1/);
    expect(refusal([...out, '--clips', '2', '--colour', 'red'])).toMatch(/colour/);
  });

  it('unknown classes, naming the valid ones; class sets no sequence can be made of', () => {
    const message = refusal([...out, '--clips', '5', '--classes', 'idle,jog']);
    expect(message).toBe(`unknown class "jog" in --classes; valid classes: ${DEFAULT_ACTIONS.join(', ')}`);
    expect(refusal([...out, '--sequences', '2', '--classes', 'stand_up,fall'])).toMatch(/cannot make sequences from --classes stand_up,fall/);
    expect(parseOptions([...out, '--clips', '2', '--classes', 'fall,idle']).classes).toEqual(['idle', 'fall']);
  });

  it('bad frame sizes', () => {
    expect(refusal([...out, '--clips', '1', '--min-size', '320'])).toBe('--min-size "320" is not a frame size like 320x240');
    expect(refusal([...out, '--clips', '1', '--max-size', '0x0'])).toMatch(/not a frame size/);
    expect(refusal([...out, '--clips', '1', '--min-size', '640x480', '--max-size', '320x240'])).toBe('--min-size 640x480 is larger than --max-size 320x240');
    expect(refusal([...out, '--clips', '1', '--min-size', '200x200', '--max-size', '220x220'])).toMatch(/aspect ratio from 4:3 to 16:9/);
    expect(refusal([...out, '--clips', '1', '--max-size', '8000x6000'])).toMatch(/outside 32x24\.\.3840x2160/);
  });

  it('unusable or foreign --out folders, unless --force', async () => {
    const dir = tmpDir('dataset-out');
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(prepareOutputDir(file, false)).rejects.toThrow(`--out ${file} is a file, not a folder`);
    await expect(prepareOutputDir(path.join(file, 'sub'), false)).rejects.toThrow(/cannot (create|use) --out .*ENOTDIR/);
    const foreign = path.join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    await expect(prepareOutputDir(foreign, false)).rejects.toThrow(/is not empty and holds no earlier dataset; pass --force/);
    await expect(prepareOutputDir(foreign, true)).resolves.toBe(foreign);
    // An interrupted run left its marker: that folder is ours to replace.
    const interrupted = path.join(dir, 'interrupted');
    mkdirSync(path.join(interrupted, 'train'), { recursive: true });
    writeFileSync(path.join(interrupted, INCOMPLETE_MARKER), '');
    await expect(prepareOutputDir(interrupted, false)).resolves.toBe(interrupted);
  });

  it('exits with status 2 and one line on stderr', async () => {
    const dir = tmpDir('dataset-cli');
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    for (const args of [
      ['--out', dir, '--clips', '3'],
      ['--out', dir, '--clips', '3', '--classes', 'dance'],
    ]) {
      const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args]).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^dataset: (--out .* is not empty|unknown class "dance")/);
    }
  });
});

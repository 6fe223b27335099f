/** Issue 15: ordinary CLI mistakes give one line and a documented exit code (README, "Exit codes"), never a stack trace. */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { BIN, oneLine, runCli } from './run-cli.js';

let dir = '';
let db = '';
const cli = (...args: string[]) => runCli(['--db', db, ...args], { ACTIONLENS_DATA_DIR: path.join(dir, 'data') });

beforeAll(() => {
  dir = tmpDir('cli-errors');
  db = path.join(dir, 'errors.db');
});

describe('user errors: one line, exit 1', () => {
  it('a run id that is not a number', async () => {
    const result = await cli('export', 'abc', '--format', 'csv');
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toContain(`"abc" is not an id`);
  });

  it('unknown run and video ids', async () => {
    for (const args of [['export', '99', '--format', 'csv'], ['runs', 'remove', '99']]) {
      const result = await cli(...args);
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toBe('actionlens: No run with id 99.');
    }
    const video = await cli('library', 'remove', '7');
    expect(video.code).toBe(1);
    expect(oneLine(video.stderr)).toBe('actionlens: No video with id 7 in the library.');
    const list = await cli('runs', 'list', '--video', '7');
    expect(oneLine(list.stderr)).toBe('actionlens: No video with id 7 in the library.');
  });

  it('--out naming a folder, or a file in a missing folder', async () => {
    const folder = await cli('export', '1', '--format', 'csv', '--out', dir);
    expect(folder.code).toBe(1);
    expect(oneLine(folder.stderr)).toBe(`actionlens: --out ${dir} is a folder; name the file to write, e.g. ${path.join(dir, 'run.csv')}.`);
    const missing = await cli('export', '1', '--format', 'csv', '--out', path.join(dir, 'nope', 'x.csv'));
    expect(oneLine(missing.stderr)).toContain(`the folder ${path.join(dir, 'nope')} does not exist`);
  });

  it('an unknown command or option', async () => {
    const result = await cli('frobnicate');
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toBe("actionlens: unknown command 'frobnicate'");
  });

  describe('serve on a port that is taken', () => {
    let taken: Server;
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => taken.close());

    it('says so in one line and exits', async () => {
      const renderer = path.join(dir, 'renderer');
      mkdirSync(renderer, { recursive: true });
      writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
      const port = (taken.address() as AddressInfo).port;
      const result = await cli('serve', '--port', String(port), '--renderer', renderer);
      expect(result.code).toBe(1);
      expect(oneLine(result.stderr)).toBe(
        `actionlens: Cannot listen on 127.0.0.1:${port}: the port is in use (another ActionLens serve?). Choose another with --port, or --port 0 for a free one.`,
      );
    });
  });
});

describe('a reader that closes the pipe early (| head)', () => {
  it('ends the command quietly with exit 0', async () => {
    for (const args of [['--help'], ['models', 'list'], ['library', 'list']]) {
      const child = spawn(process.execPath, [BIN, '--db', db, ...args], { env: { ...process.env, ACTIONLENS_DATA_DIR: path.join(dir, 'data') }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first line is written: every write is EPIPE
      let stderr = '';
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: '' });
    }
  }, 60_000);
});

describe('names the terminal must not misread', () => {
  const names = tmpDir('cli-names');
  const sh = (script: string) => promisify(execFile)('sh', ['-c', script], { env: { ...process.env, ACTIONLENS_DATA_DIR: path.join(names, 'data'), BIN, DB: path.join(names, 'n.db'), DIR: names } });

  it('a file name that is not valid UTF-8 is reported as such, never as missing', async () => {
    const folder = path.join(names, 'raw');
    mkdirSync(folder);
    // Made with raw bytes: 0xff cannot appear in UTF-8.
    writeFileSync(Buffer.concat([Buffer.from(`${folder}/bad`), Buffer.from([0xff]), Buffer.from('.mp4')]), 'not a video');
    const scanned = await runCli(['--db', path.join(names, 'n.db'), 'library', 'add', folder], { ACTIONLENS_DATA_DIR: path.join(names, 'data') });
    expect(scanned.stdout).toContain(`skipped    ${folder}/bad\uFFFD.mp4: the name is not valid UTF-8`);
    // Named on the command line through a shell, which passes the bytes as they are.
    const named = await sh(`"${process.execPath}" "$BIN" --db "$DB" library add "$DIR/raw/bad$(printf '\\377').mp4" || true`);
    expect(named.stdout).toContain('the file name is not valid UTF-8');
    expect(named.stdout).not.toContain('does not exist');
  });

  it('a newline in a file name cannot forge an output line in plain text; JSON keeps it exact', async () => {
    const folder = path.join(names, 'forge');
    mkdirSync(folder);
    const clip = await makeClip({ dir: folder, name: 'walk\nadded      forged.mp4', seconds: 1, fps: '10', width: 32, height: 32 });
    const result = await runCli(['--db', path.join(names, 'forge.db'), 'library', 'add', folder], { ACTIONLENS_DATA_DIR: path.join(names, 'data') });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('added'))).toHaveLength(1);
    expect(lines[0]).toContain(`added      ${folder}/walk\\nadded      forged.mp4  (32x32`);
    const json = await runCli(['--db', path.join(names, 'forge.db'), '--json', 'library', 'list'], { ACTIONLENS_DATA_DIR: path.join(names, 'data') });
    expect((JSON.parse(json.stdout) as { path: string }[]).map((v) => v.path)).toEqual([clip]);
  });
});

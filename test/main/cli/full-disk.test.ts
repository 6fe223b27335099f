/**
 * Issue 15, defect 2 through the CLI: `library add` with 40 KB left on the database's disk (a real
 * tmpfs) exits non-zero with one line naming the database and the reason, and claims nothing added.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { onTinyDisk, tinyDiskUnavailable } from '../../helpers/tiny-disk.js';
import { BIN, oneLine } from './run-cli.js';

const unavailable = tinyDiskUnavailable();

describe.skipIf(unavailable !== '')(`library add on a full disk${unavailable}`, () => {
  it('exits 2 with one line naming the database and "disk is full"; nothing is claimed added, nothing is stored', async () => {
    const clip = await makeClip({ dir: tmpDir('full-disk-cli'), name: 'walk.mp4', seconds: 1, fps: '10', width: 32, height: 32 });
    const cli = `"$NODE" "$BIN" --db "$DISK/actionlens.db"`;
    // The database exists (made by a first command), then the disk is filled until 40 KB are left.
    const prepare = `${cli} library list >/dev/null && avail=$(df -k --output=avail "$DISK" | tail -1) && dd if=/dev/zero of="$DISK/filler" bs=1024 count=$((avail - 40)) 2>/dev/null`;
    const env = { NODE: process.execPath, BIN };
    const add = await onTinyDisk('1m', ['sh', '-c', `${cli} library add "$CLIP"; code=$?; rm "$DISK/filler"; echo "exit $code" >&2; ${cli} --json library list`], { prepare, env: { ...env, CLIP: clip } });
    const [error, exit] = add.stderr.trim().split('\n');
    expect(exit).toBe('exit 2');
    expect(oneLine(error!)).toBe(`actionlens: Could not save the video ${clip} in ${path.join(add.dir, 'actionlens.db')}: the disk is full (SQLITE_FULL: database or disk is full)`);
    // stdout: nothing from `library add`, then the library as a fresh process finds it: empty.
    expect(JSON.parse(add.stdout)).toEqual([]);
  }, 60_000);
});

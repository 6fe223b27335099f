import { renameSync, symlinkSync, utimesSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore, type AppCore } from '../../../src/main/core/app.js';
import { isOwnHost, isOwnOrigin, MEDIA_URL_TTL_SECONDS, MediaSigner } from '../../../src/main/web/auth.js';
import { startWebHost, type WebHost } from '../../../src/main/web/server.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';

describe('the Host check', () => {
  const loopback = { address: '127.0.0.1', port: 5199 };
  it.each([
    ['127.0.0.1:5199', loopback, true],
    ['localhost:5199', loopback, true],
    ['LOCALHOST:5199', loopback, true],
    ['127.0.0.1:5198', loopback, false],
    ['127.0.0.1', loopback, false],
    ['attacker.example:5199', loopback, false],
    ['localhost.attacker.example:5199', loopback, false],
    ['127.0.0.1.nip.io:5199', loopback, false],
    ['0x7f000001:5199', loopback, false],
    ['127.1:5199', loopback, false],
    ['user@127.0.0.1:5199', loopback, false],
    ['127.0.0.1:5199/x', loopback, false],
    ['', loopback, false],
    [undefined, loopback, false],
    ['[::1]:5199', { address: '::1', port: 5199 }, true],
    ['localhost:5199', { address: '::1', port: 5199 }, true],
    ['127.0.0.1:5199', { address: '::1', port: 5199 }, false],
    ['192.168.1.20:80', { address: '0.0.0.0', port: 80 }, true],
    ['192.168.1.20', { address: '0.0.0.0', port: 80 }, true],
    ['nas.local:80', { address: '0.0.0.0', port: 80 }, false],
    ['localhost:80', { address: '0.0.0.0', port: 80 }, false],
  ])('Host %j for %j: %s', (header, bound, expected) => {
    expect(isOwnHost(header, bound)).toBe(expected);
  });

  it('accepts only its own origin', () => {
    expect(isOwnOrigin(undefined, loopback)).toBe(true);
    expect(isOwnOrigin('http://127.0.0.1:5199', loopback)).toBe(true);
    expect(isOwnOrigin('http://127.0.0.1:5200', loopback)).toBe(false);
    expect(isOwnOrigin('https://127.0.0.1:5199', loopback)).toBe(false);
    expect(isOwnOrigin('null', loopback)).toBe(false);
    expect(isOwnOrigin('http://127.0.0.1:5199/path', loopback)).toBe(false);
  });
});

describe('signed media URLs', () => {
  it('open the one resource they name, until they expire', () => {
    let now = Date.UTC(2026, 0, 1);
    const signer = new MediaSigner(() => now);
    const url = new URL(signer.sign('video', 7), 'http://127.0.0.1');
    expect(url.pathname).toBe('/media/video/7');
    expect(signer.verify('video', 7, url)).toBe(true);
    expect(signer.verify('video', 8, url)).toBe(false);
    expect(signer.verify('thumb', 7, url)).toBe(false);
    const later = new URL(url);
    later.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    expect(signer.verify('video', 7, later)).toBe(false);
    expect(new MediaSigner(() => now).verify('video', 7, url)).toBe(false); // another host process
    now += MEDIA_URL_TTL_SECONDS * 1000 - 1000;
    expect(signer.verify('video', 7, url)).toBe(true);
    now += 1000;
    expect(signer.verify('video', 7, url)).toBe(false);
  });
});

describe('web host media: signed URLs, and a library file replaced since it was added', () => {
  let dir: string;
  let core: AppCore;
  let host: WebHost;
  let clip: string;
  let other: string;
  let id: number;
  const post = (path: string, body: unknown) =>
    fetch(`${host.origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` }, body: JSON.stringify(body) });
  const sign = async (items: { kind: string; id: number }[]) => ((await (await post('/api/media-urls', { items })).json()) as { urls: string[] }).urls;

  beforeAll(async () => {
    dir = tmpDir('signed-media');
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    clip = await makeClip({ dir, name: 'clip.mp4', seconds: 1, fps: '25', width: 160, height: 120 });
    other = await makeClip({ dir, name: 'other.mp4', seconds: 2, fps: '25', width: 160, height: 120 });
    core = openAppCore({ databaseFile: join(dir, 'media.db'), version: '0.0.0-test' });
    host = await startWebHost(core, { rendererDir: join(dir, 'renderer') });
    id = (await core.library.add([clip])).added[0]!.id;
  });

  afterAll(async () => {
    await host?.close();
    await core?.close();
  });

  it('signs a URL per resource for a caller with the token, and serves it by range without the token', async () => {
    const [video, thumb] = await sign([{ kind: 'video', id }, { kind: 'thumb', id }]);
    expect(video).toMatch(new RegExp(`^/media/video/${id}\\?exp=\\d+&sig=[\\w-]+$`));
    const ranged = await fetch(`${host.origin}${video}`, { headers: { Range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    expect((await fetch(`${host.origin}${thumb}`)).headers.get('content-type')).toBe('image/jpeg');
    // The signature of one resource opens no other.
    expect((await fetch(`${host.origin}${video!.replace('/video/', '/thumb/')}`)).status).toBe(401);
    expect((await fetch(`${host.origin}${video!.replace(`/video/${id}`, `/video/${id + 1}`)}`)).status).toBe(401);
    expect((await fetch(`${host.origin}${video!.replace(/sig=[\w-]+/, `sig=${'A'.repeat(43)}`)}`)).status).toBe(401);
  });

  it('signs nothing without the token, and names the field of a bad request', async () => {
    const anonymous = await fetch(`${host.origin}/api/media-urls`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"items":[]}' });
    expect(anonymous.status).toBe(401);
    const bad = await post('/api/media-urls', { items: [{ kind: 'poster', id }] });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/invalid "items\.0\.kind"/);
    const tooMany = await post('/api/media-urls', { items: Array.from({ length: 501 }, () => ({ kind: 'video', id })) });
    expect(tooMany.status).toBe(400);
  });

  it('still serves the file after a touch that leaves its content alone (same fingerprint)', async () => {
    utimesSync(clip, new Date(), new Date(Date.now() + 5000));
    expect((await fetch(`${host.origin}/media/video/${id}`, { headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(200);
  });

  it('refuses to serve a library video replaced by a symlink to another file, or by another file', async () => {
    const [video] = await sign([{ kind: 'video', id }]);
    renameSync(clip, `${clip}.kept`);
    symlinkSync(other, clip);
    const swapped = await fetch(`${host.origin}${video}`);
    expect(swapped.status).toBe(404);
    expect(await swapped.text()).toContain(`${clip} changed since it was added to the library`);
    expect((await fetch(`${host.origin}/media/thumb/${id}`, { headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(404);
    renameSync(clip, `${clip}.link`);
    copyFileSync(other, clip);
    expect((await fetch(`${host.origin}${video}`)).status).toBe(404);
    renameSync(`${clip}.kept`, clip); // the original back: served again
    expect((await fetch(`${host.origin}${video}`)).status).toBe(200);
  });
});

import { request as httpRequest } from 'node:http';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openAppCore, type AppCore } from '../../../src/main/core/app.js';
import { startWebHost, type WebHost } from '../../../src/main/web/server.js';
import { makeClip, tmpDir } from '../../helpers/clips.js';

describe('web host', () => {
  let dir: string;
  let core: AppCore;
  let host: WebHost;
  let clip: string;
  const call = (name: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${host.token}` }) =>
    fetch(`${host.origin}/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    dir = tmpDir('web');
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>ActionLens</title>');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    clip = await makeClip({ dir, name: 'clip.mp4', seconds: 1, fps: '25', width: 160, height: 120 });
    core = openAppCore({ databaseFile: join(dir, 'web.db'), version: '0.0.0-test' });
    host = await startWebHost(core, { rendererDir: renderer });
  });

  afterAll(async () => {
    await host?.close();
    core?.close();
  });

  it('listens on loopback only by default', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 to a call, an event stream or a media request without the token, or with a wrong one', async () => {
    expect((await call('library.list', {}, {})).status).toBe(401);
    expect((await call('library.list', {}, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await fetch(`${host.origin}/media/video/1`)).status).toBe(401);
    // The token in the query, or in the cookie older versions set, opens nothing.
    expect((await fetch(`${host.origin}/media/video/1?token=${host.token}`)).status).toBe(401);
    expect((await call('library.list', {}, { Cookie: `actionlens_token=${host.token}` })).status).toBe(401);
  });

  it('serves the renderer build without the token and sets no cookie, not even on the address it prints', async () => {
    for (const address of [host.url, `${host.origin}/`]) {
      const page = await fetch(address, { redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(page.headers.get('set-cookie')).toBeNull();
      expect(await page.text()).toContain('<title>ActionLens</title>');
    }
  });

  it('answers 400 to malformed percent-encoding, not 500', async () => {
    const response = await fetch(`${host.origin}/%E0%A4%A`, { headers: { Authorization: `Bearer ${host.token}` } });
    expect(response.status).toBe(400);
  });

  it('refuses to be framed and never sends a Referer onwards', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('never serves files outside the renderer build', async () => {
    const response = await fetch(`${host.origin}/..%2fsecret.txt`, { headers: { Authorization: `Bearer ${host.token}` } });
    expect(response.status).toBe(404);
  });

  it('does not follow a symlink in the renderer build out of it', async () => {
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'renderer', 'assets', 'escape.js'));
    symlinkSync(dir, join(dir, 'renderer', 'up'));
    expect((await fetch(`${host.origin}/assets/escape.js`)).status).toBe(404);
    expect((await fetch(`${host.origin}/up/secret.txt`)).status).toBe(404);
    // A symlink that stays inside the build is served.
    writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'export {};');
    symlinkSync(join(dir, 'renderer', 'assets', 'app.js'), join(dir, 'renderer', 'assets', 'alias.js'));
    expect(await (await fetch(`${host.origin}/assets/alias.js`)).text()).toBe('export {};');
  });

  it('answers only under its own address and port: a DNS-rebinding name is refused with 421', async () => {
    const port = Number(new URL(host.origin).port);
    const withHost = (hostHeader: string, path = '/api/call/library.list') => rawRequest(port, path, hostHeader, { Authorization: `Bearer ${host.token}` });
    expect(await withHost(`127.0.0.1:${port}`)).toBe(200);
    expect(await withHost(`localhost:${port}`)).toBe(200);
    expect(await withHost(`rebind.attacker.example:${port}`)).toBe(421);
    expect(await withHost(`rebind.attacker.example:${port}`, '/')).toBe(421);
    expect(await withHost(`127.0.0.1:${port + 1}`)).toBe(421);
    expect(await withHost('127.0.0.1')).toBe(421);
    expect(await withHost(`127.0.0.2:${port}`)).toBe(421);
    expect(await withHost(`2130706433:${port}`)).toBe(421); // 127.0.0.1 spelt as one number
  });

  it('answers 400 naming the field when a payload fails the contract', async () => {
    const response = await call('library.add', { paths: [7] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { ok: false; error: { code: string; field: string; message: string } };
    expect(body.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'paths.0' });
    expect(body.error.message).toContain('library.add: invalid argument "paths.0"');
  });

  it('answers 400 naming the field when a model import names neither a manifest nor a preset, or both', async () => {
    const neither = await call('models.import', { modelPath: '/models/r3d.onnx' });
    expect(neither.status).toBe(400);
    expect(((await neither.json()) as { error: unknown }).error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'manifestPath',
      message: 'models.import: invalid argument "manifestPath": give a manifest file or a preset (one of the two)',
    });
    const both = await call('models.import', { modelPath: '/models/r3d.onnx', manifestPath: '/models/manifest.json', preset: 'r3d_18' });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: unknown }).error).toMatchObject({ field: 'preset' });
  });

  it('answers an import of a missing model file with 422 and the path, and lists presets', async () => {
    const missing = join(dir, 'no-such-model.onnx');
    const response = await call('models.import', { modelPath: missing, preset: 'r3d_18' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ code: 'FILE_NOT_FOUND', field: 'modelPath', message: `${missing}: no such file.` });
    const presets = (await (await call('models.presets', {})).json()) as { value: { name: string }[] };
    expect(presets.value.map((p) => p.name)).toContain('r3d_18');
  });

  it('refuses calls from another origin, another local port included', async () => {
    const port = Number(new URL(host.origin).port);
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null']) {
      expect((await call('library.list', {}, { Authorization: `Bearer ${host.token}`, Origin: origin })).status).toBe(403);
    }
    expect((await call('library.list', {}, { Authorization: `Bearer ${host.token}`, Origin: host.origin })).status).toBe(200);
  });

  it('has no native dialogs', async () => {
    expect((await call('dialog.openVideos', {})).status).toBe(404);
    expect((await call('dialog.openFile', {})).status).toBe(404);
  });

  it('runs calls through the same handlers, pushes events on the WebSocket, and serves video by range', async () => {
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/api/events`, { headers: { Authorization: `Bearer ${host.token}` } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    // The first library.changed (adding also reports library.progress, which may come first).
    const event = new Promise<unknown>((resolve) =>
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { event: string };
        if (message.event === 'library.changed') resolve(message);
      }),
    );

    const added = await call('library.add', { paths: [clip] });
    expect(added.status).toBe(200);
    const report = (await added.json()) as { ok: true; value: { added: { id: number; path: string }[] } };
    expect(report.value.added.map((v) => v.path)).toEqual([clip]);
    expect(await event).toEqual({ event: 'library.changed', payload: { reason: 'added' } });
    socket.close();

    const id = report.value.added[0]!.id;
    const range = await fetch(`${host.origin}/media/video/${id}`, { headers: { Authorization: `Bearer ${host.token}`, Range: 'bytes=0-99' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-type')).toBe('video/mp4');
    expect((await range.arrayBuffer()).byteLength).toBe(100);
  });

  it('refuses a WebSocket without the token, with a wrong one, or from another origin', async () => {
    const events = `${host.origin.replace('http', 'ws')}/api/events`;
    expect(await socketOutcome(new WebSocket(events))).toBe('refused');
    expect(await socketOutcome(new WebSocket(events, ['actionlens', 'actionlens.token.nope']))).toBe('refused');
    expect(await socketOutcome(new WebSocket(events, ['actionlens', `actionlens.token.${host.token}`], { origin: 'http://127.0.0.1:1' }))).toBe('refused');
    // Host alone decides here (the Origin is the host's own): a DNS-rebinding name is refused, even with the token.
    const port = new URL(host.origin).port;
    const rebound = new WebSocket(events, ['actionlens', `actionlens.token.${host.token}`], { headers: { Host: `rebind.attacker.example:${port}` }, origin: host.origin });
    expect(await socketOutcome(rebound)).toBe('refused');
  });

  it('opens the event stream with the token as a subprotocol, and answers with the plain one', async () => {
    const port = Number(new URL(host.origin).port);
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/api/events`, ['actionlens', `actionlens.token.${host.token}`], { origin: `http://127.0.0.1:${port}` });
    expect(await socketOutcome(socket)).toBe('open');
    expect(socket.protocol).toBe('actionlens');
    socket.close();
  });
});

function socketOutcome(socket: WebSocket): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    socket.once('open', () => resolve('open'));
    socket.once('error', () => resolve('refused'));
    socket.once('unexpected-response', () => resolve('refused'));
  });
}

/** The status of a request with exactly this `Host` header (fetch sets its own). */
function rawRequest(port: number, path: string, hostHeader: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method: path.startsWith('/api/') ? 'POST' : 'GET', headers: { ...headers, Host: hostHeader, 'Content-Type': 'application/json' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end(path.startsWith('/api/') ? '{}' : undefined);
  });
}

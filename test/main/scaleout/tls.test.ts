/**
 * TLS for real: a redis-server listening with TLS only (--port 0 --tls-port), a CA and a server
 * certificate made with openssl here, a worker and an `analyze --queue rediss://…` coordinator
 * trusting that CA through --tls-ca. Without the CA, or over plain redis://, the command refuses
 * in one line. Skips (saying why) when redis-server is built without TLS or openssl is missing.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeClip, tmpDir } from '../../helpers/clips.js';
import { BIN, exportJson, runCli } from '../../helpers/kill-resume.js';
import { redisTlsMissing, TestRedis } from '../../helpers/redis.js';
import { FIXTURE_MODELS_DIR } from '../analysis/fixtures.js';

const missing = redisTlsMissing();

/** A CA, and a server certificate it signed for 127.0.0.1 and localhost. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', '/CN=ActionLens test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost');
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.crt'), '-days', '2', '-extfile', file('server.ext'));
  return { ca: file('ca.crt'), cert: file('server.crt'), key: file('server.key') };
}

describe.skipIf(missing !== null)(`scale-out over TLS (rediss://)${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const dir = tmpDir('scaleout-tls');
  let redis: TestRedis | undefined;
  let worker: ChildProcess | undefined;
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await redis?.stop();
  });

  it('a worker and a coordinator over rediss:// with --tls-ca: export equals a local run; no CA or plain redis:// is a one-line refusal', { timeout: 240_000 }, async () => {
    const certificates = makeCertificates(dir);
    redis = new TestRedis(dir, certificates);
    await redis.start();
    const env = { ...process.env, ACTIONLENS_MODEL_PATH: FIXTURE_MODELS_DIR, ACTIONLENS_DATA_DIR: dir, ACTIONLENS_QUEUE: redis.url };
    expect(redis.url).toMatch(/^rediss:\/\//);
    const clip = await makeClip({ dir, name: 'clip.mp4', seconds: 12, fps: '25', width: 160, height: 120 });
    const args = [clip, '--model', 'test-recurrent', '--provider', 'cpu'];
    const { ACTIONLENS_QUEUE: _none, ...localEnv } = env;
    const reference = path.join(dir, 'reference.db');
    const local = await runCli(['--db', reference, 'analyze', ...args], localEnv);
    expect(local.code, local.stderr).toBe(0);

    // Refusals first: the server's certificate is signed by a CA Node does not know; the port speaks only TLS.
    const noCa = await runCli(['--db', path.join(dir, 'no-ca.db'), 'analyze', ...args], env);
    expect(noCa.code).not.toBe(0);
    expect(noCa.stderr.trim()).toMatch(/^.*--queue: cannot use the queue at rediss:\/\/default:\*\*\*@127\.0\.0\.1:\d+: TLS failed \(self[- ]signed certificate in certificate chain\); check rediss:\/\/ and the CA file\.$/);
    const plain = await runCli(['--db', path.join(dir, 'plain.db'), 'analyze', ...args, '--queue', redis.url.replace('rediss:', 'redis:')], env);
    expect(plain.code).not.toBe(0);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toContain('--queue: cannot use the queue at redis://default:***@127.0.0.1');
    expect(`${noCa.stderr}${plain.stderr}`).not.toContain(redis.password);

    const workerWithoutCa = await runCli(['worker'], env);
    expect(workerWithoutCa.code).not.toBe(0);
    expect(workerWithoutCa.stderr).toMatch(/--queue: cannot use the queue at rediss:\/\/default:\*\*\*@127\.0\.0\.1:\d+: TLS failed/);

    const log = path.join(dir, 'worker.log');
    const fd = openSync(log, 'a');
    worker = spawn(process.execPath, [BIN, 'worker', '--tls-ca', certificates.ca], { env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const db = path.join(dir, 'tls.db');
    const remote = await runCli(['--db', db, 'analyze', ...args, '--tls-ca', certificates.ca], env);
    expect(remote.code, remote.stderr).toBe(0);
    const workerLog = readFileSync(log, 'utf8');
    expect(workerLog).toMatch(/worker ready on rediss:\/\/default:\*\*\*@127\.0\.0\.1:\d+/);
    expect(workerLog).toMatch(/job run-[\w-]+: .*test-recurrent from frame 0/);
    expect(await exportJson(db, 1, env)).toBe(await exportJson(reference, 1, env));
  });
});

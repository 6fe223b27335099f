/**
 * A real redis-server for the scale-out tests: loopback only, a random password, AOF with an
 * fsync per write (so a SIGKILL loses nothing acknowledged), in its own temp folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** Why the scale-out tests skip here, or null when redis-server is installed. */
export function redisMissing(): string | null {
  // The scale-out tests kill real processes (workers, Redis, the core) with SIGKILL and find them by POSIX means.
  if (process.platform !== 'linux') return `these tests kill real processes with POSIX signals and run on Linux only (this is ${process.platform})`;
  if (!existsSync(REDIS_SERVER) && spawnSync('redis-server', ['--version']).status !== 0) return 'redis-server is not installed (apt-get install redis-server)';
  return null;
}

/** Why the TLS test skips here: Debian builds redis-server with TLS (it links libssl); a build without it cannot serve rediss://. */
export function redisTlsMissing(): string | null {
  const missing = redisMissing();
  if (missing) return missing;
  if (spawnSync('openssl', ['version']).status !== 0) return 'openssl is not installed (the test makes its certificates with it)';
  const ldd = spawnSync('ldd', [existsSync(REDIS_SERVER) ? REDIS_SERVER : 'redis-server'], { encoding: 'utf8' });
  if (ldd.status === 0 && !/libssl/.test(ldd.stdout)) return 'this redis-server is built without TLS (it does not link libssl)';
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class TestRedis {
  readonly password = randomBytes(12).toString('hex');
  port = 0;
  #child: ChildProcess | null = null;

  /** With `tls`, the port speaks TLS only (redis-server --port 0 --tls-port …); clients need not present a certificate. */
  constructor(
    readonly dir: string,
    readonly tls?: { cert: string; key: string; ca: string },
  ) {}

  /** redis://default:<password>@127.0.0.1:<port> (rediss:// with TLS) */
  get url(): string {
    return `${this.tls ? 'rediss' : 'redis'}://default:${this.password}@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const binary = existsSync(REDIS_SERVER) ? REDIS_SERVER : 'redis-server';
    const ports = this.tls
      ? ['--port', '0', '--tls-port', String(this.port), '--tls-cert-file', this.tls.cert, '--tls-key-file', this.tls.key, '--tls-ca-cert-file', this.tls.ca, '--tls-auth-clients', 'no']
      : ['--port', String(this.port)];
    const args = [...ports, '--bind', '127.0.0.1', '--requirepass', this.password, '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--daemonize', 'no', '--logfile', 'redis.log'];
    this.#child = spawn(binary, args, { stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      if (await accepts(this.port)) return;
      await delay(25);
    }
    throw new Error(`redis-server did not listen on 127.0.0.1:${this.port} (see ${this.dir}/redis.log)`);
  }

  /** SIGKILL: what a crash leaves; the AOF is all that survives. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.#child = null;
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

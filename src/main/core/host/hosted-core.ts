import { EventEmitter } from 'node:events';
import type { EventName } from '../../../shared/channels.js';
import type { CallOutcome, CoreHostStatus } from '../../../shared/contract.js';
import type { JobSummary } from '../../../shared/engine.js';
import type { HostMessage, HostRequest, MediaFileAnswer } from '../../../shared/core-host.js';
import { AppError, deserializeError, serializeError } from '../../../shared/errors.js';
import type { MediaKind } from '../../../shared/webHost.js';
import type { AppCoreOptions, EventListener } from '../app.js';
import { log as logger, type LogOptions } from '../log/logger.js';
import type { CoreConnection } from './connection.js';
import { isJobStartCall, JobReplay } from './job-replay.js';
import type { HostOpen } from './serve-core.js';

/** A started host process, whichever kind (Node child process, Electron utilityProcess). */
export interface HostChild {
  readonly pid: number | undefined;
  send(message: HostOpen | HostRequest): void;
  onMessage(listener: (message: HostMessage) => void): void;
  /** Once, however it ended (exit, signal, crash). */
  onExit(listener: (reason: string) => void): void;
  kill(): void;
}

export type SpawnHost = () => HostChild;

/** A request before it gets its id (Omit over each member of the union). */
type Unnumbered<R> = R extends unknown ? Omit<R, 'id'> : never;

type Pending = { resolve: (message: HostMessage | null) => void };

/** Restarts closer than this apart count as a crash loop; after MAX_QUICK_RESTARTS of them the shell stops trying. */
const QUICK_RESTART_MS = 5_000;
const MAX_QUICK_RESTARTS = 5;

/**
 * The core in a host process, seen from the shell. Calls and media look-ups become messages with
 * a request id; events come back and are re-emitted here. When the process dies (a crash, an
 * out-of-memory kill, `kill -9`) the calls in flight fail with INTERNAL, a `core.host` event says
 * so, and a new process is started on the same database; it requeues the runs the dead one owned,
 * which resume from their last committed chunk (see run-owner.ts).
 */
export class HostedCore implements CoreConnection {
  readonly #spawn: SpawnHost;
  readonly #options: AppCoreOptions;
  readonly #log: LogOptions | undefined;
  readonly #events = new EventEmitter();
  readonly #pending = new Map<number, Pending>();
  readonly #jobs = new JobReplay();
  #child!: HostChild;
  #ready!: Promise<void>;
  #nextId = 1;
  #closing = false;
  #childGone = false;
  #startedAt = 0;
  #quickRestarts = 0;
  #databaseFile = '';

  private constructor(spawn: SpawnHost, options: AppCoreOptions, log: LogOptions | undefined) {
    this.#spawn = spawn;
    this.#options = options;
    this.#log = log;
    this.#events.setMaxListeners(0);
    this.#events.on('analysis.job', (job: JobSummary) => this.#jobs.changed(job));
  }

  /** Starts the host process and waits until its core is open (an error opening it is thrown here, rebuilt). */
  static async start(spawn: SpawnHost, options: AppCoreOptions, log?: LogOptions): Promise<HostedCore> {
    const hosted = new HostedCore(spawn, options, log);
    hosted.#launch();
    try {
      await hosted.#ready;
    } catch (error) {
      // The core could not open (a bad database, a --queue that does not answer): the process goes too, not restarted.
      hosted.#closing = true;
      hosted.#child.kill();
      throw error;
    }
    return hosted;
  }

  /** The host process's pid (it changes on a restart). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** The database the core opened. */
  get databaseFile(): string {
    return this.#databaseFile;
  }

  /** Resolves once the current (or restarted) host process has its core open. */
  ready(): Promise<void> {
    return this.#ready;
  }

  #launch(): void {
    const child = this.#spawn();
    this.#child = child;
    this.#childGone = false;
    this.#startedAt = Date.now();
    let settle: { resolve: () => void; reject: (error: Error) => void };
    this.#ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    this.#ready.catch(() => undefined); // awaited by start() and by calls; never an unhandled rejection
    child.onMessage((message) => {
      if (message.type === 'ready') return ((this.#databaseFile = message.databaseFile), settle.resolve());
      if (message.type === 'failed') return settle.reject(deserializeError(message.error));
      if (message.type === 'event') return void this.#events.emit(message.name, message.payload);
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      pending?.resolve(message);
    });
    child.send({ type: 'open', options: this.#options, log: this.#log });
    child.onExit((reason) => {
      if (this.#child === child) this.#childGone = true;
      settle.reject(new AppError('INTERNAL', `the core process stopped before opening the database (${reason})`));
      for (const pending of this.#pending.values()) pending.resolve(null);
      this.#pending.clear();
      if (this.#closing || this.#child !== child) return;
      this.#restart(reason);
    });
  }

  #restart(reason: string): void {
    this.#quickRestarts = Date.now() - this.#startedAt < QUICK_RESTART_MS ? this.#quickRestarts + 1 : 0;
    if (this.#quickRestarts > MAX_QUICK_RESTARTS) {
      this.#emitStatus({ state: 'restarting', reason: `the core process keeps stopping (${reason}); restart ActionLens` });
      return;
    }
    logger().error({ reason, pid: this.#child.pid }, 'core host stopped; restarting it');
    this.#emitStatus({ state: 'restarting', reason: `the core process stopped (${reason}); restarting it` });
    this.#launch();
    this.#ready.then(
      () => {
        this.#emitStatus({ state: 'running', pid: this.#child.pid ?? 0 });
        for (const { call, payload } of this.#jobs.take()) void this.call(call, payload);
      },
      (error: Error) => this.#emitStatus({ state: 'restarting', reason: error.message }),
    );
  }

  #emitStatus(status: CoreHostStatus): void {
    this.#events.emit('core.host', status);
  }

  async #request(request: Unnumbered<HostRequest>): Promise<HostMessage | null> {
    await this.#ready;
    if (this.#childGone) return null;
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, { resolve });
      this.#child.send({ ...request, id } as HostRequest);
    });
  }

  async call(name: string, payload: unknown): Promise<CallOutcome<unknown>> {
    try {
      const reply = await this.#request({ type: 'call', name, payload });
      if (reply?.type === 'reply') {
        if (isJobStartCall(name)) this.#jobs.started(name, payload, reply.outcome);
        return reply.outcome;
      }
      throw new AppError('INTERNAL', `${name}: the core process stopped during the call; it is being restarted, try again`);
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  }

  async mediaFile(kind: MediaKind, id: number): Promise<MediaFileAnswer> {
    try {
      const reply = await this.#request({ type: 'media', kind, mediaId: id });
      return reply?.type === 'media' ? reply.answer : { ok: false, reason: 'the core process stopped; try again' };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  on<K extends EventName>(name: K, listener: EventListener<K>): () => void {
    this.#events.on(name, listener);
    return () => this.#events.off(name, listener);
  }

  /** Closes the core (running jobs stop and are marked) and waits for the process to end. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    const child = this.#child;
    const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
    try {
      await this.#ready;
      const id = this.#nextId++;
      await Promise.race([new Promise((resolve) => (this.#pending.set(id, { resolve }), child.send({ type: 'close', id }))), exited]);
    } catch {
      // never opened, or already gone
    }
    const timer = setTimeout(() => child.kill(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

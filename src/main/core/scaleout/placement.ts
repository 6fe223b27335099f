import { AppError } from '../../../shared/errors.js';
import type { AnalysisPlaceArgs, AnalysisPlaceView, QueueSettings } from '../../../shared/scaleout.js';
import type { JobRunnerOptions } from '../analysis/job-runner.js';
import type { ModelRegistry } from '../models/index.js';
import type { Store } from '../store/index.js';
import { queueConnection, type QueueConnection } from './connection.js';
import { Coordinator } from './coordinator.js';
import { probeRedis } from './probe.js';
import { readQueueSettings, writeQueueSettings } from './settings-file.js';

export interface PlacementOptions {
  store: Store;
  models: ModelRegistry;
  dataDir: string;
  /** A command's --queue: used for this session instead of the stored settings (and an error at open if Redis does not answer). */
  fromCommand?: QueueSettings;
  /** Jobs at once when they compute here (AnalysisServiceOptions.concurrency). */
  localConcurrency?: number;
}

/** Jobs a coordinator keeps on the queue at once: enough for many workers, each costing this process only its chunks' writes. */
export const REMOTE_JOBS_AT_ONCE = 64;

interface Active {
  key: string;
  /** The Redis it reads (scheme, host, port, database): two coordinators of one database must not read its results queue at once. */
  endpoint: string;
  coordinator: Coordinator;
  users: number;
  retired: boolean;
}

/**
 * [Note: analysis place] Where the core's new jobs compute: here, on headless workers through a
 * Redis queue (a Coordinator, see coordinator.ts), or both (one job at a time here, the rest on
 * workers). The job runner asks `compute` per job, so a change applies to the jobs started after
 * it without a restart; a job already handed to a coordinator stays with it, and a coordinator
 * replaced by a change closes once its last job ends. The settings live in the data folder
 * (settings-file.ts); a command's --queue overrides them for its session.
 */
export class AnalysisPlacement {
  readonly #o: PlacementOptions;
  #settings: QueueSettings;
  #source: AnalysisPlaceView['source'];
  #active: Active | null = null;
  /** Replaced by a change while their jobs run; each closes after its last job. */
  readonly #retired = new Set<Active>();
  #connecting: Promise<Active> | null = null;
  #problem: string | null = null;
  #localRunning = 0;
  readonly #opened: Promise<void>;

  constructor(options: PlacementOptions) {
    this.#o = options;
    this.#settings = options.fromCommand ?? readQueueSettings(options.dataDir);
    this.#source = options.fromCommand ? 'command line' : 'settings';
    const opening = this.#settings.place === 'local' ? Promise.resolve() : this.#ensureActive().then(() => undefined);
    // Stored settings never stop the core from opening: their problem shows on the settings screen and fails the jobs sent to workers.
    this.#opened = options.fromCommand ? opening : opening.catch(() => undefined);
    this.#opened.catch(() => undefined);
  }

  /** Resolves once the opening settings' queue answers; rejects (one line) only for a command's --queue. */
  opened(): Promise<void> {
    return this.#opened;
  }

  readonly concurrency = (): number => (this.#settings.place === 'local' ? (this.#o.localConcurrency ?? 1) : REMOTE_JOBS_AT_ONCE);

  readonly compute: NonNullable<JobRunnerOptions['compute']> = async (input, signal, report, here) => {
    const place = this.#settings.place;
    if (place === 'local' || (place === 'both' && this.#localRunning < 1)) {
      this.#localRunning += 1;
      try {
        return await here();
      } finally {
        this.#localRunning -= 1;
      }
    }
    const active = await this.#ensureActive();
    active.users += 1;
    try {
      return await active.coordinator.run(input, signal, report);
    } finally {
      active.users -= 1;
      if (active.retired && active.users === 0) {
        this.#retired.delete(active);
        void active.coordinator.close();
      }
    }
  };

  async view(): Promise<AnalysisPlaceView> {
    await this.#connecting?.catch(() => undefined);
    const { place, queueUrl, password, tlsCaFile, insecureRedis } = this.#settings;
    const state = place === 'local' ? 'local' : this.#active && !this.#problem ? 'connected' : 'unreachable';
    return { place, queueUrl, passwordSet: Boolean(password), tlsCaFile, insecureRedis, source: this.#source, state, problem: state === 'unreachable' ? (this.#problem ?? 'not connected') : null };
  }

  /** Checks the new settings (the queue must answer unless the place is local), then applies and stores them; on an error nothing changes. */
  async set(args: AnalysisPlaceArgs): Promise<AnalysisPlaceView> {
    const next = mergeSettings(this.#settings, args);
    let active: Active | null = null;
    if (next.queueUrl) connectionFor(next); // a malformed URL is refused even when it is not used yet
    else if (next.place !== 'local') throw new AppError('INVALID_ARGUMENT', 'queueUrl: give the Redis URL (redis://[user@]host:port) to analyse on workers.', { field: 'queueUrl' });
    if (next.place !== 'local') active = this.#reusable(next) ?? (this.#refuseBusyRedis(next), await this.#connect(next));
    writeQueueSettings(this.#o.dataDir, next);
    if (this.#active && this.#active !== active) this.#retire(this.#active);
    this.#active = active;
    this.#connecting = null;
    this.#problem = null;
    this.#settings = next;
    this.#source = 'settings';
    return this.view();
  }

  async close(): Promise<void> {
    const open = [this.#active, ...this.#retired];
    this.#active = null;
    this.#retired.clear();
    await Promise.all(open.map((active) => active?.coordinator.close()));
  }

  #retire(active: Active): void {
    active.retired = true;
    if (active.users === 0) void active.coordinator.close();
    else this.#retired.add(active);
  }

  /** The coordinator already open for these settings (current, or replaced but still finishing jobs). */
  #reusable(next: QueueSettings): Active | null {
    const key = settingsKey(next);
    if (this.#active?.key === key && !this.#problem) return this.#active;
    const retired = [...this.#retired].find((a) => a.key === key);
    if (!retired) return null;
    this.#retired.delete(retired);
    retired.retired = false;
    return retired;
  }

  /**
   * Another user or password for a Redis whose jobs still run would put a second coordinator of this
   * database on its results queue, and each would take the other's messages: refused until they end.
   */
  #refuseBusyRedis(next: QueueSettings): void {
    const endpoint = endpointOf(connectionFor(next));
    if (![this.#active, ...this.#retired].some((a) => a && a.users > 0 && a.endpoint === endpoint)) return;
    throw new AppError('INVALID_ARGUMENT', `queueUrl: jobs are running on workers through ${endpoint} with the current user and password; change them once those jobs end (or cancel them).`, { field: 'queueUrl' });
  }

  #ensureActive(): Promise<Active> {
    if (this.#active) return Promise.resolve(this.#active);
    if (!this.#connecting) {
      const settings = this.#settings;
      this.#connecting = this.#connect(settings).then(
        (active) => {
          if (this.#settings === settings) {
            this.#active = active;
            this.#problem = null;
          } else this.#retire(active);
          return active;
        },
        (error: Error) => {
          if (this.#settings === settings) {
            this.#problem = error.message;
            this.#connecting = null; // the next job tries again
          }
          throw error;
        },
      );
    }
    return this.#connecting;
  }

  async #connect(settings: QueueSettings): Promise<Active> {
    // Errors name what the user typed: a command's --queue, or the settings screen's field.
    const connection = connectionFor(settings, settings === this.#o.fromCommand ? '--queue' : 'queueUrl');
    await probeRedis(connection);
    // ACTIONLENS_QUEUE_CHECK_MS: how often a waiting run checks that Redis still holds its job (tests shorten it).
    const jobCheckMs = Number(process.env.ACTIONLENS_QUEUE_CHECK_MS) || undefined;
    const coordinator = new Coordinator({ store: this.#o.store, models: this.#o.models, connection, jobCheckMs });
    try {
      await coordinator.ready();
    } catch (error) {
      await coordinator.close();
      throw error;
    }
    return { key: settingsKey(settings), endpoint: endpointOf(connection), coordinator, users: 0, retired: false };
  }
}

function connectionFor(settings: QueueSettings, field = 'queueUrl'): QueueConnection {
  const url = withPassword(settings.queueUrl ?? '', settings.password);
  return queueConnection(url, { insecure: settings.insecureRedis, tlsCaFile: settings.tlsCaFile ?? undefined, field });
}

const settingsKey = (s: QueueSettings): string => JSON.stringify([s.queueUrl, s.password, s.tlsCaFile, s.insecureRedis]);
const endpointOf = ({ redis }: QueueConnection): string => `${redis.tls ? 'rediss' : 'redis'}://${redis.host}:${redis.port}/${redis.db ?? 0}`;

/** The settings after a change; a password written into the URL moves to `password`. */
export function mergeSettings(current: QueueSettings, args: AnalysisPlaceArgs): QueueSettings {
  const split = args.queueUrl ? splitPassword(args.queueUrl) : { url: args.queueUrl === undefined ? current.queueUrl : null, password: null };
  let password = args.password === undefined ? current.password : args.password || null;
  if (split.password !== null && args.password === undefined) password = split.password;
  return {
    place: args.place,
    queueUrl: split.url,
    password,
    tlsCaFile: args.tlsCaFile === undefined ? current.tlsCaFile : args.tlsCaFile || null,
    insecureRedis: args.insecureRedis ?? current.insecureRedis,
  };
}

/** `redis://user:pass@host` → `redis://user@host` and `pass` (a string that is no URL stays as it is, refused later with its field). */
export function splitPassword(url: string): { url: string; password: string | null } {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return { url, password: null };
    const password = decodeURIComponent(parsed.password);
    parsed.password = '';
    return { url: parsed.toString().replace(/\/$/, ''), password };
  } catch {
    return { url, password: null };
  }
}

/** The stored URL with the password put back, as queueConnection takes it. */
export function withPassword(url: string, password: string | null): string {
  if (!password) return url;
  try {
    const parsed = new URL(url);
    if (!parsed.username) parsed.username = 'default';
    parsed.password = encodeURIComponent(password);
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

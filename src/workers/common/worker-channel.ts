/**
 * The owner's side of a worker thread's request/reply protocol, shared by the inference, pose and
 * flow clients: every request carries a sequence number its reply repeats, an `error` reply is
 * rebuilt as an AppError, and a crash or exit fails every pending request and every later one.
 */
import type { Worker } from 'node:worker_threads';
import { AppError, deserializeError, type SerializedError } from '../../shared/errors.js';

type Sequenced = { seq: number; type: string };
type ErrorReply = { type: 'error'; seq: number; error: SerializedError };
type Pending<Reply> = { resolve: (reply: Reply) => void; reject: (error: AppError) => void };
export type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

export class WorkerChannel<Request extends Sequenced, Reply extends Sequenced> {
  /** Resolves once the thread has exited, whatever the reason. */
  readonly exited: Promise<void>;
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending<Exclude<Reply, ErrorReply>>>();
  #nextSeq = 1;
  #failure: AppError | null = null;

  /** `what` names the worker in errors ("the pose worker"). */
  constructor(worker: Worker, what: string) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => this.#settle(reply));
    worker.on('error', (error) => this.fail(new AppError('INTERNAL', `${capitalised(what)} crashed: ${error.message}`, { cause: error })));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.fail(new AppError('INTERNAL', `${capitalised(what)} exited (code ${code}).`));
        resolve();
      }),
    );
  }

  /** True once the worker crashed, exited or was closed: requests then fail at once. */
  get failed(): boolean {
    return this.#failure !== null;
  }

  request(message: WithoutSeq<Request>, transfer: ArrayBuffer[] = []): Promise<Exclude<Reply, ErrorReply>> {
    if (this.#failure) return Promise.reject(this.#failure);
    const seq = this.#nextSeq++;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.#worker.postMessage({ ...message, seq }, transfer);
    });
  }

  /** Fails every pending request (and every later one) with `error`; the first failure wins. */
  fail(error: AppError): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
    await this.exited;
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.seq);
    if (!pending) return;
    this.#pending.delete(reply.seq);
    if (reply.type === 'error') pending.reject(deserializeError((reply as unknown as ErrorReply).error));
    else pending.resolve(reply as Exclude<Reply, ErrorReply>);
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

import type { CallName } from '../../../shared/channels.js';
import { type CallOutcome, isCallName, parseCallArgs, type CallHandlers } from '../../../shared/contract.js';
import { AppError, serializeError } from '../../../shared/errors.js';
import { log, SLOW_CALL_MS } from '../log/logger.js';

export type PartialHandlers = Partial<CallHandlers>;

/**
 * Runs one contract call for a transport (IPC, HTTP): checks the name, validates the payload
 * against the call's schema, runs the handler and wraps the result or error in an envelope.
 * Never throws: every failure becomes a serialised AppError the other side can rebuild.
 */
export async function dispatchCall(handlers: PartialHandlers, name: unknown, rawArgs: unknown): Promise<CallOutcome<unknown>> {
  const started = performance.now();
  const outcome = await dispatch(handlers, name, rawArgs);
  const ms = Math.round(performance.now() - started);
  const fields = { call: String(name), ms, ...(outcome.ok ? {} : { code: outcome.error.code }) };
  if (ms > SLOW_CALL_MS) log().warn(fields, 'slow contract call');
  else log().debug(fields, 'contract call');
  return outcome;
}

async function dispatch(handlers: PartialHandlers, name: unknown, rawArgs: unknown): Promise<CallOutcome<unknown>> {
  try {
    if (!isCallName(name)) throw new AppError('INVALID_ARGUMENT', `unknown call "${String(name)}"`);
    const handler = handlers[name] as ((args: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new AppError('NOT_FOUND', `${name} is not available here`);
    const args = parseCallArgs(name as CallName, rawArgs);
    return { ok: true, value: await handler(args) };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

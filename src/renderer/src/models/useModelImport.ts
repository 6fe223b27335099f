import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallArgs } from '../../../shared/contract.js';
import type { ModelImportResult, ModelImportStage } from '../../../shared/models.js';
import { AppError } from '../../../shared/errors.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'running'; modelPath: string; stage: ModelImportStage | null }
  | { kind: 'done'; result: ModelImportResult }
  | { kind: 'failed'; stage: ModelImportStage | null; message: string; field: string | null };

/** Runs `models.import`, following its stages from `models.importStage` events for the path it sent; resolves with the result, or null when refused. */
export function useModelImport(client: Client): { phase: ImportPhase; start(args: CallArgs<'models.import'>): Promise<ModelImportResult | null>; reset(): void } {
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const running = useRef<string | null>(null);

  useEffect(
    () =>
      client.on('models.importStage', ({ stage, modelPath }) => {
        // A stage event may arrive after the call's answer (WebSocket and HTTP are separate): then it is stale.
        if (running.current !== modelPath) return;
        setPhase((p) => (p.kind === 'running' ? { ...p, stage } : p));
      }),
    [client],
  );

  const start = useCallback(
    async (args: CallArgs<'models.import'>) => {
      running.current = args.modelPath;
      setPhase({ kind: 'running', modelPath: args.modelPath, stage: null });
      try {
        const result = await client.api['models.import'](args);
        setPhase({ kind: 'done', result });
        return result;
      } catch (e) {
        const field = e instanceof AppError ? (e.field ?? null) : null;
        // The stage the import was in names where it stopped (a bad payload stops before any stage: checking).
        setPhase((p) => ({ kind: 'failed', stage: p.kind === 'running' ? (p.stage ?? 'checking') : null, message: errorText(e), field }));
        return null;
      } finally {
        running.current = null;
      }
    },
    [client],
  );

  const reset = useCallback(() => setPhase({ kind: 'idle' }), []);
  return { phase, start, reset };
}

/** Creating the worker's one onnxruntime session, on the best provider that starts. Runs in the worker. */
import * as ort from 'onnxruntime-node';
import type { ExecutionProvider } from '../../shared/analysis.js';
import { AppError } from '../../shared/errors.js';
import type { TensorInfo, ThreadCounts } from '../../shared/onnx.js';
import { conciseProviderError, providerCandidates } from './providers.js';

// Failed provider attempts (no CUDA libraries, no WebGPU adapter) are expected and reported as
// notices; onnxruntime's own error log lines would only repeat them on stderr.
ort.env.logLevel = 'fatal';

export interface LoadedSession {
  session: ort.InferenceSession;
  provider: string;
  notices: string[];
}

export async function createSession(modelPath: string, requested: ExecutionProvider, threads: ThreadCounts): Promise<LoadedSession> {
  const failures: string[] = [];
  const candidates = providerCandidates(requested, process.platform, process.arch);
  for (const provider of candidates) {
    try {
      const session = await ort.InferenceSession.create(modelPath, {
        executionProviders: [provider],
        intraOpNumThreads: threads.intraOp,
        interOpNumThreads: threads.interOp,
        executionMode: threads.interOp > 1 ? 'parallel' : 'sequential',
        graphOptimizationLevel: 'all',
        logSeverityLevel: 3,
      });
      const notices = failures.length > 0 ? [`provider ${requested}: ${failures.join('; ')}; using cpu instead`] : [];
      return { session, provider, notices };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A model the CPU provider cannot load is broken whatever the provider; say so plainly.
      if (provider === 'cpu') throw new AppError('INVALID_ARGUMENT', `Cannot load the model ${modelPath}: ${conciseProviderError(message)}`, { file: modelPath });
      // The usual case under `auto`: the opt-in GPU libraries were never installed. Say what to do, not the loader's error.
      const notInstalled = /Failed to load shared library|cannot open shared object/i.test(message);
      failures.push(notInstalled ? `${provider} is not installed (see the README's GPU section)` : `${provider} could not start (${conciseProviderError(message)})`);
    }
  }
  throw new AppError('INTERNAL', 'no execution provider could be tried'); // unreachable: cpu is always a candidate
}

/** Input and output names and shapes as the graph declares them, to check against the manifest. */
export function describeGraph(session: ort.InferenceSession): { inputs: TensorInfo[]; outputs: TensorInfo[] } {
  const describe = (meta: readonly ort.InferenceSession.ValueMetadata[]): TensorInfo[] =>
    meta.map((m) => (m.isTensor ? { name: m.name, shape: [...m.shape], type: m.type } : { name: m.name, shape: null, type: 'non-tensor' }));
  return { inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) };
}

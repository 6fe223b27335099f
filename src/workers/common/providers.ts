import type { ExecutionProvider } from '../../shared/analysis.js';

export type ConcreteProvider = Exclude<ExecutionProvider, 'auto'>;

/**
 * The execution providers to try, best first; cpu is always last because it always works.
 *
 * [Note: auto provider] `auto` tries the GPU providers onnxruntime-node can have on this platform:
 * cuda (Linux x64 and Windows, present only after the opt-in CUDA install), DirectML (Windows),
 * CoreML (macOS). It leaves out WebGPU: onnxruntime calls it experimental, it prints driver
 * warnings where no adapter exists, and for small models it is rarely faster than the CPU; it
 * stays one `--provider webgpu` away. An explicit provider that cannot start falls back to cpu
 * too, with a notice, so a run always completes and records what it really used.
 */
export function providerCandidates(requested: ExecutionProvider, platform: NodeJS.Platform, arch: string): ConcreteProvider[] {
  if (requested === 'cpu') return ['cpu'];
  if (requested !== 'auto') return [requested, 'cpu'];
  const gpu: ConcreteProvider[] = [];
  if ((platform === 'linux' && arch === 'x64') || platform === 'win32') gpu.push('cuda');
  if (platform === 'win32') gpu.push('dml');
  if (platform === 'darwin') gpu.push('coreml');
  return [...gpu, 'cpu'];
}

/** onnxruntime's messages start with a source path and a lambda signature; keep what a person can act on. */
export function conciseProviderError(message: string): string {
  const afterAssert = /was false\.\s*(.*)$/s.exec(message)?.[1];
  const text = (afterAssert ?? message).replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * Loads OpenCV.js (@techstark/opencv-js: OpenCV 4.5.1 compiled to WebAssembly, single-threaded)
 * once per thread, and types the few functions the flow code uses.
 *
 * Three traps, handled here:
 *  - `require` returns the Emscripten module before its WebAssembly is instantiated; it is ready
 *    when `onRuntimeInitialized` fires (or at once if `Mat` already exists).
 *  - The module is a thenable whose `then` calls back with the module itself, so `await cv`, or
 *    returning it from an async function, loops forever in microtasks at 100% CPU. Once the
 *    runtime is ready its `then` is deleted (it exists only to signal readiness), so the
 *    module is a plain object from then on.
 *  - Emscripten's Node glue adds process-wide 'uncaughtException' (rethrow) and
 *    'unhandledRejection' (abort the WebAssembly runtime) listeners. An unrelated rejection
 *    elsewhere would then kill OpenCV, so the listeners it added are removed again.
 */
import { createRequire } from 'node:module';

export interface CvMat {
  readonly rows: number;
  readonly cols: number;
  /** A fresh view into the WebAssembly heap on every access: never keep it across OpenCV calls (the heap can grow). */
  readonly data: Uint8Array;
  readonly data32F: Float32Array;
  delete(): void;
}

export interface OpenCv {
  Mat: new (rows: number, cols: number, type: number) => CvMat;
  CV_8UC1: number;
  CV_8UC3: number;
  CV_32FC2: number;
  COLOR_RGB2GRAY: number;
  cvtColor(src: CvMat, dst: CvMat, code: number): void;
  calcOpticalFlowFarneback(
    prev: CvMat,
    next: CvMat,
    flow: CvMat,
    pyrScale: number,
    levels: number,
    winsize: number,
    iterations: number,
    polyN: number,
    polySigma: number,
    flags: number,
  ): void;
  /** OpenCV's C++ exceptions reach JavaScript as a number: a pointer to the exception. */
  exceptionFromPtr(pointer: number): { msg: string };
  getBuildInformation(): string;
}

type LoadingModule = OpenCv & { onRuntimeInitialized?: () => void; then?: unknown };

let loading: Promise<OpenCv> | null = null;

/** OpenCV.js, initialised; the first call takes about 0.2 s (7.6 MB of JavaScript and WebAssembly). */
export function loadOpenCv(): Promise<OpenCv> {
  loading ??= new Promise((resolve) => {
    const added = watchProcessListeners(['uncaughtException', 'unhandledRejection']);
    const cv = createRequire(import.meta.url)('@techstark/opencv-js') as LoadingModule;
    added.removeNew();
    const ready = () => {
      delete cv.then; // before resolve(): resolving with a thenable would adopt it
      resolve(cv);
    };
    if (typeof cv.Mat === 'function') ready();
    else cv.onRuntimeInitialized = ready;
  });
  return loading;
}

/** A readable message from whatever OpenCV.js threw (an Error, or a C++ exception pointer). */
export function openCvErrorMessage(cv: OpenCv, error: unknown): string {
  if (typeof error === 'number') {
    try {
      return cv.exceptionFromPtr(error).msg.trim();
    } catch {
      return `OpenCV exception at ${error}`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

function watchProcessListeners(events: readonly string[]) {
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'uncaughtException'))]));
  return {
    removeNew(): void {
      for (const event of events) {
        const kept = before.get(event)!;
        for (const listener of process.listeners(event as 'uncaughtException')) {
          if (!kept.has(listener)) process.removeListener(event, listener);
        }
      }
    },
  };
}

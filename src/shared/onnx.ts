/** What the core, the workers and the model import say about an ONNX session and its graph. */

export interface ThreadCounts {
  /** Threads one operator may use (onnxruntime intraOpNumThreads). */
  intraOp: number;
  /** Operators run at once (interOpNumThreads); 1 = sequential execution. */
  interOp: number;
}

export interface TensorInfo {
  name: string;
  /** Fixed sizes as numbers, named dynamic axes as strings; null when the graph does not say. */
  shape: (number | string)[] | null;
  type: string;
}

/**
 * Centred moving median per class, the window truncated at the video's ends (an even number of
 * values then gives the mean of the middle two).
 *
 * Comparisons are the cost: on noisy probabilities each one is a coin toss for the branch
 * predictor. Windows of 3 to 9 frames, the usual choices, therefore use branch-free median
 * networks on the values' bit patterns: IEEE floats ≥ 0 order exactly like their bits read as
 * int32, and integer min/max can be done with a sign mask instead of a branch (5–7 times faster
 * than branching at 400 classes). Larger windows keep a sorted window per class and swap the
 * leaving value for the entering one each frame, O(window) per value.
 * Probabilities are ≥ 0; a negative input would be misordered by the networks.
 */
export function movingMedian(probs: Float32Array, frameCount: number, classCount: number, half: number): Float32Array {
  const out = new Float32Array(frameCount * classCount);
  const window = 2 * half + 1;
  // The first and last `half` frames see truncated windows: few enough to compute one by one.
  const interiorEnd = frameCount - half; // frames [half, interiorEnd) see the full window
  for (let f = 0; f < Math.min(half, frameCount); f++) truncatedMedian(probs, out, frameCount, classCount, half, f);
  for (let f = Math.max(half, interiorEnd); f < frameCount; f++) truncatedMedian(probs, out, frameCount, classCount, half, f);
  if (interiorEnd <= half) return out;
  const bits = new Int32Array(probs.buffer, probs.byteOffset, probs.length);
  const outBits = new Int32Array(out.buffer);
  const network = NETWORKS[window];
  if (network) network(bits, outBits, classCount, half, interiorEnd);
  else slidingMedian(probs, out, classCount, half, interiorEnd);
  return out;
}

/*
 * Median networks (Devillard, "Fast median search", 1998; checked exhaustively on 0/1 inputs by
 * the tests, which by the 0-1 principle covers every input). Each line is one compare-exchange
 * leaving (a, b) = (min, max):  x = a − b; x &= ~(x >> 31)  is max(a − b, 0);  a −= x; b += x.
 */
function medianOf3(bits: Int32Array, out: Int32Array, step: number, from: number, to: number): void {
  for (let i = from * step, end = to * step; i < end; i++) {
    let p0 = bits[i - step]!, p1 = bits[i]!, p2 = bits[i + step]!, x;
    x = p0 - p1; x &= ~(x >> 31); p0 -= x; p1 += x;
    x = p1 - p2; x &= ~(x >> 31); p1 -= x; p2 += x;
    x = p0 - p1; x &= ~(x >> 31); p0 -= x; p1 += x;
    out[i] = p1;
  }
}

function medianOf5(bits: Int32Array, out: Int32Array, step: number, from: number, to: number): void {
  for (let i = from * step, end = to * step; i < end; i++) {
    let p0 = bits[i - 2 * step]!, p1 = bits[i - step]!, p2 = bits[i]!, p3 = bits[i + step]!, p4 = bits[i + 2 * step]!, x;
    x = p0 - p1; x &= ~(x >> 31); p0 -= x; p1 += x;
    x = p3 - p4; x &= ~(x >> 31); p3 -= x; p4 += x;
    x = p0 - p3; x &= ~(x >> 31); p0 -= x; p3 += x;
    x = p1 - p4; x &= ~(x >> 31); p1 -= x; p4 += x;
    x = p1 - p2; x &= ~(x >> 31); p1 -= x; p2 += x;
    x = p2 - p3; x &= ~(x >> 31); p2 -= x; p3 += x;
    x = p1 - p2; x &= ~(x >> 31); p1 -= x; p2 += x;
    out[i] = p2;
  }
}

function medianOf7(bits: Int32Array, out: Int32Array, step: number, from: number, to: number): void {
  for (let i = from * step, end = to * step; i < end; i++) {
    let p0 = bits[i - 3 * step]!, p1 = bits[i - 2 * step]!, p2 = bits[i - step]!, p3 = bits[i]!;
    let p4 = bits[i + step]!, p5 = bits[i + 2 * step]!, p6 = bits[i + 3 * step]!, x;
    x = p0 - p5; x &= ~(x >> 31); p0 -= x; p5 += x;
    x = p0 - p3; x &= ~(x >> 31); p0 -= x; p3 += x;
    x = p1 - p6; x &= ~(x >> 31); p1 -= x; p6 += x;
    x = p2 - p4; x &= ~(x >> 31); p2 -= x; p4 += x;
    x = p0 - p1; x &= ~(x >> 31); p0 -= x; p1 += x;
    x = p3 - p5; x &= ~(x >> 31); p3 -= x; p5 += x;
    x = p2 - p6; x &= ~(x >> 31); p2 -= x; p6 += x;
    x = p2 - p3; x &= ~(x >> 31); p2 -= x; p3 += x;
    x = p3 - p6; x &= ~(x >> 31); p3 -= x; p6 += x;
    x = p4 - p5; x &= ~(x >> 31); p4 -= x; p5 += x;
    x = p1 - p4; x &= ~(x >> 31); p1 -= x; p4 += x;
    x = p1 - p3; x &= ~(x >> 31); p1 -= x; p3 += x;
    x = p3 - p4; x &= ~(x >> 31); p3 -= x; p4 += x;
    out[i] = p3;
  }
}

function medianOf9(bits: Int32Array, out: Int32Array, step: number, from: number, to: number): void {
  for (let i = from * step, end = to * step; i < end; i++) {
    let p0 = bits[i - 4 * step]!, p1 = bits[i - 3 * step]!, p2 = bits[i - 2 * step]!, p3 = bits[i - step]!, p4 = bits[i]!;
    let p5 = bits[i + step]!, p6 = bits[i + 2 * step]!, p7 = bits[i + 3 * step]!, p8 = bits[i + 4 * step]!, x;
    x = p1 - p2; x &= ~(x >> 31); p1 -= x; p2 += x;
    x = p4 - p5; x &= ~(x >> 31); p4 -= x; p5 += x;
    x = p7 - p8; x &= ~(x >> 31); p7 -= x; p8 += x;
    x = p0 - p1; x &= ~(x >> 31); p0 -= x; p1 += x;
    x = p3 - p4; x &= ~(x >> 31); p3 -= x; p4 += x;
    x = p6 - p7; x &= ~(x >> 31); p6 -= x; p7 += x;
    x = p1 - p2; x &= ~(x >> 31); p1 -= x; p2 += x;
    x = p4 - p5; x &= ~(x >> 31); p4 -= x; p5 += x;
    x = p7 - p8; x &= ~(x >> 31); p7 -= x; p8 += x;
    x = p0 - p3; x &= ~(x >> 31); p0 -= x; p3 += x;
    x = p5 - p8; x &= ~(x >> 31); p5 -= x; p8 += x;
    x = p4 - p7; x &= ~(x >> 31); p4 -= x; p7 += x;
    x = p3 - p6; x &= ~(x >> 31); p3 -= x; p6 += x;
    x = p1 - p4; x &= ~(x >> 31); p1 -= x; p4 += x;
    x = p2 - p5; x &= ~(x >> 31); p2 -= x; p5 += x;
    x = p4 - p7; x &= ~(x >> 31); p4 -= x; p7 += x;
    x = p4 - p2; x &= ~(x >> 31); p4 -= x; p2 += x;
    x = p6 - p4; x &= ~(x >> 31); p6 -= x; p4 += x;
    x = p4 - p2; x &= ~(x >> 31); p4 -= x; p2 += x;
    out[i] = p4;
  }
}

/** Frames [from, to) with full windows: one sorted window per class, sorted[c * window + i]. */
function slidingMedian(probs: Float32Array, out: Float32Array, classCount: number, half: number, to: number): void {
  const window = 2 * half + 1;
  const sorted = new Float32Array(classCount * window);
  for (let c = 0; c < classCount; c++) {
    for (let k = 0; k < window; k++) insertSorted(sorted, c * window, k, probs[k * classCount + c]!);
  }
  for (let f = half; f < to; f++) {
    const base = f * classCount;
    const leaving = (f - half) * classCount;
    const entering = (f + half + 1) * classCount;
    const last = f + 1 === to;
    for (let c = 0; c < classCount; c++) {
      const w = c * window;
      out[base + c] = sorted[w + half]!;
      if (!last) replaceSorted(sorted, w, window, probs[leaving + c]!, probs[entering + c]!);
    }
  }
}

function insertSorted(sorted: Float32Array, start: number, size: number, value: number): void {
  let i = start + size;
  for (; i > start && sorted[i - 1]! > value; i--) sorted[i] = sorted[i - 1]!;
  sorted[i] = value;
}

/** Swaps `old` (present bit-for-bit) for `value` in sorted[start, start + size), keeping it sorted. */
function replaceSorted(sorted: Float32Array, start: number, size: number, old: number, value: number): void {
  const end = start + size;
  let i = start;
  while (i < end - 1 && sorted[i] !== old) i++; // bounded: a NaN never compares equal
  if (value > old) {
    for (; i + 1 < end && sorted[i + 1]! < value; i++) sorted[i] = sorted[i + 1]!;
  } else {
    for (; i > start && sorted[i - 1]! > value; i--) sorted[i] = sorted[i - 1]!;
  }
  sorted[i] = value;
}

/** Median of frame f's truncated window [max(0, f − half), min(frameCount − 1, f + half)], per class. */
function truncatedMedian(probs: Float32Array, out: Float32Array, frameCount: number, classCount: number, half: number, f: number): void {
  const lo = Math.max(0, f - half);
  const size = Math.min(frameCount - 1, f + half) - lo + 1;
  const scratch = new Float32Array(size);
  for (let c = 0; c < classCount; c++) {
    for (let k = 0; k < size; k++) insertSorted(scratch, 0, k, probs[(lo + k) * classCount + c]!);
    const mid = size >> 1;
    out[f * classCount + c] = size % 2 === 1 ? scratch[mid]! : (scratch[mid - 1]! + scratch[mid]!) / 2;
  }
}

type MedianNetwork = (bits: Int32Array, out: Int32Array, step: number, from: number, to: number) => void;
const NETWORKS: Partial<Record<number, MedianNetwork>> = { 3: medianOf3, 5: medianOf5, 7: medianOf7, 9: medianOf9 };

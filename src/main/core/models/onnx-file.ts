/**
 * Reads what import needs from an ONNX file without loading it: the protobuf structure of the
 * ModelProto (so a file that is not ONNX, or is cut short, fails at once), the IR and opset
 * versions, and the graph's inputs and outputs with their dtypes and shapes. Initializers and
 * nodes are skipped by their length prefixes, so a 2 GB model costs a few thousand small reads,
 * and a graph that does not match its manifest is refused before onnxruntime ever allocates it.
 *
 * [Note: ONNX wire format] ModelProto (onnx.proto3): 1 ir_version, 7 graph, 8 opset_import.
 * GraphProto: 5 initializer, 11 input, 12 output. ValueInfoProto: 1 name, 2 type. TypeProto:
 * 1 tensor_type { 1 elem_type, 2 shape { 1 dim { 1 dim_value | 2 dim_param } } }.
 * TensorProto: 8 name, 14 data_location (1 = EXTERNAL).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../shared/errors.js';
import type { TensorInfo } from '../../../shared/onnx.js';
import { BufferCursor, FileCursor, WIRE, WireError } from './protobuf.js';

export interface OnnxSummary {
  bytes: number;
  irVersion: number;
  producer: string;
  opsets: { domain: string; version: number }[];
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  nodeCount: number;
  initializerCount: number;
}

/** Protobuf messages cannot exceed 2 GiB; larger ONNX models keep their weights in external files. */
export const MAX_ONNX_BYTES = 2 ** 31 - 1;

/** ONNX TensorProto.DataType → the names onnxruntime-node reports. */
const ELEMENT_TYPES: Record<number, string> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string',
  9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
};

/** Small messages (a graph input's type, an opset) are read whole; anything bigger is not what it claims. */
const SMALL_MESSAGE_BYTES = 1 << 20;

export async function readOnnxSummary(file: string): Promise<OnnxSummary> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'UNREADABLE', `${file}: cannot read the model (${code ?? (error as Error).message}).`, { file, field: 'model' });
  }
  try {
    const { size } = await handle.stat();
    const fail = (message: string) => new AppError('INVALID_ARGUMENT', `${file}: ${message}.`, { file, field: 'model' });
    if (size === 0) throw fail('the file is empty, not an ONNX model');
    if (size > MAX_ONNX_BYTES) throw fail(`the file is ${size} bytes; an ONNX file holds at most 2 GiB (larger models keep their weights in external data files, which import does not copy)`);
    const cursor = new FileCursor(handle, size);
    try {
      return await readModel(cursor, size);
    } catch (error) {
      if (error instanceof WireError) throw fail(`${error.truncated ? 'the ONNX file is truncated' : 'not an ONNX model'}: ${error.message}`);
      throw error;
    }
  } finally {
    await handle.close();
  }
}

/** ModelProto's fields and their wire types: a known field with another type is not ONNX. */
const MODEL_FIELD_WIRES: Record<number, number> = { 1: WIRE.varint, 2: WIRE.bytes, 3: WIRE.bytes, 4: WIRE.bytes, 5: WIRE.varint, 6: WIRE.bytes, 7: WIRE.bytes, 8: WIRE.bytes, 14: WIRE.bytes, 20: WIRE.bytes, 25: WIRE.bytes };

async function readModel(c: FileCursor, size: number): Promise<OnnxSummary> {
  const summary: OnnxSummary = { bytes: size, irVersion: 0, producer: '', opsets: [], inputs: [], outputs: [], nodeCount: 0, initializerCount: 0 };
  let sawGraph = false;
  while (c.pos < size) {
    const { field, wire, at } = await c.tag(size);
    if (field === 1 && wire === WIRE.varint) summary.irVersion = Number(await c.varint(size));
    else if (field === 2 && wire === WIRE.bytes) summary.producer = (await c.message(size, SMALL_MESSAGE_BYTES, 'producer_name', at)).toString('utf8');
    else if (field === 7 && wire === WIRE.bytes) {
      if (sawGraph) throw new WireError(`a second graph at byte ${at}`);
      sawGraph = true;
      const length = await c.length(size, 'graph', at);
      await readGraph(c, c.pos + length, summary);
    } else if (field === 8 && wire === WIRE.bytes) summary.opsets.push(readOpset(new BufferCursor(await c.message(size, SMALL_MESSAGE_BYTES, 'opset_import', at))));
    else if (MODEL_FIELD_WIRES[field] !== undefined && MODEL_FIELD_WIRES[field] !== wire) throw new WireError(`ModelProto field ${field} at byte ${at} has wire type ${wire}, not ${MODEL_FIELD_WIRES[field]}`);
    else await c.skipValue(wire, size, at);
  }
  if (summary.irVersion < 1 || summary.irVersion > 100) throw new WireError(summary.irVersion === 0 ? 'no ir_version' : `ir_version ${summary.irVersion} is not an ONNX IR version`);
  if (!sawGraph) throw new WireError('no graph');
  if (summary.opsets.length === 0) throw new WireError('no opset_import');
  return summary;
}

async function readGraph(c: FileCursor, end: number, summary: OnnxSummary): Promise<void> {
  const initializers = new Set<string>();
  const inputs: TensorInfo[] = [];
  while (c.pos < end) {
    const { field, wire, at } = await c.tag(end);
    if (wire === WIRE.bytes && (field === 11 || field === 12)) {
      const info = readValueInfo(new BufferCursor(await c.message(end, SMALL_MESSAGE_BYTES, field === 11 ? 'graph input' : 'graph output', at)));
      (field === 11 ? inputs : summary.outputs).push(info);
    } else if (wire === WIRE.bytes && field === 5) {
      const length = await c.length(end, 'initializer', at);
      const { name, external } = await readInitializer(c, c.pos + length);
      if (external) throw new AppError('INVALID_ARGUMENT', `the initializer "${name}" is stored in an external data file; import copies one file, so re-export with the weights inside the .onnx`, { field: 'model' });
      initializers.add(name);
      summary.initializerCount += 1;
    } else {
      if (field === 1 && wire === WIRE.bytes) summary.nodeCount += 1;
      await c.skipValue(wire, end, at);
    }
  }
  if (c.pos !== end) throw new WireError(`the graph overruns its declared length at byte ${c.pos}`);
  // IR < 4 lists initializers among the inputs; onnxruntime does not feed them.
  summary.inputs = inputs.filter((i) => !initializers.has(i.name));
}

async function readInitializer(c: FileCursor, end: number): Promise<{ name: string; external: boolean }> {
  let name = '';
  let external = false;
  while (c.pos < end) {
    const { field, wire, at } = await c.tag(end);
    if (field === 8 && wire === WIRE.bytes) name = (await c.message(end, SMALL_MESSAGE_BYTES, 'initializer name', at)).toString('utf8');
    else if (field === 14 && wire === WIRE.varint) external = Number(await c.varint(end)) === 1;
    else await c.skipValue(wire, end, at);
  }
  return { name, external };
}

function readOpset(c: BufferCursor): { domain: string; version: number } {
  const opset = { domain: '', version: 0 };
  const end = c.size;
  while (c.pos < end) {
    const { field, wire, at } = c.tagSync(end);
    if (field === 1 && wire === WIRE.bytes) opset.domain = c.messageSync(end, 'domain').toString('utf8');
    else if (field === 2 && wire === WIRE.varint) opset.version = Number(c.varintSync(end));
    else c.skipSync(wire, end, at);
  }
  return opset;
}

function readValueInfo(c: BufferCursor): TensorInfo {
  const info: TensorInfo = { name: '', shape: null, type: 'non-tensor' };
  const end = c.size;
  while (c.pos < end) {
    const { field, wire, at } = c.tagSync(end);
    if (field === 1 && wire === WIRE.bytes) info.name = c.messageSync(end, 'name').toString('utf8');
    else if (field === 2 && wire === WIRE.bytes) Object.assign(info, readType(new BufferCursor(c.messageSync(end, 'type'))));
    else c.skipSync(wire, end, at);
  }
  return info;
}

function readType(c: BufferCursor): Pick<TensorInfo, 'shape' | 'type'> {
  const end = c.size;
  while (c.pos < end) {
    const { field, wire, at } = c.tagSync(end);
    if (field !== 1 || wire !== WIRE.bytes) {
      c.skipSync(wire, end, at);
      continue;
    }
    const tensor = new BufferCursor(c.messageSync(end, 'tensor_type'));
    let type = 'unknown';
    let shape: (number | string)[] | null = null;
    while (tensor.pos < tensor.size) {
      const t = tensor.tagSync(tensor.size);
      if (t.field === 1 && t.wire === WIRE.varint) {
        const code = Number(tensor.varintSync(tensor.size));
        type = ELEMENT_TYPES[code] ?? `onnx-type-${code}`;
      } else if (t.field === 2 && t.wire === WIRE.bytes) shape = readShape(new BufferCursor(tensor.messageSync(tensor.size, 'shape')));
      else tensor.skipSync(t.wire, tensor.size, t.at);
    }
    return { type, shape };
  }
  return { type: 'non-tensor', shape: null };
}

function readShape(c: BufferCursor): (number | string)[] {
  const dims: (number | string)[] = [];
  while (c.pos < c.size) {
    const { field, wire, at } = c.tagSync(c.size);
    if (field !== 1 || wire !== WIRE.bytes) {
      c.skipSync(wire, c.size, at);
      continue;
    }
    const dim = new BufferCursor(c.messageSync(c.size, 'dim'));
    let value: number | string = '?';
    while (dim.pos < dim.size) {
      const d = dim.tagSync(dim.size);
      if (d.field === 1 && d.wire === WIRE.varint) value = Number(dim.varintSync(dim.size));
      else if (d.field === 2 && d.wire === WIRE.bytes) value = dim.messageSync(dim.size, 'dim_param').toString('utf8') || '?';
      else dim.skipSync(d.wire, dim.size, d.at);
    }
    dims.push(value);
  }
  return dims;
}

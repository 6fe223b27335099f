/**
 * Just enough of the protobuf wire format to walk an ONNX file (see [Note: ONNX wire format] in
 * onnx-file.ts): tags, varints and length-delimited values, with every length checked against
 * the end of the message that holds it. FileCursor reads a file through a small buffer and
 * skips values without reading them; BufferCursor parses a message already in memory.
 */
import type { FileHandle } from 'node:fs/promises';

export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** A structural problem in the protobuf stream; `truncated` when the data simply ends too early. */
export class WireError extends Error {
  constructor(
    message: string,
    readonly truncated = false,
  ) {
    super(message);
  }
}

export interface Tag {
  field: number;
  wire: number;
  /** Byte offset of the tag, for messages. */
  at: number;
}

const CHUNK = 64 * 1024;

/** A file read forwards through a 64 KB window; `skip` moves past values without reading them. */
export class FileCursor {
  pos = 0;
  readonly #handle: FileHandle;
  readonly #size: number;
  #window = Buffer.alloc(0);
  #windowStart = 0;

  constructor(handle: FileHandle, size: number) {
    this.#handle = handle;
    this.#size = size;
  }

  async #byte(end: number): Promise<number> {
    if (this.pos >= end) throw new WireError(`a value runs past byte ${end}`, end === this.#size);
    const offset = this.pos - this.#windowStart;
    if (offset < 0 || offset >= this.#window.length) {
      const buffer = Buffer.alloc(Math.min(CHUNK, this.#size - this.pos));
      const { bytesRead } = await this.#handle.read(buffer, 0, buffer.length, this.pos);
      this.#window = buffer.subarray(0, bytesRead);
      this.#windowStart = this.pos;
      if (bytesRead === 0) throw new WireError(`the file ends at byte ${this.pos}`, true);
    }
    return this.#window[this.pos++ - this.#windowStart]!;
  }

  async varint(end: number): Promise<bigint> {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = await this.#byte(end);
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new WireError(`a varint longer than 10 bytes at byte ${this.pos}`);
  }

  async tag(end: number): Promise<Tag> {
    const at = this.pos;
    const key = Number(await this.varint(end));
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0 || ![WIRE.varint, WIRE.fixed64, WIRE.bytes, WIRE.fixed32].includes(wire as 0)) throw new WireError(`byte ${at} holds field ${field} with wire type ${wire}, not a protobuf field`);
    return { field, wire, at };
  }

  /** A length prefix, checked against the end of the enclosing message and of the file; `at` is the field's tag offset. */
  async length(end: number, what: string, at = this.pos): Promise<number> {
    const length = Number(await this.varint(end));
    if (this.pos + length > end) {
      const truncated = end === this.#size;
      throw new WireError(`${what} at byte ${at} declares ${length} bytes but only ${end - this.pos} ${truncated ? 'remain in the file' : 'remain in its message'}`, truncated);
    }
    return length;
  }

  async message(end: number, max: number, what: string, at?: number): Promise<Buffer> {
    const length = await this.length(end, what, at);
    if (length > max) throw new WireError(`${what} at byte ${this.pos} is ${length} bytes, more than such a field ever needs`);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.#handle.read(buffer, 0, length, this.pos);
    if (bytesRead !== length) throw new WireError(`the file ends inside ${what}`, true);
    this.pos += length;
    return buffer;
  }

  async skipValue(wire: number, end: number, at: number): Promise<void> {
    if (wire === WIRE.varint) await this.varint(end);
    else if (wire === WIRE.bytes) {
      const length = await this.length(end, 'a field', at); // read before pos: `pos += await …` would add to the old pos
      this.pos += length;
    }
    else this.#skipFixed(wire === WIRE.fixed64 ? 8 : 4, end);
  }

  #skipFixed(bytes: number, end: number): void {
    if (this.pos + bytes > end) throw new WireError(`a fixed-size value at byte ${this.pos} runs past byte ${end}`, end === this.#size);
    this.pos += bytes;
  }
}

/** The same reads over a message held in memory. */
export class BufferCursor {
  pos = 0;
  readonly #buffer: Buffer;

  constructor(buffer: Buffer) {
    this.#buffer = buffer;
  }

  get size(): number {
    return this.#buffer.length;
  }

  varintSync(end: number): bigint {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= end) throw new WireError('a varint runs past the end of its message');
      const byte = this.#buffer[this.pos++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new WireError('a varint longer than 10 bytes');
  }

  tagSync(end: number): Tag {
    const at = this.pos;
    const key = Number(this.varintSync(end));
    const wire = key % 8;
    if (key < 8 || ![WIRE.varint, WIRE.fixed64, WIRE.bytes, WIRE.fixed32].includes(wire as 0)) throw new WireError(`field ${Math.floor(key / 8)} with wire type ${wire} inside a message`);
    return { field: Math.floor(key / 8), wire, at };
  }

  messageSync(end: number, what: string): Buffer {
    const length = Number(this.varintSync(end));
    if (this.pos + length > end) throw new WireError(`${what} declares ${length} bytes but its message has ${end - this.pos} left`);
    const value = this.#buffer.subarray(this.pos, this.pos + length);
    this.pos += length;
    return value;
  }

  skipSync(wire: number, end: number, at: number): void {
    if (wire === WIRE.varint) this.varintSync(end);
    else if (wire === WIRE.bytes) this.messageSync(end, `the field at ${at}`);
    else {
      this.pos += wire === WIRE.fixed64 ? 8 : 4;
      if (this.pos > end) throw new WireError('a fixed-size value runs past the end of its message');
    }
  }
}

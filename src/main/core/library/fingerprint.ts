import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const SAMPLE_BYTES = 64 * 1024;
export const FINGERPRINT_VERSION = 'ss1';

/**
 * A content fingerprint that stays fast for multi-gigabyte recordings: SHA-256 over the file
 * size and three 64 KiB samples (start, middle, end). It recognises the same file after a move
 * or copy; it is not an integrity check of every byte. Format: `ss1:<hex>`.
 */
export async function fingerprintFile(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const hash = createHash('sha256');
    const sizeBytes = Buffer.alloc(8);
    sizeBytes.writeBigUInt64LE(BigInt(size));
    hash.update(sizeBytes);
    const offsets = size <= SAMPLE_BYTES * 3 ? [0] : [0, Math.floor(size / 2 - SAMPLE_BYTES / 2), size - SAMPLE_BYTES];
    const length = size <= SAMPLE_BYTES * 3 ? size : SAMPLE_BYTES;
    const buffer = Buffer.alloc(length);
    for (const offset of offsets) {
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      hash.update(buffer.subarray(0, bytesRead));
    }
    return `${FINGERPRINT_VERSION}:${hash.digest('hex')}`;
  } finally {
    await handle.close();
  }
}

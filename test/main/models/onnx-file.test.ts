/** The ONNX structure reader sees the graph exactly as onnxruntime does, without loading it. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readOnnxSummary } from '../../../src/main/core/models/index.js';
import { tmpDir } from '../../helpers/clips.js';
import { FIXTURE_MODEL_IDS, fixtureModelFile } from '../analysis/fixtures.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

describe('ONNX structure reader', () => {
  const files = [...FIXTURE_MODEL_IDS.map(fixtureModelFile), ...['framewise', 'cnn-lstm', '3d-cnn'].map((id) => path.join(REPO, 'models', id, 'model.onnx'))];

  it.each(files)('reads the inputs and outputs onnxruntime reports: %s', async (file) => {
    const summary = await readOnnxSummary(file);
    const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1 });
    const describe = (meta: readonly ort.InferenceSession.ValueMetadata[]) => meta.map((m) => (m.isTensor ? { name: m.name, shape: [...m.shape], type: m.type } : null));
    expect(summary.inputs).toEqual(describe(session.inputMetadata));
    expect(summary.outputs).toEqual(describe(session.outputMetadata));
    expect(summary).toMatchObject({ irVersion: 8, producer: 'pytorch', opsets: [{ domain: '', version: 17 }] });
    await session.release();
  });

  it('refuses a file cut inside a small field, naming the field', async () => {
    const file = path.join(tmpDir('onnx'), 'cut.onnx');
    writeFileSync(file, Buffer.from([0x08, 0x08, 0x12, 0x07, 0x70, 0x79]));
    await expect(readOnnxSummary(file)).rejects.toMatchObject({ message: `${file}: the ONNX file is truncated: producer_name at byte 2 declares 7 bytes but only 2 remain in the file.` });
  });
});

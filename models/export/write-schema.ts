/**
 * `npm run schema`: writes the files generated from the TypeScript sources, which a test keeps
 * up to date: models/manifest.schema.json (the manifest v1 JSON Schema, from the zod schema in
 * src/shared/manifest.ts) and models/presets/presets.json (the import presets, for the Python
 * exporter in this folder).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { listPresets } from '../../src/main/core/models/presets/index.js';
import { KINETICS_400 } from '../../src/main/core/models/presets/kinetics400.js';
import { manifestFileSchema } from '../../src/shared/manifest.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../manifest.schema.json', import.meta.url));
export const PRESETS_FILE = fileURLToPath(new URL('../presets/presets.json', import.meta.url));

/** The JSON Schema text of a manifest as written on disk (draft 2020-12; defaults may be omitted). */
export function manifestJsonSchemaText(): string {
  const schema = z.toJSONSchema(manifestFileSchema, { io: 'input', target: 'draft-2020-12' });
  const document = {
    $id: 'https://actionlens.app/schemas/manifest-v1.json',
    title: 'ActionLens model manifest, schema v1',
    description: 'How ActionLens feeds an ONNX video model and reads its output. Generated from src/shared/manifest.ts by `npm run schema`; see docs/models.md.',
    ...schema,
    // Rules across fields that zod checks in code (superRefine / refine), restated for other validators.
    oneOf: [{ required: ['labels'] }, { required: ['labelsFile'] }],
    allOf: [
      // RGB or skeleton ([Note: RGB or skeleton] in src/shared/manifest.ts).
      {
        oneOf: [
          { required: ['preprocess'], not: { required: ['keypoints'] }, properties: { inputs: { required: ['rgb'], not: { anyOf: [{ required: ['keypoints'] }, { required: ['fps'] }] } } } },
          { required: ['keypoints'], not: { anyOf: [{ required: ['preprocess'] }, { required: ['flow'] }] }, properties: { family: { enum: ['frame-classifier', 'recurrent', 'clip'] }, inputs: { required: ['keypoints'], not: { anyOf: [{ required: ['rgb'] }, { required: ['flow'] }] } } } },
        ],
      },
      { if: { properties: { family: { const: 'recurrent' } } }, then: { properties: { inputs: { required: ['state'] } } } },
      { if: { properties: { family: { const: 'two-stream' } } }, then: { required: ['clip', 'flow'], properties: { inputs: { required: ['rgb', 'flow'] } } } },
      { if: { properties: { family: { const: 'clip' } } }, then: { required: ['clip'] } },
      { if: { properties: { preprocess: { properties: { resize: { const: 'short-side-crop' } } } } }, then: { properties: { preprocess: { required: ['shortSide'] } } } },
      { if: { properties: { preprocess: { properties: { resize: { const: 'direct-crop' } } } } }, then: { properties: { preprocess: { required: ['resizeWidth', 'resizeHeight'] } } } },
    ],
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/** The presets with their label lists, as the Python exporter reads them. */
export function presetsJsonText(): string {
  const presets = Object.fromEntries(listPresets().map((p) => [p.name, { ...p, labels: p.labelSet === 'kinetics400' ? KINETICS_400 : [] }]));
  return JSON.stringify({ generatedFrom: 'src/main/core/models/presets (npm run schema)', presets }, null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, manifestJsonSchemaText());
  writeFileSync(PRESETS_FILE, presetsJsonText());
  process.stdout.write(`wrote ${SCHEMA_FILE}\nwrote ${PRESETS_FILE}\n`);
}

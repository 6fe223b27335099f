/**
 * models/manifest.schema.json is what `npm run schema` writes from the zod schema, and it accepts
 * every manifest the project ships (default models, test fixtures, presets), checked by ajv, an
 * independent JSON Schema validator, and refuses what the zod schema refuses.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { listPresets, presetManifest } from '../../../src/main/core/models/presets/index.js';
import { manifestJsonSchemaText, presetsJsonText, PRESETS_FILE, SCHEMA_FILE } from '../../../models/export/write-schema.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const manifestsIn = (dir: string) =>
  readdirSync(dir)
    .map((id) => path.join(dir, id, 'manifest.json'))
    .filter((file) => existsSync(file));
const shipped = [...manifestsIn(path.join(REPO, 'models')), ...manifestsIn(path.join(REPO, 'test/fixtures/models'))];

/** Loose enough to be broken on purpose. */
type Manifest = Record<string, unknown> & { inputs: { rgb: Record<string, unknown> }; preprocess: Record<string, unknown> };

const validator = () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
};

describe('manifest JSON Schema', () => {
  it('is up to date with src/shared/manifest.ts, and so are the presets for the exporter (npm run schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(manifestJsonSchemaText());
    expect(readFileSync(PRESETS_FILE, 'utf8')).toBe(presetsJsonText());
  });

  it('accepts every default model and test fixture manifest', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(7);
    const validate = validator();
    for (const file of shipped) expect(validate(JSON.parse(readFileSync(file, 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
  });

  it('accepts the manifest of every preset', () => {
    const validate = validator();
    for (const preset of listPresets()) {
      const { document } = presetManifest(preset.name, { id: 'imported' });
      expect(validate(document), `${preset.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('refuses an unknown layout, a missing required field, both or neither of labels and labelsFile, a crop policy without its size', () => {
    const validate = validator();
    const base = JSON.parse(readFileSync(path.join(REPO, 'test/fixtures/models/test-clip/manifest.json'), 'utf8')) as Manifest;
    const variant = (edit: (m: Manifest) => void) => {
      const copy = structuredClone(base);
      edit(copy);
      return copy;
    };
    expect(validate(variant((m) => (m.inputs.rgb.layout = 'NHWC')))).toBe(false);
    expect(validate(variant((m) => delete (m as Partial<Manifest>).preprocess))).toBe(false);
    expect(validate(variant((m) => (m.labelsFile = 'labels.txt')))).toBe(false);
    expect(validate(variant((m) => delete m.labels))).toBe(false);
    expect(validate(variant((m) => {
      delete m.labels;
      m.labelsFile = 'labels.txt';
    }))).toBe(true);
    expect(validate(variant((m) => delete m.clip))).toBe(false);
    expect(validate(variant((m) => (m.preprocess = { ...m.preprocess, resize: 'direct-crop' })))).toBe(false);
    expect(validate(variant((m) => (m.preprocess = { ...m.preprocess, resize: 'direct-crop', resizeWidth: 40, resizeHeight: 40 })))).toBe(true);
  });
});

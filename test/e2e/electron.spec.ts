import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ModelsPage } from './modelsPage.js';
import type { PageVideo } from './reviewPage.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'samples/figures-sequence-320x240.mp4');

/**
 * The Electron binary as `require('electron')` would name it, found without requiring the
 * package: its index downloads the binary when it is missing, and this workspace has no network.
 */
function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function skipReason(): string | false {
  if (!electronBinary()) return 'no Electron binary in node_modules/electron (its download needs the network): npm install electron where there is one';
  if (!existsSync(join(ROOT, 'out/main/index.js'))) return 'no desktop build: run npm run build first';
  if (!existsSync(join(ROOT, '.cache/electron-native'))) return 'no better-sqlite3 build for Electron: run npm run prepare:electron first';
  return false;
}

const reason = skipReason();
test.skip(reason !== false, reason || '');

test('desktop app: add a video through the (stubbed) native dialog, open it, step a frame over actionlens-media://', async () => {
  const testInfo = test.info();
  const dataDir = mkdtempSync(join(tmpdir(), 'actionlens-electron-'));
  const app = await electron.launch({
    executablePath: electronBinary() as string,
    args: [join(ROOT, 'out/main/index.js')],
    env: { ...process.env, ACTIONLENS_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await app.evaluate(({ dialog }, file) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
    }, SAMPLE);
    await window.getByRole('button', { name: 'Add videos…' }).click();
    await window.getByRole('button', { name: 'Open figures-sequence-320x240.mp4' }).click();
    const video = window.getByTestId('video');
    await expect(video).toHaveAttribute('src', /^actionlens-media:\/\/video\/\d+$/);
    await expect.poll(() => video.evaluate((v: PageVideo) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await window.keyboard.press('ArrowRight');
    await expect(window.getByTestId('frame-number')).toHaveText('1');
    await window.screenshot({ path: testInfo.outputPath('desktop-video-view.png') });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('desktop app: Browse… fills the model path from the (stubbed) native file dialog, and the import checks that file', async () => {
  const testInfo = test.info();
  const dataDir = mkdtempSync(join(tmpdir(), 'actionlens-electron-models-'));
  const model = join(ROOT, 'test/fixtures/models/test-frame/model.onnx');
  const app = await electron.launch({
    executablePath: electronBinary() as string,
    args: [join(ROOT, 'out/main/index.js')],
    env: { ...process.env, ACTIONLENS_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await app.evaluate(({ dialog }, file) => {
      const calls: unknown[] = [];
      (globalThis as { dialogCalls?: unknown[] }).dialogCalls = calls;
      dialog.showOpenDialog = (async (...args: unknown[]) => {
        calls.push(args[args.length - 1]);
        return { canceled: false, filePaths: [file] };
      }) as typeof dialog.showOpenDialog;
    }, model);
    const models = new ModelsPage(window);
    await models.open();
    await window.getByRole('button', { name: 'Import model…' }).click();
    await window.getByRole('button', { name: 'Browse for onnx model file' }).click();
    await expect(models.modelPathInput()).toHaveValue(model);
    type DialogOptions = { title?: string; filters?: { extensions: string[] }[] };
    const asked = await app.evaluate(() => (globalThis as { dialogCalls?: DialogOptions[] }).dialogCalls ?? []);
    expect(asked[0]?.title).toBe('Choose an ONNX model');
    expect(asked[0]?.filters?.[0]?.extensions).toEqual(['onnx']);
    await window.getByRole('radio', { name: 'a preset' }).check();
    await window.getByLabel('Preset', { exact: true }).selectOption('r3d_18');
    await window.getByRole('button', { name: 'Check and import' }).click();
    await expect(models.importError()).toContainText('does not match preset r3d_18');
    await window.screenshot({ path: testInfo.outputPath('desktop-models.png') });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

import { expect, type Page } from '@playwright/test';

/** Selectors and steps of the Models screen in one place. */
export class ModelsPage {
  constructor(readonly page: Page) {}

  readonly row = (id: string) => this.page.locator(`tr[data-model-id="${id}"]`);
  readonly rows = () => this.page.locator('tr[data-model-id]');
  readonly details = (id: string) => this.page.getByRole('complementary', { name: `Model ${id}` });
  readonly stages = () => this.page.getByRole('list', { name: 'Import stages' }).locator('li');
  readonly importError = () => this.page.locator('.import-panel').getByRole('alert');
  readonly importReport = () => this.page.locator('.import-report');
  readonly modelPathInput = () => this.page.getByLabel('ONNX model file', { exact: true });

  /** Through the header, as a user gets there. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
    await expect(this.page.getByRole('heading', { name: 'Models', level: 2 })).toBeVisible();
    await expect(this.rows().first()).toBeVisible();
  }

  async importWithManifest(modelPath: string, manifestPath: string): Promise<void> {
    if (!(await this.modelPathInput().isVisible())) await this.page.getByRole('button', { name: 'Import model…' }).click();
    await this.modelPathInput().fill(modelPath);
    await this.page.getByLabel('a manifest file').check();
    await this.page.getByLabel('Manifest file', { exact: true }).fill(manifestPath);
    await this.page.getByRole('button', { name: 'Check and import' }).click();
  }

  async importWithPreset(modelPath: string, preset: string, id: string): Promise<void> {
    if (!(await this.modelPathInput().isVisible())) await this.page.getByRole('button', { name: 'Import model…' }).click();
    await this.modelPathInput().fill(modelPath);
    await this.page.getByLabel('a preset').check();
    await this.page.getByLabel('Preset', { exact: true }).selectOption(preset);
    await this.page.getByLabel('Model id (optional)').fill(id);
    await this.page.getByRole('button', { name: 'Check and import' }).click();
  }

  async select(id: string): Promise<void> {
    await this.page.getByRole('button', { name: `Show model ${id}` }).click();
    await expect(this.details(id)).toBeVisible();
  }

  /** The state of each stage (pending, active, done, failed), in order. */
  async stageStates(): Promise<string[]> {
    return this.stages().evaluateAll((items) => items.map((li) => (li as unknown as { dataset: { state?: string } }).dataset.state ?? ''));
  }
}

/** An application core on a fresh database with the fixture models, closed (and checked for leftovers) after each test. */
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { openAppCore, type AppCore, type AppCoreOptions } from '../../../src/main/core/app.js';
import { mediaJobs } from '../../../src/main/core/media/index.js';
import type { VideoSummary } from '../../../src/shared/library.js';
import { runningInferenceWorkers } from '../../../src/workers/inference/client.js';
import { tmpDir } from '../../helpers/clips.js';
import { mediaChildProcesses } from '../../helpers/processes.js';
import { FIXTURE_MODELS_DIR } from './fixtures.js';

export function useTestCore(): { open(options?: Partial<AppCoreOptions>): AppCore } {
  const cores: AppCore[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) {
      await core.close();
      expect(core.store.db.open).toBe(false);
    }
    expect(runningInferenceWorkers()).toBe(0);
    expect(mediaJobs.running()).toEqual([]);
    expect(mediaChildProcesses()).toEqual([]);
  });
  return {
    open(options = {}) {
      const core = openAppCore({
        databaseFile: path.join(tmpDir('engine'), 'engine.db'),
        version: 'test',
        modelDirs: [FIXTURE_MODELS_DIR],
        ...options,
        analysis: { threads: { intraOp: 1 }, ...options.analysis },
      });
      cores.push(core);
      return core;
    },
  };
}

export async function addVideo(core: AppCore, file: string): Promise<VideoSummary> {
  const { added, unchanged, skipped } = await core.library.add([file]);
  const video = added[0] ?? unchanged[0];
  if (!video) throw new Error(`could not add ${file}: ${skipped[0]?.reason}`);
  return video;
}

/** Starts one job and waits for it. */
export async function analyse(core: AppCore, videoId: number, modelId: string, options: Parameters<AppCore['analysis']['start']>[0]['options'] = {}) {
  const [job] = await core.analysis.start({ videoIds: [videoId], modelIds: [modelId], options: { provider: 'cpu', ...options } });
  const [done] = await core.analysis.wait([job!.id]);
  return done!;
}

export function integrityCheck(core: AppCore): string {
  return core.store.db.pragma('integrity_check', { simple: true }) as string;
}

import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ANALYSIS_PLACES, LOCAL_ONLY, type QueueSettings } from '../../../shared/scaleout.js';
import { log } from '../log/logger.js';

/** In the data folder (0700), itself 0600: it holds the Redis password. */
export const SETTINGS_FILE = 'scale-out.json';

const storedSchema = z.object({
  place: z.enum(ANALYSIS_PLACES),
  queueUrl: z.string().nullable(),
  password: z.string().nullable(),
  tlsCaFile: z.string().nullable(),
  insecureRedis: z.boolean(),
});

/** The stored settings, or local-only when there are none (or they cannot be read: logged, never fatal). */
export function readQueueSettings(dataDir: string): QueueSettings {
  let text: string;
  try {
    text = readFileSync(join(dataDir, SETTINGS_FILE), 'utf8');
  } catch {
    return LOCAL_ONLY;
  }
  try {
    return storedSchema.parse(JSON.parse(text));
  } catch (error) {
    log().warn({ file: join(dataDir, SETTINGS_FILE), reason: (error as Error).message.split('\n')[0] }, 'unreadable scale-out settings; analysing locally');
    return LOCAL_ONLY;
  }
}

/** Written whole to a temporary file, then renamed over the old one: a crash leaves either. */
export function writeQueueSettings(dataDir: string, settings: QueueSettings): void {
  const file = join(dataDir, SETTINGS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(storedSchema.parse(settings), null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** `actionlens`: the command-line face of the same core the desktop app uses. */
import { Command } from 'commander';
import { defaultDatabaseFile } from '../core/paths.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerExport } from './commands/export.js';
import { registerIncidents } from './commands/incidents.js';
import { registerInfo } from './commands/info.js';
import { registerLibrary } from './commands/library.js';
import { registerModels } from './commands/models.js';
import { registerPose } from './commands/pose.js';
import { registerProbe } from './commands/probe.js';
import { registerRuns } from './commands/runs.js';
import { registerServe } from './commands/serve.js';
import { registerSources } from './commands/sources.js';
import { packageVersion } from './context.js';

export function buildProgram(): Command {
  const program = new Command('actionlens')
    .description('ActionLens: recognise actions in your videos, frame by frame')
    .version(packageVersion())
    .option('--db <path>', 'SQLite database file', defaultDatabaseFile())
    .option('--json', 'print machine-readable JSON on stdout', false)
    .showHelpAfterError();
  registerInfo(program);
  registerProbe(program);
  registerLibrary(program);
  registerServe(program);
  registerModels(program);
  registerAnalyze(program);
  registerPose(program);
  registerRuns(program);
  registerExport(program);
  registerSources(program);
  registerIncidents(program);
  return program;
}

await buildProgram().parseAsync(process.argv);

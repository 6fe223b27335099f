/** `actionlens`: the command-line face of the same core the desktop app uses. */
import { Command } from 'commander';
import { defaultDatabaseFile } from '../core/paths.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerDb } from './commands/db.js';
import { registerDatasets } from './commands/datasets.js';
import { registerEval } from './commands/eval.js';
import { registerClips } from './commands/clips.js';
import { registerExport } from './commands/export.js';
import { registerIncidents } from './commands/incidents.js';
import { registerInfo } from './commands/info.js';
import { registerLibrary } from './commands/library.js';
import { registerModels } from './commands/models.js';
import { registerPose } from './commands/pose.js';
import { registerProbe } from './commands/probe.js';
import { registerRuns } from './commands/runs.js';
import { registerServe } from './commands/serve.js';
import { registerTracks } from './commands/tracks.js';
import { registerWorker } from './commands/worker.js';
import { registerSources } from './commands/sources.js';
import { packageVersion } from './context.js';
import { EXIT, printError } from './errors.js';
import { quietOnClosedPipe } from './output.js';
import { plain } from './plain.js';

export function buildProgram(): Command {
  const program = new Command('actionlens')
    .description('ActionLens: recognise actions in your videos, frame by frame')
    .version(packageVersion())
    .option('--db <path>', 'SQLite database file', defaultDatabaseFile())
    .option('--json', 'print machine-readable JSON on stdout', false)
    .option('--verbose', 'also print the log (commands run, slow statements and calls) on stderr; it always goes to <data folder>/logs', false)
    // Commander's own usage errors keep to the one-line form of errors.ts, with a pointer to the help.
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`actionlens: ${plain(text.replace(/^error: /, '').trimEnd())}\n`) });
  registerInfo(program);
  registerProbe(program);
  registerLibrary(program);
  registerServe(program);
  registerModels(program);
  registerAnalyze(program);
  registerPose(program);
  registerRuns(program);
  registerExport(program);
  registerDb(program);
  registerDatasets(program);
  registerEval(program);
  registerTracks(program);
  registerClips(program);
  registerWorker(program);
  registerSources(program);
  registerIncidents(program);
  return program;
}

// The one error path (errors.ts): whatever escapes a command is a line on stderr, never a stack trace.
quietOnClosedPipe();
const fail = (error: unknown) => {
  printError(error);
  process.exit(process.exitCode ?? EXIT.internal);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
await buildProgram().parseAsync(process.argv).catch(fail);

/** `actionlens db check | recover`: a damaged database, checked and copied into a sound one (the original is kept). */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatFrameRange } from '../../../shared/format.js';
import { defaultDatabaseFile } from '../../core/paths.js';
import { checkDatabaseFile, recoverDatabaseFile, type RecoveryReport } from '../../core/store/recover.js';
import type { GlobalOptions } from '../context.js';
import { EXIT, usageError } from '../errors.js';
import { printJson, reportError } from '../output.js';
import { plain } from '../plain.js';

interface RecoverOptions extends GlobalOptions {
  out?: string;
}

export function registerDb(program: Command): void {
  const db = program.command('db').description('check a database, or copy what is readable from a damaged one into a new file');
  db.command('check')
    .description('run SQLite\'s full integrity check on the database (read-only); exit 2 when it is damaged')
    .action((_options, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const file = databaseFile(options);
      try {
        const report = checkDatabaseFile(file);
        if (options.json) printJson(report);
        else if (report.ok) process.stdout.write(`ok  ${plain(file)} passes integrity_check\n`);
        else process.stdout.write(`damaged  ${plain(file)}\n${report.problems.map((p) => `  ${plain(p)}\n`).join('')}Copy what is readable into a new database with: actionlens --db ${plain(file)} db recover\n`);
        if (!report.ok) process.exitCode = EXIT.database;
      } catch (error) {
        reportError(error, options);
      }
    });
  db.command('recover')
    .description('copy every readable row into a new database with the current schema, and report what was lost (the damaged file is not changed)')
    .option('--out <file>', 'the new database (default: beside the damaged one, named .recovered-<time>.db)')
    .action((_options, command: Command) => {
      const options = command.optsWithGlobals<RecoverOptions>();
      const file = databaseFile(options);
      try {
        const out = path.resolve(options.out ?? defaultOut(file));
        if (!statSync(path.dirname(out), { throwIfNoEntry: false })?.isDirectory()) throw usageError(`--out ${out}: the folder ${path.dirname(out)} does not exist.`, 'out');
        const report = recoverDatabaseFile(file, out);
        if (options.json) printJson(report);
        else process.stdout.write(describe(report));
      } catch (error) {
        reportError(error, options);
      }
    });
}

function databaseFile(options: GlobalOptions): string {
  return path.resolve(options.db ?? defaultDatabaseFile());
}

function defaultOut(file: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return path.join(path.dirname(file), `${path.basename(file, '.db')}.recovered-${stamp}.db`);
}

function describe(report: RecoveryReport): string {
  const lines = [`recovered ${plain(report.source)} into ${plain(report.out)} (passes integrity_check)`];
  for (const t of report.tables) {
    const lost = t.lost === null ? 'an unknown number lost' : `${t.lost} lost`;
    const unreadable = t.unreadable.length > 0 ? `; unreadable rowids ${t.unreadable.join(', ')}` : '';
    const refused = t.refused > 0 ? `; ${t.refused} dropped (their parent row was lost, or a value was invalid)` : '';
    lines.push(`  ${t.table.padEnd(18)} ${String(t.copied).padStart(7)} copied, ${lost}${unreadable}${refused}`);
  }
  for (const run of report.truncatedRuns) lines.push(`  run ${run.runId}: kept frames ${formatFrameRange(0, run.keptFrames)} in order, later frames lost; now ${run.status}`);
  lines.push(`The damaged file is unchanged. To use the recovered one, close ActionLens and put it in place of ${plain(report.source)}, or pass --db ${plain(report.out)}.`);
  return lines.join('\n') + '\n';
}

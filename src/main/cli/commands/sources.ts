import path from 'node:path';
import { Option, type Command } from 'commander';
import type { ReviewSource } from '../../../shared/review.js';
import { FolderWatcher } from '../../core/review/watcher.js';
import { withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';

interface SourceAddOptions extends GlobalOptions {
  name?: string;
  model: string[];
  stride: number;
  recursive: boolean;
  classes?: string;
  minConfidence: number;
  minDuration: number;
  window: string[];
  preRoll: number;
  postRoll: number;
  mergeGap: number;
}

const number = (value: string) => Number(value);
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** '22:00-06:00' → { start, end }; the rule's schema checks the times. */
function parseWindow(text: string): { start: string; end: string } {
  const [start = '', end = ''] = text.split('-');
  return { start, end };
}

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('camera folders watched for the review queue, with their alert rule');
  sources
    .command('add')
    .description('add a folder of recordings (one camera, or a tree with --recursive) with its model(s), stride and alert rule')
    .argument('<folder>', 'the folder its recordings are written to')
    .option('--name <name>', 'source name (default: the folder name)')
    .requiredOption('--model <id>', 'model to analyse with (repeat for several)', collect)
    .option('--stride <n>', 'analyse every n-th frame', (v) => Number.parseInt(v, 10), 4)
    .option('--recursive', 'include subfolders (a tree of cameras)', false)
    .option('--classes <list>', 'comma-separated classes that alert (default: every class)')
    .option('--min-confidence <p>', 'segments below this confidence do not alert', number, 0.5)
    .option('--min-duration <sec>', 'segments shorter than this do not alert', number, 0)
    .addOption(new Option('--window <HH:MM-HH:MM>', 'alert only in this daily window, local time (repeatable; may cross midnight)').argParser(collect).default([]))
    .option('--pre-roll <sec>', 'seconds shown before an item', number, 3)
    .option('--post-roll <sec>', 'seconds shown after an item', number, 3)
    .option('--merge-gap <sec>', 'segments closer than this become one item', number, 10)
    .action(async (folder: string, _options, command: Command) => {
      const o = command.optsWithGlobals<SourceAddOptions>();
      await withCore(o, async (core) => {
        const source = await core.review.addSource({ name: o.name ?? path.basename(path.resolve(folder)), path: folder, recursive: o.recursive, modelIds: o.model, stride: o.stride });
        const settings = {
          classes: o.classes ? o.classes.split(',').map((c) => c.trim()).filter((c) => c !== '') : [],
          minConfidence: o.minConfidence, minDurationSec: o.minDuration, windows: o.window.map(parseWindow),
          preRollSec: o.preRoll, postRollSec: o.postRoll, mergeGapSec: o.mergeGap,
        };
        let rule;
        try {
          rule = core.review.addRule(source.id, 'default', settings);
        } catch (error) {
          core.review.repo.removeSource(source.id); // no source without its rule
          throw error;
        }
        if (o.json) printJson({ source, rule });
        else process.stdout.write(`added source ${source.id} "${source.name}" (${source.path}); watch it with: actionlens watch\n`);
      });
    });
  sources
    .command('list')
    .description('list sources with their models, stride and rules')
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions>();
      await withCore(o, async (core) => {
        const list = core.review.repo.sources().map((s) => ({ ...s, rules: core.review.repo.rules(s.id) }));
        if (o.json) printJson(list);
        else process.stdout.write(list.length === 0 ? 'No sources yet. Add one with: actionlens sources add <folder> --model <id>\n' : list.map(describe).join(''));
      });
    });
  sources
    .command('remove')
    .description('remove a source with its rules and review items (recordings and runs stay)')
    .argument('<source>', 'source id or name')
    .action(async (which: string, _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions>();
      await withCore(o, async (core) => {
        const source = core.review.repo.findSource(which);
        core.review.repo.removeSource(source.id);
        if (o.json) printJson({ removed: source.id });
        else process.stdout.write(`removed source ${source.id} "${source.name}"\n`);
      });
    });

  program
    .command('watch')
    .description('analyse new and growing recordings in every source folder as they are written, until interrupted')
    .option('--interval <sec>', 'seconds between folder scans', number, 2)
    .option('--follow <sec>', 'a recording is done once it has not grown for this long', number, 10)
    .option('--once', 'one scan; wait for its jobs; then exit', false)
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { interval: number; follow: number; once: boolean }>();
      await withCore(o, async (core) => {
        core.analysis.requeueInterrupted();
        const say = (line: string) => (o.json ? printJson(JSON.parse(line)) : process.stdout.write(`${line}\n`));
        const stopJobs = core.on('analysis.job', (job) => {
          if (job.state === 'completed' || job.state === 'failed') say(o.json ? JSON.stringify({ job: job.id, state: job.state, file: job.videoPath }) : `${job.state}: ${path.basename(job.videoPath)} (${job.modelId})`);
        });
        let skipped = 0;
        const watcher = new FolderWatcher(core.review, core.library, {
          intervalMs: o.interval * 1000,
          followIdleSec: o.follow,
          onJobs: (source, jobs) => process.stderr.write(`${source.name}: analysing ${jobs.map((j) => path.basename(j.videoPath)).join(', ')}\n`),
          onSourceError: (source, message) => process.stderr.write(`${source.name}: ${message}\n`),
          onSkipped: (file, reason) => {
            skipped += 1;
            process.stderr.write(`not yet: ${file}: ${reason}\n`);
          },
        });
        if (o.once) {
          // A file skipped (still empty, or a probe that crashed) is tried again, up to three passes.
          for (let pass = 0, before = skipped; pass < 3; pass++, before = skipped) {
            const jobs = await watcher.scanOnce();
            await core.analysis.wait(jobs.map((j) => j.id));
            if (skipped === before) break;
          }
        } else {
          watcher.start();
          process.stderr.write(`watching ${core.review.repo.sources().length} source(s); Ctrl+C stops\n`);
          await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
          await watcher.stop();
        }
        stopJobs();
        const page = core.review.repo.page({ limit: 1 });
        if (!o.json) process.stdout.write(`${page.total} review item(s), ${page.unreviewedTotal} unreviewed\n`);
      });
    });
}

function describe(s: ReviewSource & { rules: { name: string; classes: string[]; minConfidence: number }[] }): string {
  const rules = s.rules.map((r) => `${r.name}: ${r.classes.length > 0 ? r.classes.join(', ') : 'every class'} ≥ ${r.minConfidence}`).join('; ');
  const watch = s.watching ? `  watched by the app${s.watchError ? ` (problem: ${s.watchError})` : ''}` : '';
  return `${s.id}  ${s.name}  ${s.path}${s.recursive ? ' (and subfolders)' : ''}  models ${s.modelIds.join(', ')}  stride ${s.stride}  ${rules}${watch}\n`;
}

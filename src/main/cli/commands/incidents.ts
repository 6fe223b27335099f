import path from 'node:path';
import type { Command } from 'commander';
import type { ReviewItem } from '../../../shared/review.js';
import { exportIncident } from '../../core/review/incident-export.js';
import { packageVersion, withCore, type GlobalOptions } from '../context.js';
import { printJson } from '../output.js';

export function registerIncidents(program: Command): void {
  const review = program.command('review').description('the review queue: items grouped from alert-rule matches');
  review
    .command('list')
    .description('review items, newest first')
    .option('--unreviewed', 'only items not reviewed yet', false)
    .option('--source <id>', 'only this source', (v) => Number.parseInt(v, 10))
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 50)
    .action(async (_options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { unreviewed: boolean; source?: number; limit: number }>();
      await withCore(o, async (core) => {
        const page = core.review.repo.page({ state: o.unreviewed ? 'unreviewed' : 'all', sourceId: o.source, limit: o.limit });
        if (o.json) printJson(page);
        else process.stdout.write(`${page.items.map(line).join('')}${page.total} item(s), ${page.unreviewedTotal} unreviewed\n`);
      });
    });

  const incidents = program.command('incidents').description('incident folders made from review items');
  incidents
    .command('export')
    .description("write a review item's clip (stream copy where possible), snapshot PNG with the overlay, segments CSV and provenance JSON")
    .argument('<item>', 'review item id (see: actionlens review list)', (v) => Number.parseInt(v, 10))
    .requiredOption('--out <dir>', 'folder to write incident-<item>/ into')
    .action(async (itemId: number, _options, command: Command) => {
      const o = command.optsWithGlobals<GlobalOptions & { out: string }>();
      await withCore(o, async (core) => {
        const result = await exportIncident(core.store, core.review.repo, itemId, path.resolve(o.out), packageVersion());
        if (o.json) printJson(result);
        else process.stdout.write(`incident ${itemId} written to ${result.dir} (clip: ${result.clipMode === 'copy' ? 'stream copy' : 're-encoded to H.264'})\n`);
      });
    });
}

function line(item: ReviewItem): string {
  const state = item.verdict === null ? 'new' : item.verdict === 'false_alarm' ? 'false alarm' : 'reviewed';
  return `${item.id}  ${item.startedAt.slice(0, 19)}  ${item.sourceName}  ${item.classes.join(',')}  ${Math.round(item.score * 100)}%  ${path.basename(item.videoPath)} ${item.startSec.toFixed(1)}–${item.endSec.toFixed(1)} s  ${state}\n`;
}

import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { IncidentExport, ReviewItem } from '../../../shared/review.js';

export type { IncidentExport };
import { runFfmpeg } from '../media/ffmpeg-run.js';
import { playbackPlan } from '../media/playback-plan.js';
import type { Store } from '../store/index.js';
import { accurateSeekArgs, keyframeAtOrBefore } from './keyframes.js';
import type { ReviewRepository } from './review-store.js';


const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The overlay's text: classes, score, source and wall-clock time. */
export function overlayText(item: ReviewItem): string {
  return `${item.classes.join(', ')}  ${Math.round(item.score * 100)}%  ${item.sourceName}  ${item.startedAt.replace('T', ' ').slice(0, 19)} UTC`;
}

/**
 * Writes an incident folder for a review item: its clip, a PNG of the peak frame with the overlay
 * burnt in (box + label, ffmpeg drawbox/drawtext), a CSV of its run's segments in the span and a
 * JSON of its provenance (source, file, model id/version/sha256, run parameters).
 */
export async function exportIncident(store: Store, review: ReviewRepository, itemId: number, outDir: string, appVersion: string): Promise<IncidentExport> {
  const item = review.item(itemId);
  const video = store.videos.get(item.videoId);
  const run = store.runs.get(item.runId);
  if (!video || !run) throw new AppError('NOT_FOUND', `Review item ${itemId}: its video or run is gone.`);
  const model = store.models.get(run.modelId);
  const source = review.source(item.sourceId);
  const rule = review.rule(item.ruleId);
  const dir = join(outDir, `incident-${item.id}`);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw new AppError('INVALID_ARGUMENT', `Cannot write the incident to ${dir}: ${(error as Error).message}`, { field: 'outDir', file: dir });
  });

  const clip = join(dir, 'clip.mp4');
  const keyframe = playbackPlan(video.probe).kind === 'transcode' ? null : await keyframeAtOrBefore(video.path, item.startSec);
  const clipMode = keyframe === null ? 'encode' : 'copy';
  const clipStart = keyframe ?? item.startSec;
  const span = (item.endSec - clipStart).toFixed(3);
  const codec = clipMode === 'copy' ? ['-c:v', 'copy', '-c:a', 'copy'] : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', '-c:a', 'aac'];
  const audio = video.probe.audio && (clipMode === 'encode' || ['aac', 'mp3'].includes(video.probe.audio.codec)) ? ['-map', '0:a:0'] : [];
  await runFfmpeg(['-ss', clipStart.toFixed(3), '-i', video.path, '-t', span, '-map', '0:v:0', ...audio, ...codec, '-avoid_negative_ts', 'make_zero', '-movflags', '+faststart', '-y', clip], `incident clip ${item.id}`);

  const snapshot = join(dir, 'snapshot.png');
  const labelFile = join(dir, '.overlay.txt');
  await writeFile(labelFile, overlayText(item));
  const overlay = `drawbox=x=0:y=ih-36:w=iw:h=36:color=black@0.6:t=fill,drawbox=x=0:y=0:w=iw:h=ih:color=red@0.9:t=4,drawtext=textfile='${labelFile.replaceAll("'", "'\\''")}':fontcolor=white:fontsize=18:x=8:y=h-27`;
  await runFfmpeg([...(await accurateSeekArgs(video.path, item.peakSec)), '-frames:v', '1', '-vf', overlay, '-y', snapshot], `incident snapshot ${item.id}`);
  if (!existsSync(snapshot)) throw new AppError('INTERNAL', `ffmpeg wrote no snapshot of ${video.path} at ${item.peakSec.toFixed(2)} s.`, { file: video.path });
  await rm(labelFile, { force: true });

  const segments = store.segments.listForRun(run.id).filter((s) => s.startSec < item.endSec && s.endSec > item.startSec);
  const header = 'label,class_index,start_frame,end_frame,start_sec,end_sec,confidence,matches_rule';
  const ruleClasses = new Set(rule.classes);
  const rows = segments.map((s) => {
    const matches = (ruleClasses.size === 0 || ruleClasses.has(s.label)) && (s.confidence ?? 0) >= rule.minConfidence && s.endSec - s.startSec >= rule.minDurationSec;
    return [s.label, s.classIndex, s.startFrame, s.endFrame, s.startSec.toFixed(3), s.endSec.toFixed(3), s.confidence === null ? null : s.confidence.toFixed(4), matches ? 1 : 0].map(csvCell).join(',');
  });
  const segmentsCsv = join(dir, 'segments.csv');
  await writeFile(segmentsCsv, `${[header, ...rows].join('\n')}\n`);

  const provenance = join(dir, 'provenance.json');
  const record = {
    exportedAt: new Date().toISOString(),
    actionlens: appVersion,
    item: { id: item.id, startSec: item.startSec, endSec: item.endSec, startedAt: item.startedAt, score: item.score, classes: item.classes, peakFrame: item.peakFrame, people: item.people, verdict: item.verdict, note: item.note },
    source: { id: source.id, name: source.name, path: source.path, stride: source.stride },
    rule: { id: rule.id, name: rule.name, classes: rule.classes, minConfidence: rule.minConfidence, minDurationSec: rule.minDurationSec, windows: rule.windows, preRollSec: rule.preRollSec, postRollSec: rule.postRollSec, mergeGapSec: rule.mergeGapSec },
    file: { path: video.path, fingerprint: video.fingerprint, sizeBytes: video.sizeBytes, modifiedAt: new Date(video.mtimeMs).toISOString(), container: video.probe.container, codec: video.probe.video.codec },
    model: model ? { id: model.id, name: model.name, family: model.family, version: model.version, sha256: model.sha256 } : { id: run.modelId },
    run: { id: run.id, params: run.params, provider: run.providerUsed ?? run.provider, createdAt: run.createdAt, finishedAt: run.finishedAt, framesDone: run.framesDone },
    clip: { file: 'clip.mp4', mode: clipMode, startSec: clipStart, endSec: item.endSec },
  };
  await writeFile(provenance, `${JSON.stringify(record, null, 2)}\n`);
  return { dir, clip, clipMode, clipStartSec: clipStart, snapshot, segmentsCsv, provenance };
}

/**
 * The names of every call and event between renderer and main, and nothing else.
 * Kept apart from the schemas so the sandboxed preload bundles only these strings (no zod).
 * `contract.ts` is typed so that it declares exactly these names.
 */
export const CALL_NAMES = [
  'app.info',
  'library.list',
  'library.add',
  'library.remove',
  'library.locate',
  'media.probe',
  'media.playback',
  'media.frameTimes',
  'dialog.openVideos',
  'dialog.openFile',
  'models.list',
  'models.import',
  'models.remove',
  'models.show',
  'models.presets',
  'analysis.start',
  'analysis.cancel',
  'analysis.jobs',
  'runs.listForVideo',
  'runs.segments',
  'runs.probabilities',
  'runs.people',
  'runs.rederive',
  'runs.delete',
  'annotations.listForVideo',
  'annotations.segments',
  'annotations.import',
  'pose.start',
  'pose.runs',
  'pose.frames',
  'pose.tracks',
  'pose.kinematics',
  'datasets.list',
  'datasets.import',
  'datasets.map',
  'datasets.remove',
  'eval.run',
  'eval.export',
  'tags.state',
  'tags.createTrack',
  'tags.renameTrack',
  'tags.deleteTrack',
  'tags.setLabels',
  'tags.edit',
  'tags.undo',
  'tags.redo',
  'tags.proposals',
  'tags.decide',
  'tags.corrections',
  'tags.export',
  'tags.import',
  'clips.export',
  'clips.cancel',
  'review.sources',
  'review.items',
  'review.counts',
  'review.mark',
  'review.note',
  'review.preview',
  'review.impact',
  'review.updateRule',
  'incidents.export',
] as const;
export type CallName = (typeof CALL_NAMES)[number];

export const EVENT_NAMES = ['library.changed', 'library.progress', 'analysis.job', 'analysis.progress', 'media.proxy', 'models.changed', 'models.importStage', 'clips.progress'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** IPC channel for a call or event; one prefix so a stray channel can never match. */
export const callChannel = (name: CallName): string => `actionlens:call:${name}`;
export const eventChannel = (name: EventName): string => `actionlens:event:${name}`;

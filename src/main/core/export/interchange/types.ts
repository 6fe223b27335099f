/** The document every interchange format writes and reads: tracks of labelled half-open frame ranges on one video. */
export interface InterchangeSegment {
  label: string;
  startFrame: number;
  endFrame: number;
}

export interface InterchangeTrack {
  name: string;
  segments: InterchangeSegment[];
}

export interface InterchangeDocument {
  /** The video's file (absolute path): EAF's media descriptor, JSON's `media`. */
  mediaFile: string;
  fps: number;
  tracks: InterchangeTrack[];
}

/** Formats that carry seconds (or ms) give frames back by rounding: exact while a frame lasts over a millisecond. */
export const secToFrame = (sec: number, fps: number) => Math.round(sec * fps);
export const frameToMs = (frame: number, fps: number) => Math.round((frame * 1000) / fps);
export const frameToSec = (frame: number, fps: number) => Number((frame / fps).toFixed(6));

/** A file's content that is not what its format says: named by the import as `<file>: <reason>`. */
export class InterchangeError extends Error {}

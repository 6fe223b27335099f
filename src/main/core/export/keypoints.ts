/**
 * Pose exports, generated piece by piece (one frame or row per yielded string) so that an hour of
 * keypoints streams to a file: COCO-style keypoint JSON, keypoints as CSV, kinematics as CSV.
 */
import { JOINT_ANGLES, SPEED_JOINTS, trackKinematics, type KinematicsOptions } from '../../../shared/pose-kinematics.js';
import { COCO_KEYPOINTS, COCO_SKELETON, KEYPOINT_COUNT, type PersonPose, type PoseFrame } from '../../../shared/pose.js';
import { csvLine, decimal } from './format.js';

/** Facts about the pose run written with the keypoints (keep them JSON-serialisable and small). */
export interface PoseRunMeta {
  video: string;
  model: string;
  [key: string]: unknown;
}

/** COCO visibility of an estimated keypoint: 2 (visible) at or above this score, else 1 (placed, unsure). */
export const VISIBLE_SCORE = 0.3;

/** Pixels to 3 decimals (a thousandth of a pixel is far below the estimator's precision). */
const px = (v: number) => Number(v.toFixed(3));
const score = (v: number) => Number(v.toFixed(4));

function annotation(person: PersonPose) {
  const keypoints: number[] = [];
  const scores: number[] = [];
  for (let k = 0; k < KEYPOINT_COUNT; k++) {
    const s = person.keypoints[k * 3 + 2]!;
    keypoints.push(px(person.keypoints[k * 3]!), px(person.keypoints[k * 3 + 1]!), s >= VISIBLE_SCORE ? 2 : 1);
    scores.push(score(s));
  }
  const { x, y, width, height } = person.box;
  return { track_id: person.trackId, ...(person.lost ? { lost: true } : {}), category_id: 1, bbox: [px(x), px(y), px(width), px(height)], area: px(width * height), num_keypoints: scores.filter((s) => s >= VISIBLE_SCORE).length, keypoints, keypoint_scores: scores, score: score(person.score) };
}

/**
 * `{"format":"actionlens-keypoints","formatVersion":1,"run":{…},"categories":[COCO person],"frames":[…]}`,
 * one frame per line: `{"image_id":frame,"frame","time","annotations":[{track_id, bbox [x,y,w,h],
 * keypoints [x,y,v × 17], keypoint_scores, score, …}]}`. Pixels of the video as displayed; v is COCO's
 * visibility (2 at score ≥ VISIBLE_SCORE, else 1); skeleton indices are 1-based as in COCO.
 */
export function* formatKeypointsJson(run: PoseRunMeta, frames: Iterable<PoseFrame>): Generator<string, void, undefined> {
  const category = { id: 1, name: 'person', supercategory: 'person', keypoints: COCO_KEYPOINTS, skeleton: COCO_SKELETON.map(([a, b]) => [a + 1, b + 1]) };
  yield `{"format":"actionlens-keypoints","formatVersion":1,"run":${JSON.stringify(run)},"categories":[${JSON.stringify(category)}],"frames":[`;
  let first = true;
  for (const frame of frames) {
    yield `${first ? '' : ','}\n${JSON.stringify({ image_id: frame.frame, frame: frame.frame, time: Number(decimal(frame.time)), annotations: frame.people.map(annotation) })}`;
    first = false;
  }
  yield '\n]}\n';
}

export const KEYPOINTS_CSV_COLUMNS = [
  'video', 'frame', 'time', 'track', 'lost', 'box_x', 'box_y', 'box_width', 'box_height', 'score',
  ...COCO_KEYPOINTS.flatMap((k) => [`${k}_x`, `${k}_y`, `${k}_score`]),
] as const;

/** One row per frame × person (frames with nobody have no row), keypoints as x, y, score; lost is 1 for a person the tracker keeps at its last position (scores 0). */
export function* formatKeypointsCsv(video: string, frames: Iterable<PoseFrame>): Generator<string, void, undefined> {
  yield csvLine(KEYPOINTS_CSV_COLUMNS);
  for (const frame of frames) {
    for (const p of frame.people) {
      const points: string[] = [];
      for (let k = 0; k < KEYPOINT_COUNT; k++) points.push(String(px(p.keypoints[k * 3]!)), String(px(p.keypoints[k * 3 + 1]!)), String(score(p.keypoints[k * 3 + 2]!)));
      const { x, y, width, height } = p.box;
      yield csvLine([video, String(frame.frame), decimal(frame.time), String(p.trackId), p.lost ? '1' : '0', ...[x, y, width, height].map((v) => String(px(v))), String(score(p.score)), ...points]);
    }
  }
}

export const KINEMATICS_CSV_COLUMNS = [
  'video', 'frame', 'time', 'track',
  ...JOINT_ANGLES.map((a) => `${a}_deg`),
  ...SPEED_JOINTS.map((j) => `${j}_speed_px_s`),
  ...SPEED_JOINTS.map((j) => `${j}_speed_torso_s`),
] as const;

/**
 * One row per frame × person with joint angles (degrees) and speeds (px/s, torso lengths/s);
 * an empty field is a gap (a keypoint below the score threshold). `windows` are consecutive
 * ranges of frames; each is computed with `context` frames of its neighbours on either side
 * (for speeds and smoothing), so the rows match one computation over the whole run except for the
 * torso length, a median per window.
 */
export function* formatKinematicsCsv(video: string, windows: Iterable<{ frames: PoseFrame[]; from: number; to: number }>, options: KinematicsOptions = {}): Generator<string, void, undefined> {
  yield csvLine(KINEMATICS_CSV_COLUMNS);
  const num = (v: number) => (Number.isFinite(v) ? String(Number(v.toFixed(3))) : '');
  for (const { frames, from, to } of windows) {
    const rows: { frame: number; track: number; line: string }[] = [];
    for (const t of trackKinematics(frames, options)) {
      t.frames.forEach((frame, i) => {
        if (frame < from || frame >= to) return;
        const fields = [video, String(frame), decimal(t.times[i]!), String(t.trackId), ...JOINT_ANGLES.map((a) => num(t.angles[a][i]!)), ...SPEED_JOINTS.map((j) => num(t.speedPx[j][i]!)), ...SPEED_JOINTS.map((j) => num(t.speedTorso[j][i]!))];
        rows.push({ frame, track: t.trackId, line: csvLine(fields) });
      });
    }
    rows.sort((a, b) => a.frame - b.frame || a.track - b.track);
    for (const row of rows) yield row.line;
  }
}

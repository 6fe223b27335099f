/**
 * Kinematics of tracked people, for sports analysts: joint angles and joint speeds per person per
 * frame, what Kinovea's angle tool measures by hand. Pure functions over PoseFrames.
 *
 * [Note: kinematics conventions]
 * - A joint angle is the angle at the joint between its two segments, in degrees, 0–180: a
 *   straight knee or elbow is 180, a right angle 90. Hip: shoulder–hip–knee; shoulder:
 *   hip–shoulder–elbow (an arm hanging along the trunk is near 0, raised sideways 90).
 * - Trunk lean: the angle of mid-hip → mid-shoulder from vertical (image up), signed, in degrees:
 *   0 upright, positive leaning towards the image's right, ±180 upside down.
 * - A keypoint below `minScore` is missing: every angle or speed that needs it is NaN (a gap).
 * - Speeds: the central difference over the neighbouring frames (one-sided at a gap's edge) of
 *   the same track, in pixels per second and in torso lengths per second (the track's median
 *   mid-shoulder to mid-hip distance, so that near and far people compare).
 */
import { COCO_KEYPOINTS, type CocoKeypoint, type PoseFrame } from './pose.js';

export const JOINT_ANGLES = ['left_knee', 'right_knee', 'left_hip', 'right_hip', 'left_elbow', 'right_elbow', 'left_shoulder', 'right_shoulder', 'trunk_lean'] as const;
export type JointAngle = (typeof JOINT_ANGLES)[number];

/** Joints whose speed is reported; `mid_hip` is the mean of both hips (the body's centre). */
export const SPEED_JOINTS = ['left_wrist', 'right_wrist', 'left_elbow', 'right_elbow', 'left_ankle', 'right_ankle', 'left_knee', 'right_knee', 'mid_hip'] as const;
export type SpeedJoint = (typeof SPEED_JOINTS)[number];

const K = (name: CocoKeypoint) => COCO_KEYPOINTS.indexOf(name);

/** Angles as [end, vertex, end] keypoints. */
const ANGLE_POINTS: Record<Exclude<JointAngle, 'trunk_lean'>, [number, number, number]> = {
  left_knee: [K('left_hip'), K('left_knee'), K('left_ankle')],
  right_knee: [K('right_hip'), K('right_knee'), K('right_ankle')],
  left_hip: [K('left_shoulder'), K('left_hip'), K('left_knee')],
  right_hip: [K('right_shoulder'), K('right_hip'), K('right_knee')],
  left_elbow: [K('left_shoulder'), K('left_elbow'), K('left_wrist')],
  right_elbow: [K('right_shoulder'), K('right_elbow'), K('right_wrist')],
  left_shoulder: [K('left_hip'), K('left_shoulder'), K('left_elbow')],
  right_shoulder: [K('right_hip'), K('right_shoulder'), K('right_elbow')],
};

export interface KinematicsOptions {
  /** Keypoints scored below this are missing (default 0.3). */
  minScore?: number;
  /** Centred moving average over this many frames (odd; 1 = none, the default), ignoring gaps. */
  smoothFrames?: number;
}

type Point = [number, number] | null;

/** The angle at `b` between b→a and b→c, in degrees [0, 180]; NaN when a segment has no length. */
export function angleAt(a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): number {
  const ux = a[0] - b[0];
  const uy = a[1] - b[1];
  const vx = c[0] - b[0];
  const vy = c[1] - b[1];
  if ((ux === 0 && uy === 0) || (vx === 0 && vy === 0)) return Number.NaN;
  return (Math.atan2(Math.abs(ux * vy - uy * vx), ux * vx + uy * vy) * 180) / Math.PI;
}

/** Signed angle of hip → shoulder from image-up, degrees (see the note). */
export function leanFromVertical(hip: readonly [number, number], shoulder: readonly [number, number]): number {
  const dx = shoulder[0] - hip[0];
  const dy = shoulder[1] - hip[1];
  if (dx === 0 && dy === 0) return Number.NaN;
  return (Math.atan2(dx, -dy) * 180) / Math.PI;
}

function point(keypoints: Float32Array, k: number, minScore: number): Point {
  return keypoints[k * 3 + 2]! >= minScore ? [keypoints[k * 3]!, keypoints[k * 3 + 1]!] : null;
}

function mid(a: Point, b: Point): Point {
  return a && b ? [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] : null;
}

/** One person's angles on one frame, in JOINT_ANGLES order (NaN where a keypoint is missing). */
export function frameAngles(keypoints: Float32Array, minScore = 0.3): number[] {
  return JOINT_ANGLES.map((name) => {
    if (name === 'trunk_lean') {
      const hip = mid(point(keypoints, K('left_hip'), minScore), point(keypoints, K('right_hip'), minScore));
      const shoulder = mid(point(keypoints, K('left_shoulder'), minScore), point(keypoints, K('right_shoulder'), minScore));
      return hip && shoulder ? leanFromVertical(hip, shoulder) : Number.NaN;
    }
    const [a, b, c] = ANGLE_POINTS[name].map((k) => point(keypoints, k, minScore));
    return a && b && c ? angleAt(a, b, c) : Number.NaN;
  });
}

function speedPoint(keypoints: Float32Array, joint: SpeedJoint, minScore: number): Point {
  return joint === 'mid_hip' ? mid(point(keypoints, K('left_hip'), minScore), point(keypoints, K('right_hip'), minScore)) : point(keypoints, K(joint), minScore);
}

/** One tracked person's kinematics over the frames it is present on. */
export interface TrackKinematics {
  trackId: number;
  frames: number[];
  times: number[];
  /** Per JOINT_ANGLES name, one value per frame (degrees; NaN = gap). */
  angles: Record<JointAngle, number[]>;
  /** Per SPEED_JOINTS name: pixels per second. */
  speedPx: Record<SpeedJoint, number[]>;
  /** Per SPEED_JOINTS name: torso lengths per second (NaN when the torso was never seen). */
  speedTorso: Record<SpeedJoint, number[]>;
  /** The track's median torso length in pixels (NaN when never seen). */
  torsoLength: number;
}

/** Every track's kinematics over the frames given (in frame order), tracks in id order. */
export function trackKinematics(frames: readonly PoseFrame[], options: KinematicsOptions = {}): TrackKinematics[] {
  const minScore = options.minScore ?? 0.3;
  const byTrack = new Map<number, { frames: number[]; times: number[]; keypoints: Float32Array[] }>();
  for (const frame of frames) {
    for (const person of frame.people) {
      if (person.lost) continue; // no keypoints: the tracker only remembers where the person was
      let track = byTrack.get(person.trackId);
      if (!track) byTrack.set(person.trackId, (track = { frames: [], times: [], keypoints: [] }));
      track.frames.push(frame.frame);
      track.times.push(frame.time);
      track.keypoints.push(person.keypoints);
    }
  }
  return [...byTrack.entries()].sort(([a], [b]) => a - b).map(([trackId, track]) => {
    const smooth = (values: number[]) => smoothSeries(values, track.frames, options.smoothFrames ?? 1);
    const perFrame = track.keypoints.map((kp) => frameAngles(kp, minScore));
    const angles = Object.fromEntries(JOINT_ANGLES.map((name, i) => [name, smooth(perFrame.map((a) => a[i]!))])) as Record<JointAngle, number[]>;
    const torsos = track.keypoints
      .map((kp) => {
        const hip = mid(point(kp, K('left_hip'), minScore), point(kp, K('right_hip'), minScore));
        const shoulder = mid(point(kp, K('left_shoulder'), minScore), point(kp, K('right_shoulder'), minScore));
        return hip && shoulder ? Math.hypot(shoulder[0] - hip[0], shoulder[1] - hip[1]) : Number.NaN;
      })
      .filter((t) => t > 0);
    const torsoLength = median(torsos);
    const speedPx = {} as Record<SpeedJoint, number[]>;
    const speedTorso = {} as Record<SpeedJoint, number[]>;
    for (const joint of SPEED_JOINTS) {
      const points = track.keypoints.map((kp) => speedPoint(kp, joint, minScore));
      const xs = smooth(points.map((p) => (p ? p[0] : Number.NaN)));
      const ys = smooth(points.map((p) => (p ? p[1] : Number.NaN)));
      speedPx[joint] = speeds(xs, ys, track.frames, track.times);
      speedTorso[joint] = speedPx[joint].map((v) => v / torsoLength);
    }
    return { trackId, frames: track.frames, times: track.times, angles, speedPx, speedTorso, torsoLength };
  });
}

/** Central difference between the neighbours that are the adjacent frames and valid; one-sided at a gap's edge. */
function speeds(xs: number[], ys: number[], frames: number[], times: number[]): number[] {
  const valid = (j: number) => j >= 0 && j < xs.length && Number.isFinite(xs[j]!) && Number.isFinite(ys[j]!);
  return xs.map((_, i) => {
    if (!valid(i)) return Number.NaN;
    const prev = valid(i - 1) && frames[i - 1] === frames[i]! - 1 ? i - 1 : i;
    const next = valid(i + 1) && frames[i + 1] === frames[i]! + 1 ? i + 1 : i;
    const dt = times[next]! - times[prev]!;
    if (prev === next || !(dt > 0)) return Number.NaN;
    return Math.hypot(xs[next]! - xs[prev]!, ys[next]! - ys[prev]!) / dt;
  });
}

/** Centred moving average over `window` frames of the same track (contiguous frame numbers), ignoring NaN; a NaN centre stays NaN. */
export function smoothSeries(values: number[], frames: number[], window: number): number[] {
  if (window <= 1) return values;
  const half = Math.floor(window / 2);
  return values.map((v, i) => {
    if (!Number.isFinite(v)) return Number.NaN;
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
      if (Math.abs(frames[j]! - frames[i]!) > half || !Number.isFinite(values[j]!)) continue;
      sum += values[j]!;
      n += 1;
    }
    return sum / n;
  });
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

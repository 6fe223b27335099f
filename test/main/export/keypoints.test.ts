import { describe, expect, it } from 'vitest';
import { collectText } from '../../../src/main/core/export/index.js';
import { formatKeypointsCsv, formatKeypointsJson, formatKinematicsCsv, KEYPOINTS_CSV_COLUMNS, KINEMATICS_CSV_COLUMNS } from '../../../src/main/core/export/keypoints.js';
import { COCO_KEYPOINTS, KEYPOINT_COUNT, type PersonPose, type PoseFrame } from '../../../src/shared/pose.js';

/** Keypoint k at (10k + frame, 100 + k) with score k / 16 (so a few are below the visibility score). */
function person(trackId: number, frame: number): PersonPose {
  const keypoints = new Float32Array(KEYPOINT_COUNT * 3);
  for (let k = 0; k < KEYPOINT_COUNT; k++) keypoints.set([10 * k + frame + 0.25, 100 + k, k / 16], k * 3);
  return { trackId, box: { x: 5, y: 6, width: 70.5, height: 200 }, score: 0.75, keypoints };
}

const FRAMES: PoseFrame[] = [
  { frame: 0, time: 0, people: [person(1, 0), person(2, 0)] },
  { frame: 1, time: 0.04, people: [] },
  { frame: 2, time: 0.08, people: [person(2, 2)] },
];

describe('keypoints JSON', () => {
  it('is one COCO-style document: every frame with its annotations, keypoints as x, y, visibility', () => {
    const doc = JSON.parse(collectText(formatKeypointsJson({ video: 'a.mp4', model: 'pose:lightning' }, FRAMES))) as {
      format: string;
      categories: { keypoints: string[]; skeleton: number[][] }[];
      frames: { image_id: number; frame: number; time: number; annotations: { track_id: number; bbox: number[]; keypoints: number[]; keypoint_scores: number[]; score: number; num_keypoints: number }[] }[];
    };
    expect(doc.format).toBe('actionlens-keypoints');
    expect(doc.categories[0]!.keypoints).toEqual([...COCO_KEYPOINTS]);
    expect(Math.min(...doc.categories[0]!.skeleton.flat())).toBe(1); // 1-based, as COCO
    expect(doc.frames.map((f) => [f.image_id, f.frame, f.time, f.annotations.length])).toEqual([[0, 0, 0, 2], [1, 1, 0.04, 0], [2, 2, 0.08, 1]]);
    const a = doc.frames[2]!.annotations[0]!;
    expect(a).toMatchObject({ track_id: 2, bbox: [5, 6, 70.5, 200], score: 0.75 });
    expect(a.keypoints).toHaveLength(51);
    // Keypoint 3 (score 3/16 < 0.3): placed but unsure (v 1); keypoint 5 (5/16): visible (v 2).
    expect(a.keypoints.slice(9, 12)).toEqual([32.25, 103, 1]);
    expect(a.keypoints.slice(15, 18)).toEqual([52.25, 105, 2]);
    expect(a.keypoint_scores[5]).toBe(0.3125);
    expect(a.num_keypoints).toBe(12); // scores 5/16 … 16/16
  });
});

describe('keypoints CSV', () => {
  it('has one row per frame × person, with 17 × (x, y, score) after the box', () => {
    const lines = collectText(formatKeypointsCsv('a.mp4', FRAMES)).trimEnd().split('\n');
    expect(lines[0]).toBe(KEYPOINTS_CSV_COLUMNS.join(','));
    expect(KEYPOINTS_CSV_COLUMNS).toHaveLength(10 + 51);
    expect(lines).toHaveLength(4);
    const row = lines[3]!.split(',');
    expect(row.slice(0, 10)).toEqual(['a.mp4', '2', '0.08', '2', '0', '5', '6', '70.5', '200', '0.75']);
    expect(row.slice(10, 13)).toEqual(['2.25', '100', '0']);
    expect(row).toHaveLength(KEYPOINTS_CSV_COLUMNS.length);
  });
});

describe('kinematics CSV', () => {
  it('has one row per frame × person, with empty fields for gaps and rows only from the window it owns', () => {
    const text = collectText(formatKinematicsCsv('a.mp4', [{ frames: FRAMES, from: 0, to: 2 }, { frames: FRAMES.slice(1), from: 2, to: 3 }]));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(KINEMATICS_CSV_COLUMNS.join(','));
    expect(lines.map((l) => l.split(',').slice(1, 4).join(' '))).toEqual(['frame time track', '0 0 1', '0 0 2', '2 0.08 2']);
    const header = lines[0]!.split(',');
    const row = lines[1]!.split(',');
    // Right knee: hip (12: 120.25, 112), knee (14: 140.25, 114), ankle (16: 160.25, 116), all on one line: 180°.
    expect(Number(row[header.indexOf('right_knee_deg')])).toBeCloseTo(180, 3);
    expect(row[header.indexOf('left_wrist_speed_px_s')]).toBe(''); // a single frame has no speed
    expect(row).toHaveLength(KINEMATICS_CSV_COLUMNS.length);
  });
});

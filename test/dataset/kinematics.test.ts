/**
 * Each action, read back from the joints an item JSON exports (camera held still, figure seen
 * from the side), does what actions.md says: speeds, periods, heights, durations.
 */
import { describe, expect, it } from 'vitest';
import type { DefaultAction } from '../../src/shared/actions.js';
import { angleFromDown, exportedClip, range, type ExportedClip } from './exported.js';

const SEEDS = range(8);
const clips = (label: DefaultAction, yawDeg = 0): ExportedClip[] => SEEDS.map((k) => exportedClip(label, k, yawDeg));
const frames = (c: ExportedClip): number[] => range(c.item.frameCount);
const seconds = (c: ExportedClip): number => (c.item.frameCount - 1) / c.fps;
const JOINTS = ['head', 'neck', 'shoulder', 'elbow', 'wrist', 'hip', 'knee', 'ankle'];
const named = JOINTS.flatMap((j) => (j === 'head' || j === 'neck' ? [j] : [`left_${j}`, `right_${j}`]));

/** Sign changes of a signal around its mean: two per period. */
function periods(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  let changes = 0;
  for (let i = 1; i < values.length; i++) if (Math.sign((values[i] as number) - mean) !== Math.sign((values[i - 1] as number) - mean)) changes++;
  return changes / 2;
}

/** Lengths (frames) of the runs where `flags` is true. */
function runs(flags: boolean[]): number[] {
  const out: number[] = [];
  let n = 0;
  for (const f of [...flags, false]) {
    if (f) n++;
    else if (n > 0) {
      out.push(n);
      n = 0;
    }
  }
  return out;
}

/** A sit-down read off joints in time order: standing, then seated with thighs level. */
function expectSitsDown(c: ExportedClip, order: number[]): void {
  const hip = (f: number): number => c.mid(f, 'hip').y;
  const first = order[0] as number;
  const last = order[order.length - 1] as number;
  expect(hip(first) / c.standingHip).toBeGreaterThan(0.97);
  const ratio = hip(last) / c.standingHip;
  expect(ratio).toBeGreaterThanOrEqual(0.45);
  expect(ratio).toBeLessThanOrEqual(0.55);
  expect(Math.abs(c.at(last, 'left_hip').y - c.at(last, 'left_knee').y)).toBeLessThan(0.03); // thighs level
  // The hips go back first and down later: the transition is when they move at all.
  const step = (f: number, g: number): number => Math.hypot(c.mid(f, 'hip').x - c.mid(g, 'hip').x, hip(f) - hip(g));
  const moving = order.filter((f, i) => i > 0 && step(f, order[i - 1] as number) > 0.0001);
  const span = (Math.abs((moving[moving.length - 1] as number) - (moving[0] as number)) + 1) / c.fps;
  expect(span).toBeGreaterThan(0.65);
  expect(span).toBeLessThanOrEqual(2.05);
}

describe('action kinematics from exported joints', () => {
  it('walk: 0.2–0.6 heights/s, 0.8–1.3 s cycle, a foot always on the ground, arms counter-swing', () => {
    for (const c of clips('walk')) {
      const f = frames(c);
      const speed = Math.abs(c.mid(f.length - 1, 'hip').x - c.mid(0, 'hip').x) / seconds(c);
      expect(speed).toBeGreaterThanOrEqual(0.195);
      expect(speed).toBeLessThanOrEqual(0.605);
      const cycle = seconds(c) / periods(f.map((i) => c.at(i, 'left_ankle').x - c.at(i, 'right_ankle').x));
      expect(cycle).toBeGreaterThan(0.7);
      expect(cycle).toBeLessThan(1.45);
      for (const i of f) expect(Math.min(c.at(i, 'left_ankle').y, c.at(i, 'right_ankle').y)).toBeLessThan(c.ankleHeight + 0.005);
      // Left arm forward while the left leg is back: negative correlation.
      const arm = f.map((i) => c.at(i, 'left_wrist').x - c.at(i, 'left_shoulder').x);
      const leg = f.map((i) => c.at(i, 'left_ankle').x - c.at(i, 'left_hip').x);
      expect(arm.reduce((s, a, i) => s + a * (leg[i] as number), 0)).toBeLessThan(0);
    }
  });

  it('run: 1–2.5 heights/s, 0.4–0.7 s cycle, flight phases, torso leaning 10–20°, knees lifted', () => {
    for (const c of clips('run')) {
      const f = frames(c);
      const speed = Math.abs(c.mid(f.length - 1, 'hip').x - c.mid(0, 'hip').x) / seconds(c);
      expect(speed).toBeGreaterThanOrEqual(0.99);
      expect(speed).toBeLessThanOrEqual(2.51);
      const cycle = seconds(c) / periods(f.map((i) => c.at(i, 'left_ankle').x - c.at(i, 'right_ankle').x));
      expect(cycle).toBeGreaterThan(0.35);
      expect(cycle).toBeLessThan(0.8);
      expect(f.some((i) => Math.min(c.at(i, 'left_ankle').y, c.at(i, 'right_ankle').y) > c.ankleHeight + 0.005)).toBe(true);
      const lean = f.map((i) => Math.abs(180 - Math.abs(angleFromDown(c.mid(i, 'hip'), c.at(i, 'neck'))))).reduce((a, b) => a + b) / f.length;
      expect(lean).toBeGreaterThan(9);
      expect(lean).toBeLessThan(21);
      const knee = Math.max(...f.map((i) => Math.abs(angleFromDown(c.at(i, 'left_hip'), c.at(i, 'left_knee')))));
      expect(knee).toBeGreaterThan(40);
    }
  });

  it('jump: hips drop 10–20% of the height, feet leave the ground by 10–30%', () => {
    for (const c of clips('jump')) {
      const f = frames(c);
      const grounded = f.filter((i) => Math.min(c.at(i, 'left_ankle').y, c.at(i, 'right_ankle').y) < c.ankleHeight + 0.005);
      const drop = c.standingHip - Math.min(...grounded.map((i) => c.mid(i, 'hip').y));
      expect(drop).toBeGreaterThanOrEqual(0.095);
      expect(drop).toBeLessThanOrEqual(0.205);
      const clearance = Math.max(...f.map((i) => Math.min(c.at(i, 'left_ankle').y, c.at(i, 'right_ankle').y))) - c.ankleHeight;
      expect(clearance).toBeGreaterThanOrEqual(0.09);
      expect(clearance).toBeLessThanOrEqual(0.34);
    }
  });

  it('wave: a hand above the shoulder, swinging at 1–3 Hz, the body still', () => {
    for (const c of clips('wave')) {
      const f = frames(c);
      const side = ['left', 'right'].find((s) => f.filter((i) => c.at(i, `${s}_wrist`).y > c.at(i, `${s}_shoulder`).y).length > f.length * 0.8);
      expect(side).toBeDefined();
      const raised = f.filter((i) => i / c.fps > 0.5);
      const hz = periods(raised.map((i) => c.at(i, `${side}_wrist`).x - c.at(i, `${side}_elbow`).x)) / ((raised.length - 1) / c.fps);
      expect(hz).toBeGreaterThan(0.8);
      expect(hz).toBeLessThan(3.3);
      const hips = f.map((i) => c.mid(i, 'hip').x);
      expect(Math.max(...hips) - Math.min(...hips)).toBeLessThan(0.03);
    }
  });

  it('clap: the hands meet in front of the chest 1.5–3 times a second', () => {
    for (const c of clips('clap', 45)) {
      const f = frames(c);
      const gap = f.map((i) => Math.hypot(c.at(i, 'left_wrist').x - c.at(i, 'right_wrist').x, c.at(i, 'left_wrist').y - c.at(i, 'right_wrist').y));
      const meets = f.filter((i) => i > 0 && i < f.length - 1 && (gap[i] as number) < (gap[i - 1] as number) && (gap[i] as number) <= (gap[i + 1] as number) && (gap[i] as number) < 0.06).length;
      const rate = meets / seconds(c);
      expect(rate).toBeGreaterThan(1.2);
      expect(rate).toBeLessThan(3.4);
      for (const i of f) expect(c.at(i, 'left_wrist').y).toBeGreaterThan(c.mid(i, 'hip').y); // hands up at the chest
    }
  });

  it('punch: an arm thrusts straight forward at shoulder height and is back within 0.3 s', () => {
    for (const c of clips('punch')) {
      const f = frames(c);
      for (const s of ['left', 'right']) {
        const reach = f.map((i) => Math.abs(c.at(i, `${s}_wrist`).x - c.at(i, `${s}_shoulder`).x));
        const out = reach.map((r) => r > 0.25);
        for (const n of runs(out)) expect(n / c.fps).toBeLessThan(0.3);
        for (const i of f.filter((j) => out[j])) expect(Math.abs(c.at(i, `${s}_wrist`).y - c.at(i, `${s}_shoulder`).y)).toBeLessThan(0.08);
      }
      expect(f.some((i) => Math.max(Math.abs(c.at(i, 'left_wrist').x - c.at(i, 'left_shoulder').x), Math.abs(c.at(i, 'right_wrist').x - c.at(i, 'right_shoulder').x)) > 0.28)).toBe(true);
    }
  });

  it('kick: a leg swings forward and up to 45–90° and back within 0.6 s', () => {
    for (const c of clips('kick')) {
      const f = frames(c);
      let peak = 0;
      for (const s of ['left', 'right']) {
        const thigh = f.map((i) => Math.abs(angleFromDown(c.at(i, `${s}_hip`), c.at(i, `${s}_knee`))));
        peak = Math.max(peak, ...thigh);
        for (const n of runs(thigh.map((a) => a > 10))) expect(n / c.fps).toBeLessThan(0.6);
      }
      expect(peak).toBeGreaterThanOrEqual(44);
      expect(peak).toBeLessThanOrEqual(91);
    }
  });

  it('sit_down: from standing to hips at 45–55% of their standing height, thighs level, over 0.8–2 s', () => {
    for (const c of clips('sit_down')) expectSitsDown(c, frames(c));
  });

  it('stand_up: played backwards it is a sit_down', () => {
    for (const c of clips('stand_up')) expectSitsDown(c, frames(c).reverse());
  });

  it('fall: from standing to lying (head at the ground) within 0.4–1.2 s, then still', () => {
    for (const c of clips('fall')) {
      const f = frames(c);
      const last = f.length - 1;
      const head = f.map((i) => c.at(i, 'head').y);
      expect(head[0]).toBeGreaterThan(0.9);
      expect(head[last]).toBeLessThan(0.12);
      expect(Math.abs(c.at(last, 'head').y - c.mid(last, 'ankle').y)).toBeLessThan(0.1);
      const start = head.findIndex((h) => h < (head[0] as number) - 0.01);
      const end = head.findIndex((h) => h < (head[last] as number) + 0.01);
      const span = (end - start) / c.fps;
      expect(span).toBeGreaterThan(0.25);
      expect(span).toBeLessThanOrEqual(1.25);
      const still = f.filter((i) => i > last - 0.3 * c.fps);
      for (const name of named) for (const i of still) expect(Math.abs(c.at(i, name).y - c.at(last, name).y)).toBeLessThan(0.002);
    }
  });

  it('idle: only sway under 3% of the height, no step, no translation', () => {
    for (const c of clips('idle')) {
      const f = frames(c);
      for (const name of named) {
        const xs = f.map((i) => c.at(i, name).x);
        const ys = f.map((i) => c.at(i, name).y);
        expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(0.03);
        expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(0.03);
      }
    }
  });
});

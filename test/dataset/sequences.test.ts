/** Sequence plans and timelines obey actions.md's chaining rules, for all classes and for subsets. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTIONS, type DefaultAction } from '../../src/shared/actions.js';
import { DEFAULT_SIZES } from '../../models/dataset/format.js';
import { itemLabels, planItem } from '../../models/dataset/item-plan.js';
import { deriveSeed, Rng } from '../../models/dataset/rng.js';
import { planSequence, sequenceImpossible } from '../../models/dataset/sequence-plan.js';
import { range } from './exported.js';

function expectChained(labels: DefaultAction[], seconds: number[]): void {
  expect(labels.length).toBeGreaterThanOrEqual(3);
  expect(labels.length).toBeLessThanOrEqual(10);
  const total = seconds.reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(20);
  expect(total).toBeLessThanOrEqual(90);
  for (const s of seconds) {
    expect(s).toBeGreaterThanOrEqual(1);
    expect(s).toBeLessThanOrEqual(6);
  }
  labels.forEach((label, i) => {
    if (label === 'sit_down') expect(labels[i + 1]).toBe('stand_up');
    if (label === 'stand_up' && i > 0) expect(labels[i - 1]).toBe('sit_down');
    if (label === 'fall') expect(i).toBe(labels.length - 1);
  });
}

describe('sequence plans', () => {
  const subsets: DefaultAction[][] = [[...DEFAULT_ACTIONS], ['walk', 'fall'], ['sit_down', 'stand_up'], ['idle', 'sit_down', 'stand_up', 'fall'], ['stand_up', 'run'], ['kick']];

  it('chain 3–10 actions of 1–6 s, 20–90 s in all: sit_down then stand_up, fall last', () => {
    for (const classes of subsets) {
      for (const k of range(150)) {
        const plan = planSequence(new Rng(deriveSeed('plan', classes.join(), k)), classes);
        expectChained(
          plan.map((a) => a.label),
          plan.map((a) => a.seconds),
        );
        for (const a of plan) expect(classes).toContain(a.label);
      }
    }
  });

  it('put idle between some actions and sometimes end with a fall', () => {
    const plans = range(200).map((k) => planSequence(new Rng(deriveSeed('mix', k)), DEFAULT_ACTIONS));
    expect(plans.filter((p) => p.some((a, i) => a.label === 'idle' && i > 0 && i < p.length - 1)).length).toBeGreaterThan(60);
    expect(plans.filter((p) => p[p.length - 1]?.label === 'fall').length).toBeGreaterThan(40);
    expect(plans.filter((p) => p.some((a) => a.label === 'sit_down')).length).toBeGreaterThan(40);
  });

  it('are refused only for class sets that cannot chain', () => {
    expect(sequenceImpossible(['fall'])).toMatch(/needs one of/);
    expect(sequenceImpossible(['stand_up', 'fall'])).toMatch(/needs one of/);
    expect(sequenceImpossible(['sit_down', 'stand_up'])).toBeNull();
    expect(sequenceImpossible(['wave'])).toBeNull();
  });
});

describe('sequence timelines', () => {
  it('label every frame with the action in progress, in whole-frame segments that keep the rules', () => {
    for (const k of range(4)) {
      const spec = { id: 's', split: 'train' as const, kind: 'sequence' as const, seed: deriveSeed('timeline', k), classes: DEFAULT_ACTIONS, sizes: DEFAULT_SIZES };
      const plan = planItem(spec, { size: [160, 120] });
      const fps = plan.fps.num / plan.fps.den;
      const { frameLabels } = itemLabels(plan);
      expect(frameLabels).toHaveLength(plan.timeline.frameCount);
      let next = 0;
      for (const seg of plan.timeline.segments) {
        expect(seg.startFrame).toBe(next);
        for (let i = seg.startFrame; i < seg.endFrame; i++) expect(DEFAULT_ACTIONS[frameLabels[i] as number]).toBe(seg.label);
        next = seg.endFrame;
      }
      expect(next).toBe(plan.timeline.frameCount);
      expectChained(
        plan.timeline.segments.map((s) => s.label),
        plan.timeline.segments.map((s) => (s.endFrame - s.startFrame) / fps),
      );
      // Each action starts where the previous one ended: the figure never jumps between frames.
      for (const seg of plan.timeline.segments.slice(1)) {
        const a = plan.timeline.poses[seg.startFrame - 1];
        const b = plan.timeline.poses[seg.startFrame];
        expect(Math.abs((a?.x ?? 0) - (b?.x ?? 0))).toBeLessThan(0.1);
        expect(Math.abs((a?.y ?? 0) - (b?.y ?? 0))).toBeLessThan(0.1);
      }
    }
  });
});

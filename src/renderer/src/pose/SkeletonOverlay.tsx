import { useLayoutEffect, useRef } from 'react';
import { COCO_SKELETON, KEYPOINT_COUNT } from '../../../shared/pose.js';
import { trackColor } from './trackColors.js';
import type { ShownPerson } from './usePoseFrame.js';

/** Keypoints scored below this are not drawn (the estimator still placed them). */
const MIN_SCORE = 0.3;

interface Props {
  video: HTMLVideoElement | null;
  people: ShownPerson[] | null;
  /** The video's displayed size: keypoints are in its pixels. */
  width: number;
  height: number;
}

/**
 * Skeletons and person boxes of the frame on screen, over the video: a canvas the size of the
 * player, drawn into the rectangle the video occupies (object-fit: contain letterboxes it).
 */
export function SkeletonOverlay({ video, people, width, height }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const c = canvas.current;
    const box = c?.parentElement;
    if (!c || !box) return;
    const ratio = window.devicePixelRatio || 1;
    const w = box.clientWidth;
    const h = box.clientHeight;
    c.width = Math.round(w * ratio);
    c.height = Math.round(h * ratio);
    c.style.width = `${w}px`;
    c.style.height = `${h}px`;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!people || !video) return;
    const scale = Math.min(w / width, h / height);
    const ox = (w - width * scale) / 2;
    const oy = (h - height * scale) / 2;
    const X = (x: number) => ox + x * scale;
    const Y = (y: number) => oy + y * scale;
    ctx.lineWidth = 2;
    ctx.font = '600 12px system-ui, sans-serif';
    for (const person of people) {
      const color = trackColor(person.trackId);
      const k = person.keypoints;
      const seen = (i: number) => k[i * 3 + 2]! >= MIN_SCORE;
      // A lost person (not found on this frame) keeps a faint box where it was last seen.
      ctx.globalAlpha = person.lost ? 0.4 : 1;
      ctx.strokeStyle = color;
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(X(person.box[0]!), Y(person.box[1]!), person.box[2]! * scale, person.box[3]! * scale);
      ctx.setLineDash([]);
      ctx.fillStyle = color;
      const label = `#${person.trackId}${person.lost ? ' lost' : ''}`;
      const lx = X(person.box[0]!);
      const ly = Math.max(12, Y(person.box[1]!) - 3);
      ctx.fillRect(lx, ly - 12, ctx.measureText(label).width + 6, 15);
      ctx.fillStyle = '#000';
      ctx.fillText(label, lx + 3, ly);
      ctx.strokeStyle = color;
      ctx.lineWidth = 3;
      ctx.beginPath();
      for (const [a, b] of COCO_SKELETON) {
        if (!seen(a) || !seen(b)) continue;
        ctx.moveTo(X(k[a * 3]!), Y(k[a * 3 + 1]!));
        ctx.lineTo(X(k[b * 3]!), Y(k[b * 3 + 1]!));
      }
      ctx.stroke();
      ctx.lineWidth = 2;
      ctx.fillStyle = color;
      for (let i = 0; i < KEYPOINT_COUNT; i++) {
        if (!seen(i)) continue;
        ctx.beginPath();
        ctx.arc(X(k[i * 3]!), Y(k[i * 3 + 1]!), 3, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    }
  });
  return <canvas ref={canvas} className="skeleton-overlay" data-testid="skeleton-overlay" data-people={people?.length ?? -1} aria-label="Skeletons of the people on this frame" />;
}

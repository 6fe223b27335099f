import { useEffect, useMemo, useRef, useState } from 'react';
import type { EvalClip, EvalReport, EvalSequence } from '../../../shared/eval.js';
import { PALETTE } from '../../../shared/timeline/colors.js';
import type { Client } from '../api/client.js';
import { shortcut } from '../common/keymap.js';
import { errorText } from '../common/errors.js';
import { disagreements, jump, labelsPerFrame, type LabelledRange } from '../../../shared/timeline/disagreements.js';
import { formatFrameRange } from '../../../shared/format.js';

interface Track {
  name: string;
  ranges: LabelledRange[];
}

/** What the compare view opens: a clip (its label covers every frame) or an item with per-frame truth. */
export interface CompareTarget {
  key: string;
  path: string;
  videoId: number | null;
  /** Per-frame truth, or null for a clip whose label covers it all. */
  truth: LabelledRange[] | null;
  clipLabel: string | null;
  runs: { modelId: string; runId: number }[];
}

export function clipTarget(clip: EvalClip): CompareTarget {
  const runs = Object.entries(clip.predictions).flatMap(([modelId, p]) => (p ? [{ modelId, runId: p.runId }] : []));
  return { key: `clip-${clip.itemId}`, path: clip.path, videoId: clip.videoId, truth: null, clipLabel: clip.label, runs };
}

export function sequenceTarget(sequence: EvalSequence): CompareTarget {
  const runs = Object.entries(sequence.runs).flatMap(([modelId, runId]) => (runId === null ? [] : [{ modelId, runId }]));
  return { key: `sequence-${sequence.itemId}`, path: sequence.path, videoId: sequence.videoId, truth: sequence.truth, clipLabel: null, runs };
}

/**
 * One clip: its ground truth and every model's segments on one timeline, with a disagreement track
 * (frames where the tracks do not all agree). N and P jump to the next / previous disagreement.
 */
export function CompareView({ client, target, report, onClose }: { client: Client; target: CompareTarget; report: EvalReport; onClose: () => void }) {
  const [tracks, setTracks] = useState<Track[] | null>(null);
  const [frames, setFrames] = useState(0);
  const [frame, setFrame] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** Model tracks left out of the view and of the disagreement track. */
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const section = useRef<HTMLElement>(null);

  // Opened from a list above: bring it into view.
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const { mapping } = report.dataset;

  useEffect(() => {
    let active = true;
    void (async () => {
      try {
        const runs = target.videoId === null ? [] : await client.api['runs.listForVideo']({ videoId: target.videoId });
        const count = Math.max(target.truth?.at(-1)?.endFrame ?? 0, ...target.runs.map((m) => runs.find((r) => r.id === m.runId)?.framesDone ?? 0));
        const loaded = await Promise.all(target.runs.map(async (m) => ({ name: m.modelId, ranges: await client.api['runs.segments']({ runId: m.runId }) })));
        if (!active) return;
        // Truth in the models' words: explicit mapping entries applied (fall_floor → fall).
        const truth = (target.truth ?? [{ label: target.clipLabel ?? '', startFrame: 0, endFrame: count }]).map((r) => ({ ...r, label: mapping[r.label] ?? r.label }));
        setFrames(count);
        setTracks([{ name: 'ground truth', ranges: truth }, ...loaded]);
      } catch (e) {
        if (active) setError(errorText(e));
      }
    })();
    return () => {
      active = false;
    };
  }, [client, target, mapping]);

  const visible = useMemo(() => (tracks ?? []).filter((t, i) => i === 0 || !hidden.has(t.name)), [tracks, hidden]);
  const disagreeing = useMemo(() => disagreements(visible.map((t) => t.ranges), frames), [visible, frames]);
  const toggle = (name: string) =>
    setHidden((current) => {
      const next = new Set(current);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  const colors = useMemo(() => {
    const labels = [...new Set((tracks ?? []).flatMap((t) => t.ranges.map((r) => r.label)))].sort();
    return new Map(labels.map((l, i) => [l, PALETTE[i % PALETTE.length]!]));
  }, [tracks]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A ticked track toggle keeps the focus; N and P still mean jump (a checkbox takes no letters).
      const action = shortcut('compare', event, { allowToggles: true });
      if (action === null) return;
      const direction = action === 'next' ? 1 : -1;
      event.preventDefault();
      setFrame((current) => jump(disagreeing, current, direction) ?? current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disagreeing]);

  const at = (t: Track) => (frames > 0 ? labelsPerFrame(t.ranges, frames)[Math.min(frame, frames - 1)] : null);
  const index = disagreeing.findIndex((r) => frame >= r.startFrame && frame < r.endFrame);
  const pct = (f: number) => `${(100 * f) / Math.max(frames, 1)}%`;

  return (
    <section ref={section} className="compare" aria-label="Compare">
      <div className="toolbar">
        <h3>{target.path.split(/[\\/]/).pop()}</h3>
        {target.clipLabel !== null && <span className="muted">truth: {target.clipLabel}</span>}
        <span className="spacer" />
        {target.videoId !== null && <a href={`#/video/${target.videoId}`}>Open in the review screen</a>}
        <button type="button" onClick={onClose}>Close</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {tracks && (
        <>
          <div className="compare-nav">
            <button type="button" onClick={() => setFrame((f) => jump(disagreeing, f, -1) ?? f)} title="Previous disagreement (P)">◀ Previous</button>
            <button type="button" onClick={() => setFrame((f) => jump(disagreeing, f, 1) ?? f)} title="Next disagreement (N)">Next ▶</button>
            {tracks.slice(1).map((t) => (
              <label key={t.name} className="compare-toggle"><input type="checkbox" checked={!hidden.has(t.name)} onChange={() => toggle(t.name)} /> {t.name}</label>
            ))}
            <span className="compare-position" aria-live="polite">
              Frame {frame} of {frames} · {disagreeing.length === 0 ? 'no disagreement' : index >= 0 ? `disagreement ${index + 1} of ${disagreeing.length}` : `${disagreeing.length} disagreements`}
            </span>
          </div>
          <div className="compare-grid">
            {visible.map((t) => (
              <div className="compare-row" key={t.name} data-track={t.name}>
                <span className="compare-name">{t.name}</span>
                <div className="compare-bar">
                  {t.ranges.map((r, i) => (
                    <span key={i} className="compare-seg" style={{ left: pct(r.startFrame), width: pct(r.endFrame - r.startFrame), background: colors.get(r.label) }} title={`${r.label} ${formatFrameRange(r.startFrame, r.endFrame)}`} />
                  ))}
                  <span className="compare-cursor" style={{ left: pct(frame) }} />
                </div>
                <span className="compare-at">{at(t) ?? '—'}</span>
              </div>
            ))}
            <div className="compare-row" data-track="disagreement">
              <span className="compare-name">disagreement</span>
              <div className="compare-bar">
                {disagreeing.map((r, i) => (
                  <span key={i} className="compare-seg compare-disagree" style={{ left: pct(r.startFrame), width: pct(r.endFrame - r.startFrame) }} />
                ))}
                <span className="compare-cursor" style={{ left: pct(frame) }} />
              </div>
              <span className="compare-at">{index >= 0 ? 'yes' : 'no'}</span>
            </div>
          </div>
          <p className="muted legend">
            {[...colors].map(([label, color]) => (
              <span key={label} className="legend-item"><span className="swatch" style={{ background: color }} />{label}</span>
            ))}
          </p>
        </>
      )}
    </section>
  );
}

/**
 * Sportscode (Hudl) XML edit list: `<file><ALL_INSTANCES><instance>` with ID, start and end in
 * seconds, code (the row: our label) and a `<label><group>track</group><text>name</text></label>`
 * naming the track; `<ROWS>` gives each code's colour (Sportscode's 0–65535 R/G/B).
 */
import { childNamed, childrenNamed, escapeXml, parseXml, type XmlElement } from './xml.js';
import { frameToSec, InterchangeError, secToFrame, type InterchangeDocument, type InterchangeTrack } from './types.js';

export const SPORTSCODE_TRACK_GROUP = 'track';

function rgb16(color: string | undefined): [number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color ?? '')?.[1] ?? '888888';
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) * 257) as [number, number, number];
}

export function writeSportscode(doc: InterchangeDocument, colors: Record<string, string> = {}): string {
  let id = 0;
  const instances = doc.tracks.flatMap((track) =>
    track.segments.map((s) => {
      id += 1;
      return `    <instance>
      <ID>${id}</ID>
      <start>${frameToSec(s.startFrame, doc.fps)}</start>
      <end>${frameToSec(s.endFrame, doc.fps)}</end>
      <code>${escapeXml(s.label)}</code>
      <label>
        <group>${SPORTSCODE_TRACK_GROUP}</group>
        <text>${escapeXml(track.name)}</text>
      </label>
    </instance>`;
    }),
  );
  const codes = [...new Set(doc.tracks.flatMap((t) => t.segments.map((s) => s.label)))];
  const rows = codes.map((code) => {
    const [r, g, b] = rgb16(colors[code]);
    return `    <row>\n      <code>${escapeXml(code)}</code>\n      <R>${r}</R>\n      <G>${g}</G>\n      <B>${b}</B>\n    </row>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<file>
  <ALL_INSTANCES>
${instances.join('\n')}
  </ALL_INSTANCES>
  <ROWS>
${rows.join('\n')}
  </ROWS>
</file>
`;
}

const text = (element: XmlElement, name: string) => childNamed(element, name)?.text.trim();

/** Reads instances; an instance with no track label goes to a track named `fallbackTrack`. */
export function readSportscode(source: string, fps: number, fallbackTrack: string): InterchangeTrack[] {
  let root: XmlElement;
  try {
    root = parseXml(source);
  } catch (error) {
    throw new InterchangeError(`is not well-formed XML: ${(error as Error).message}`);
  }
  const all = root.name === 'file' ? childNamed(root, 'ALL_INSTANCES') : undefined;
  if (!all) throw new InterchangeError('has no <file><ALL_INSTANCES> (not a Sportscode edit list)');
  const tracks = new Map<string, InterchangeTrack>();
  for (const [index, instance] of childrenNamed(all, 'instance').entries()) {
    const start = Number(text(instance, 'start'));
    const end = Number(text(instance, 'end'));
    const code = text(instance, 'code') ?? '';
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start || start < 0) {
      throw new InterchangeError(`instance ${index + 1} needs <start> and <end> seconds with end after start`);
    }
    const trackLabel = childrenNamed(instance, 'label').find((l) => text(l, 'group') === SPORTSCODE_TRACK_GROUP);
    const name = (trackLabel && text(trackLabel, 'text')) || fallbackTrack;
    const track = tracks.get(name) ?? { name, segments: [] };
    track.segments.push({ label: code, startFrame: secToFrame(start, fps), endFrame: secToFrame(end, fps) });
    tracks.set(name, track);
  }
  return [...tracks.values()];
}

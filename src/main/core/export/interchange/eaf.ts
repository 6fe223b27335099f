/**
 * ELAN Annotation Format 3.0 (EAFv3.0.xsd): HEADER with the media descriptor and millisecond
 * time units, TIME_ORDER of time slots in ms (ascending), one TIER per track with
 * ALIGNABLE_ANNOTATIONs, then the default linguistic type and ELAN's four standard constraints,
 * in the order the schema requires.
 * [Note: an ELAN top-level tier cannot hold overlapping annotations; a track whose segments
 * overlap is written as `name`, `name #2`, … and read back into one track.]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { childNamed, childrenNamed, escapeXml, parseXml, type XmlElement } from './xml.js';
import { frameToMs, InterchangeError, secToFrame, type InterchangeDocument, type InterchangeSegment, type InterchangeTrack } from './types.js';

const MIME: Record<string, string> = { '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.mov': 'video/quicktime', '.mpg': 'video/mpeg', '.mpeg': 'video/mpeg', '.wav': 'audio/x-wav' };
const OVERFLOW = / #(\d+)$/;

/** Splits segments into lanes with no overlap (first lane that is free), each in time order. */
function lanes(segments: readonly InterchangeSegment[]): InterchangeSegment[][] {
  const result: InterchangeSegment[][] = [];
  for (const s of [...segments].sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame)) {
    const lane = result.find((l) => l[l.length - 1]!.endFrame <= s.startFrame);
    if (lane) lane.push(s);
    else result.push([s]);
  }
  return result.length > 0 ? result : [[]];
}

export function writeEaf(doc: InterchangeDocument, date = new Date()): string {
  const tiers: { id: string; segments: InterchangeSegment[] }[] = [];
  for (const track of doc.tracks) lanes(track.segments).forEach((segments, i) => tiers.push({ id: i === 0 ? track.name : `${track.name} #${i + 1}`, segments }));
  const times = [...new Set(tiers.flatMap((t) => t.segments.flatMap((s) => [frameToMs(s.startFrame, doc.fps), frameToMs(s.endFrame, doc.fps)])))].sort((a, b) => a - b);
  const slot = new Map(times.map((ms, i) => [ms, `ts${i + 1}`]));
  let annotationId = 0;
  const tierXml = tiers.map((tier) => {
    const annotations = tier.segments.map((s) => {
      annotationId += 1;
      const ref1 = slot.get(frameToMs(s.startFrame, doc.fps));
      const ref2 = slot.get(frameToMs(s.endFrame, doc.fps));
      return `        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a${annotationId}" TIME_SLOT_REF1="${ref1}" TIME_SLOT_REF2="${ref2}">
                <ANNOTATION_VALUE>${escapeXml(s.label)}</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>`;
    });
    const open = `    <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="${escapeXml(tier.id)}"`;
    return annotations.length === 0 ? `${open}/>` : `${open}>\n${annotations.join('\n')}\n    </TIER>`;
  });
  const media = doc.mediaFile
    ? `        <MEDIA_DESCRIPTOR MEDIA_URL="${escapeXml(pathToFileURL(doc.mediaFile).href)}" MIME_TYPE="${MIME[path.extname(doc.mediaFile).toLowerCase()] ?? 'video/*'}" RELATIVE_MEDIA_URL="./${escapeXml(encodeURI(path.basename(doc.mediaFile)))}"/>\n`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="ActionLens" DATE="${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">
    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
${media}        <PROPERTY NAME="lastUsedAnnotationId">${annotationId}</PROPERTY>
    </HEADER>
    <TIME_ORDER>
${times.map((ms) => `        <TIME_SLOT TIME_SLOT_ID="${slot.get(ms)}" TIME_VALUE="${ms}"/>`).join('\n')}
    </TIME_ORDER>
${tierXml.join('\n')}
    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
    <CONSTRAINT DESCRIPTION="Time subdivision of parent annotation's time interval, no time gaps allowed within this interval" STEREOTYPE="Time_Subdivision"/>
    <CONSTRAINT DESCRIPTION="Symbolic subdivision of a parent annotation. Annotations refering to the same parent are ordered" STEREOTYPE="Symbolic_Subdivision"/>
    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>
    <CONSTRAINT DESCRIPTION="Time alignable annotations within the parent annotation's time interval, gaps are allowed" STEREOTYPE="Included_In"/>
</ANNOTATION_DOCUMENT>
`;
}

/** Reads the time-aligned tiers of an EAF file (reference tiers, which carry no times of their own, are skipped). */
export function readEaf(text: string, fps: number): InterchangeTrack[] {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw new InterchangeError(`is not well-formed XML: ${(error as Error).message}`);
  }
  if (root.name !== 'ANNOTATION_DOCUMENT') throw new InterchangeError('the root element is not <ANNOTATION_DOCUMENT> (not an ELAN file)');
  const units = childNamed(root, 'HEADER')?.attrs.TIME_UNITS ?? 'milliseconds';
  if (units !== 'milliseconds') throw new InterchangeError('TIME_UNITS is not milliseconds (the only unit read)');
  const slots = new Map<string, number>();
  for (const ts of childrenNamed(childNamed(root, 'TIME_ORDER') ?? root, 'TIME_SLOT')) {
    if (ts.attrs.TIME_VALUE !== undefined) slots.set(ts.attrs.TIME_SLOT_ID ?? '', Number(ts.attrs.TIME_VALUE));
  }
  const tracks = new Map<string, InterchangeTrack>();
  let index = 0;
  const tierIds = new Set(childrenNamed(root, 'TIER').map((t) => t.attrs.TIER_ID ?? ''));
  for (const tier of childrenNamed(root, 'TIER')) {
    const id = tier.attrs.TIER_ID ?? '';
    const base = id.replace(OVERFLOW, '');
    const name = base !== id && tierIds.has(base) ? base : id;
    const track = tracks.get(name) ?? { name, segments: [] };
    tracks.set(name, track);
    for (const annotation of childrenNamed(tier, 'ANNOTATION')) {
      index += 1;
      const aligned = childNamed(annotation, 'ALIGNABLE_ANNOTATION');
      if (!aligned) continue;
      const start = slots.get(aligned.attrs.TIME_SLOT_REF1 ?? '');
      const end = slots.get(aligned.attrs.TIME_SLOT_REF2 ?? '');
      const label = childNamed(aligned, 'ANNOTATION_VALUE')?.text.trim() ?? '';
      if (start === undefined || end === undefined) throw new InterchangeError(`annotation ${index} refers to a time slot with no time`);
      track.segments.push({ label, startFrame: secToFrame(start / 1000, fps), endFrame: secToFrame(end / 1000, fps) });
    }
  }
  for (const track of tracks.values()) track.segments.sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame);
  return [...tracks.values()];
}

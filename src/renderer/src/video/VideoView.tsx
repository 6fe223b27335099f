import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Segment } from '../../../shared/analysis.js';
import type { ModelSummary } from '../../../shared/engine.js';
import type { VideoSummary } from '../../../shared/library.js';
import { actionRunParams } from '../../../shared/run-params.js';
import type { View } from '../../../shared/timeline/scale.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { RunsPanel, type PreviewState } from '../runs/RunsPanel.js';
import { TaggingPanel } from '../tagging/TaggingPanel.js';
import type { PostprocessEdit } from '../runs/PostprocessFields.js';
import { useAnnotations } from '../runs/useAnnotations.js';
import { useRuns } from '../runs/useRuns.js';
import { TimelinePanel, type RunTrack } from '../timeline/TimelinePanel.js';
import { useLiveSegments } from '../timeline/useLiveSegments.js';
import { Overlay } from './Overlay.js';
import { Player } from './Player.js';
import { PlayerControls } from './PlayerControls.js';
import { useFrameMap } from './useFrameMap.js';
import { useFrameProbs } from './useFrameProbs.js';
import { usePlayer } from './usePlayer.js';
import { usePlayerKeys } from './usePlayerKeys.js';
import { useVideo } from './useVideo.js';
import { PosePanel } from '../pose/PosePanel.js';
import { SkeletonOverlay } from '../pose/SkeletonOverlay.js';
import { usePoseFrame } from '../pose/usePoseFrame.js';
import { usePoseRuns } from '../pose/usePoseRuns.js';
import { usableFps } from '../../../shared/media.js';

export function VideoView({ client, videoId, onBack }: { client: Client; videoId: number; onBack: () => void }) {
  const { video, error } = useVideo(client, videoId);
  if (error) return <p className="error" role="alert">{error} <button type="button" onClick={onBack}>Back to the library</button></p>;
  if (!video) return <p className="muted">Loading…</p>;
  return <VideoWorkspace client={client} video={video} onBack={onBack} />;
}

/** The review screen: player with overlay, runs, timeline and probability plot for one video. */
function VideoWorkspace({ client, video, onBack }: { client: Client; video: VideoSummary; onBack: () => void }) {
  const fps = usableFps(video.probe.video.fps);
  const [element, setElement] = useState<HTMLVideoElement | null>(null);
  const runsState = useRuns(client, video.id);
  const annotations = useAnnotations(client, video.id);
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [selectedRunId, setSelectedRunId] = useState<number | null>(null);
  const [hidden, setHidden] = useState<Set<number>>(new Set());
  const [preview, setPreview] = useState<(PreviewState & { segments: Segment[] | null }) | null>(null);
  const [colors, setColors] = useState<Map<number, string>>(new Map());

  // The frame count the timeline spans: what the runs labelled, else the probe's count.
  const labelled = Math.max(0, ...runsState.runs.filter((r) => r.status === 'completed').map((r) => r.framesDone));
  const total = Math.max(1, labelled || video.probe.video.frameCount);
  const frameMap = useFrameMap(client, video);
  const player = usePlayer(element, frameMap, fps, total);
  usePlayerKeys(player, total, onBack);

  useEffect(() => {
    void client.api['models.list']({}).then((r) => setModels(r.models), () => undefined);
  }, [client]);
  // Select the newest run once runs arrive (and when a new run starts).
  const newest = runsState.runs.at(-1)?.id ?? null;
  const [seenNewest, setSeenNewest] = useState<number | null>(null);
  if (newest !== seenNewest) {
    setSeenNewest(newest);
    if (newest !== null) setSelectedRunId(newest);
  }

  const selected = runsState.runs.find((r) => r.id === selectedRunId) ?? null;
  const selectedDone = selected ? (runsState.framesDone.get(selected.id) ?? selected.framesDone) : 0;
  const frameProbs = useFrameProbs(client, selected?.id ?? null, player.frame, selected?.status === 'completed' ? selected.framesDone : selectedDone);
  const labels = models.find((m) => m.id === selected?.modelId)?.labels ?? frameProbs.labels;

  const onPreview = useCallback(
    (runId: number, edit: PostprocessEdit) => {
      const run = runsState.runs.find((r) => r.id === runId);
      if (!run) return;
      setPreview({ runId, edit, busy: true, error: null, segmentCount: null, segments: null });
      const base = actionRunParams(run.params)?.postprocess ?? {};
      client.api['runs.rederive']({ runId, postprocess: { ...base, ...edit } }).then(
        (segments) => setPreview((p) => (p && p.runId === runId && p.edit === edit ? { ...p, busy: false, segments, segmentCount: segments.length } : p)),
        (e) => setPreview((p) => (p && p.runId === runId && p.edit === edit ? { ...p, busy: false, error: errorText(e) } : p)),
      );
    },
    [client, runsState.runs],
  );
  const keepPreview = useCallback(() => {
    const run = runsState.runs.find((r) => r.id === preview?.runId);
    if (!run || !preview) return;
    const params = actionRunParams(run.params);
    if (!params) return;
    void client.api['analysis.start']({ videoIds: [video.id], modelIds: [run.modelId], sampling: params.sampling, postprocess: { ...params.postprocess, ...preview.edit } }).then(
      () => setPreview(null),
      (e) => setPreview((p) => p && { ...p, error: errorText(e) }),
    );
  }, [client, runsState.runs, preview, video.id]);

  const { runs: poseRuns, reload: reloadPoseRuns } = usePoseRuns(client, video.id);
  const [poseRunId, setPoseRunId] = useState<number | null>(null);
  const [showSkeletons, setShowSkeletons] = useState(true);
  const [timelineView, setTimelineView] = useState<View | null>(null);
  const poseRun = poseRuns.find((r) => r.id === poseRunId) ?? poseRuns.at(-1) ?? null;
  const poseDone = poseRun ? (runsState.framesDone.get(poseRun.id) ?? poseRun.framesDone) : 0;
  const posePeople = usePoseFrame(client, showSkeletons ? (poseRun?.id ?? null) : null, player.frame, poseDone);

  const live = useLiveSegments(client, runsState.runs, runsState.framesDone);
  const tracks: RunTrack[] = useMemo(
    () =>
      runsState.runs
        .filter((run) => !hidden.has(run.id))
        .map((run) => ({ run, framesDone: runsState.framesDone.get(run.id) ?? run.framesDone, preview: preview?.runId === run.id ? preview.segments : (live.get(run.id) ?? null), isPreview: preview?.runId === run.id })),
    [runsState.runs, runsState.framesDone, hidden, preview, live],
  );

  return (
    <div className="workspace">
      <div className="workspace-head">
        <button type="button" className="link" onClick={onBack}>← Library</button>
        <h2 title={video.path}>{video.fileName}</h2>
        <span className="muted">
          {video.probe.video.displayWidth}×{video.probe.video.displayHeight} · {fps.toFixed(fps % 1 ? 3 : 0)} fps · {total} frames · {video.probe.video.codec}
        </span>
      </div>
      <div className="workspace-top">
        <div className="player-column">
          <Player client={client} videoId={video.id} videoRef={setElement}>
            {selected && selected.status !== 'failed' && (
              <Overlay probs={frameProbs} modelId={`${selected.modelId} #${selected.id}`} colors={colors} k={Math.min(5, Math.max(3, labels.length > 50 ? 5 : 3))} analysed={player.frame < selectedDone} />
            )}
            {poseRun && showSkeletons && <SkeletonOverlay video={element} people={posePeople} width={video.probe.video.displayWidth} height={video.probe.video.displayHeight} />}
          </Player>
          <PlayerControls player={player} map={frameMap} frameCount={total} />
        </div>
        <RunsPanel
          client={client}
          videoId={video.id}
          state={runsState}
          annotations={annotations}
          selectedRunId={selectedRunId}
          hidden={hidden}
          preview={preview}
          onSelect={setSelectedRunId}
          onToggle={(id) => setHidden((h) => (h.has(id) ? new Set([...h].filter((x) => x !== id)) : new Set(h).add(id)))}
          onPreview={onPreview}
          onKeepPreview={keepPreview}
          onResetPreview={() => setPreview(null)}
        />
      </div>
      <TimelinePanel client={client} timeOf={frameMap.timeOf} runs={tracks} annotations={annotations.tracks} selectedRunId={selectedRunId} labels={labels} fps={fps} total={total} frame={player.frame} playing={player.playing} onSeek={player.seekFrame} onColors={setColors} onView={setTimelineView} />
      <PosePanel client={client} videoId={video.id} runs={poseRuns} onDeleted={reloadPoseRuns} selected={poseRun} framesDone={poseDone} showSkeletons={showSkeletons} view={timelineView ?? { start: 0, end: total }} total={total} frame={player.frame} onSelect={setPoseRunId} onShowSkeletons={setShowSkeletons} onSeek={player.seekFrame} />
      <TaggingPanel client={client} videoId={video.id} runs={runsState.runs} fps={fps} player={player} onTracksChanged={annotations.reload} />
    </div>
  );
}


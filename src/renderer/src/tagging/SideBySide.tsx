import { useEffect, useState } from 'react';
import type { VideoSummary } from '../../../shared/library.js';
import type { Client } from '../api/client.js';
import { Player as PlayerView } from '../video/Player.js';
import { PlayerControls } from '../video/PlayerControls.js';
import { useFrameMap } from '../video/useFrameMap.js';
import { usePlayer, type Player } from '../video/usePlayer.js';
import { usableFps } from '../../../shared/media.js';

/**
 * Kinovea's dual player: a second video (or a second view of this one) beside the main player.
 * "Link" keeps the frames they show now together: from then on the second follows the main
 * player's steps, seeks and play/pause at the same frame offset.
 */
export function SideBySide({ client, main, videoId }: { client: Client; main: Player; videoId: number }) {
  const [videos, setVideos] = useState<VideoSummary[]>([]);
  const [otherId, setOtherId] = useState(videoId);
  useEffect(() => {
    void client.api['library.list']({}).then(setVideos, () => undefined);
  }, [client]);
  const other = videos.find((v) => v.id === otherId);
  return (
    <div className="side-by-side" data-testid="side-by-side">
      <label>
        Second player:{' '}
        <select value={otherId} onChange={(e) => setOtherId(Number(e.target.value))} aria-label="Second video">
          {videos.map((v) => <option key={v.id} value={v.id}>{v.fileName}</option>)}
        </select>
      </label>
      {other && <SecondPlayer key={other.id} client={client} main={main} video={other} />}
    </div>
  );
}

function SecondPlayer({ client, main, video }: { client: Client; main: Player; video: VideoSummary }) {
  const fps = usableFps(video.probe.video.fps);
  const [element, setElement] = useState<HTMLVideoElement | null>(null);
  const map = useFrameMap(client, video);
  const count = Math.max(1, video.probe.video.frameCount);
  const second = usePlayer(element, map, fps, count);
  const [offset, setOffset] = useState<number | null>(null);

  // Linked: play and pause together; paused, show the main frame plus the offset.
  useEffect(() => {
    if (offset === null) return;
    if (main.playing && !second.playing) second.play(1);
    else if (!main.playing && second.playing) second.pause();
  }, [offset, main.playing, second]);
  useEffect(() => {
    if (offset === null || main.playing) return;
    const target = Math.max(0, Math.min(count - 1, main.frame + offset));
    if (second.frame !== target) second.seekFrame(target);
  }, [offset, main.frame, main.playing, second, count]);

  return (
    <div className="second-player">
      <PlayerView client={client} videoId={video.id} videoRef={setElement} />
      <PlayerControls player={second} map={map} frameCount={count} />
      <div className="link-bar">
        {offset === null ? (
          <button type="button" onClick={() => setOffset(second.frame - main.frame)} title="Keep the two frames on screen together from now on">Link at these frames</button>
        ) : (
          <>
            <span data-testid="link-offset">linked: {offset >= 0 ? '+' : ''}{offset} frames</span>
            <button type="button" onClick={() => setOffset(null)}>Unlink</button>
          </>
        )}
      </div>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { VideoSummary } from '../../../shared/library.js';
import { constantRate, frameTimes, type FrameMap } from '../../../shared/timeline/frame-map.js';
import type { Client } from '../api/client.js';

/** The video's frame ↔ time map: its frames' own times when its frame rate varies, else n / fps. */
export function useFrameMap(client: Client, video: VideoSummary): FrameMap {
  const fps = video.probe.video.fps;
  const [map, setMap] = useState<FrameMap>(() => constantRate(fps));
  useEffect(() => {
    if (!video.probe.video.variableFrameRate) return;
    let active = true;
    client.api['media.frameTimes']({ videoId: video.id }).then(
      ({ times }) => active && times && setMap(frameTimes(times, fps)),
      () => undefined, // the nominal rate stays: close, if not frame-exact, on a variable rate
    );
    return () => {
      active = false;
    };
  }, [client, video.id, video.probe.video.variableFrameRate, fps]);
  return map;
}

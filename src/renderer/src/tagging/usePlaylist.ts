import { useEffect, useMemo, useRef, useState } from 'react';
import type { Client } from '../api/client.js';
import type { Player } from '../video/usePlayer.js';
import { filterPlaylist, type PlaylistFilter, type PlaylistItem } from '../../../shared/tagging/playlist.js';

export type PlaylistSource = { trackId: number } | { runId: number };

/**
 * A playlist over the player: plays only its items, advancing to the next at each item's end,
 * or looping the current one. The item being played is kept in a ref (the video drives it, not
 * React); the playlist acts only while the player plays, so pausing stops it.
 */
export function usePlaylist(client: Client, player: Player, source: PlaylistSource | null, trackItems: readonly PlaylistItem[], filter: PlaylistFilter) {
  const [runItems, setRunItems] = useState<{ runId: number; items: PlaylistItem[] } | null>(null);
  const [active, setActive] = useState(false);
  const [loop, setLoop] = useState(false);
  const index = useRef(0);
  // After a seek the frame shown is stale until the video presents the item's first frame.
  const arrived = useRef(false);
  const runId = source && 'runId' in source ? source.runId : null;

  useEffect(() => {
    if (runId === null) return;
    let live = true;
    client.api['runs.segments']({ runId }).then((segments) => live && setRunItems({ runId, items: segments }), () => undefined);
    return () => {
      live = false;
    };
  }, [client, runId]);

  const items = useMemo(() => filterPlaylist(runId === null ? trackItems : runItems?.runId === runId ? runItems.items : [], filter), [runId, trackItems, runItems, filter]);

  useEffect(() => {
    if (!active || !player.playing) return;
    const item = items[index.current];
    if (!item) return;
    if (!arrived.current) {
      arrived.current = player.frame >= item.startFrame && player.frame < item.endFrame;
      return;
    }
    if (player.frame < item.endFrame - 1) return;
    arrived.current = false;
    if (loop) player.seekFrame(item.startFrame);
    else if (items[index.current + 1]) {
      index.current += 1;
      player.seekFrame(items[index.current]!.startFrame);
    } else {
      // The effect runs a frame or more after the video got there: settle on the item's last frame.
      player.pause();
      player.seekFrame(item.endFrame - 1);
    }
  }, [active, loop, items, player]);

  const start = (from = 0) => {
    if (!items[from]) return;
    index.current = from;
    arrived.current = false;
    setActive(true);
    player.seekFrame(items[from].startFrame);
    player.play(1);
  };
  const stop = () => {
    setActive(false);
    player.pause();
  };
  /** The item under the playhead (what the list highlights). */
  const current = items.findIndex((s) => player.frame >= s.startFrame && player.frame < s.endFrame);
  return { items, active: active && player.playing, loop, setLoop, start, stop, current };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FrameMap } from '../../../shared/timeline/frame-map.js';
import { nextSpeed } from './frames.js';

export interface Player {
  /** The frame on screen (from the decoder's presentation time, via requestVideoFrameCallback). */
  frame: number;
  playing: boolean;
  /** Negative while playing backwards (J). */
  direction: 1 | -1;
  rate: number;
  seekFrame(frame: number): void;
  step(frames: number): void;
  /** Moves by a span of time (Shift+arrows: one second), to the frame shown then. */
  stepSeconds(seconds: number): void;
  togglePlay(): void;
  play(direction: 1 | -1): void;
  pause(): void;
  setRate(rate: number): void;
  faster(direction: 1 | -1): void;
}

/**
 * Frame-accurate control of a <video>. The shown frame number comes from the frame actually
 * presented (requestVideoFrameCallback's mediaTime), so it is the frame the model labelled.
 * Backwards playback is emulated by stepping (media elements cannot play backwards).
 */
export function usePlayer(element: HTMLVideoElement | null, map: FrameMap, fps: number, frameCount: number): Player {
  // Callbacks drive the element through a ref: it is a DOM object, not render state.
  const ref = useRef<HTMLVideoElement | null>(element);
  useEffect(() => {
    ref.current = element;
  }, [element]);
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [direction, setDirection] = useState<1 | -1>(1);
  const [rate, setRateState] = useState(1);
  const target = useRef(0);
  const reverseTimer = useRef<number | null>(null);
  const last = Math.max(0, frameCount - 1);

  useEffect(() => {
    const video = element;
    if (!video) return;
    let handle = 0;
    let alive = true;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (!alive) return;
      const shown = Math.min(last, map.frameAt(meta.mediaTime));
      setFrame(shown);
      if (!video.paused) target.current = shown;
      handle = video.requestVideoFrameCallback(onFrame);
    };
    handle = video.requestVideoFrameCallback(onFrame);
    const onPlayState = () => setPlaying(!video.paused || reverseTimer.current !== null);
    const onEnded = () => setFrame(last);
    video.addEventListener('play', onPlayState);
    video.addEventListener('pause', onPlayState);
    video.addEventListener('ended', onEnded);
    return () => {
      alive = false;
      video.cancelVideoFrameCallback(handle);
      video.removeEventListener('play', onPlayState);
      video.removeEventListener('pause', onPlayState);
      video.removeEventListener('ended', onEnded);
    };
  }, [element, map, last]);

  const stopReverse = useCallback(() => {
    if (reverseTimer.current !== null) window.clearInterval(reverseTimer.current);
    reverseTimer.current = null;
  }, []);
  useEffect(() => stopReverse, [stopReverse]);

  const seekFrame = useCallback(
    (wanted: number) => {
      const video = ref.current;
      if (!video) return;
      const f = Math.max(0, Math.min(last, Math.round(wanted)));
      target.current = f;
      video.currentTime = map.seekTime(f);
    },
    [map, last],
  );

  const pause = useCallback(() => {
    stopReverse();
    const video = ref.current;
    if (!video) return;
    video.pause();
    // Settle on a whole frame: the one on screen when paused.
    target.current = Math.min(last, map.frameAt(video.currentTime));
    setPlaying(false);
  }, [map, last, stopReverse]);

  const step = useCallback(
    (frames: number) => {
      if (ref.current && (!ref.current.paused || reverseTimer.current !== null)) pause();
      seekFrame(target.current + frames);
    },
    [pause, seekFrame],
  );

  const stepSeconds = useCallback(
    (seconds: number) => {
      if (ref.current && (!ref.current.paused || reverseTimer.current !== null)) pause();
      seekFrame(map.frameAt(map.timeOf(target.current) + seconds));
    },
    [map, pause, seekFrame],
  );

  const play = useCallback(
    (dir: 1 | -1) => {
      const video = ref.current;
      if (!video) return;
      stopReverse();
      setDirection(dir);
      if (dir === 1) {
        void video.play().catch(() => setPlaying(false));
        return;
      }
      video.pause();
      setPlaying(true);
      // Backwards: one frame per tick at the chosen speed (capped by how fast seeks complete).
      reverseTimer.current = window.setInterval(() => {
        if (target.current <= 0) return pause();
        seekFrame(target.current - 1);
      }, Math.max(16, 1000 / (fps * video.playbackRate)));
    },
    [fps, pause, seekFrame, stopReverse],
  );

  const togglePlay = useCallback(() => (playing ? pause() : play(1)), [playing, pause, play]);

  const setRate = useCallback(
    (value: number) => {
      const video = ref.current;
      if (video) video.playbackRate = value;
      setRateState(value);
      if (reverseTimer.current !== null) play(-1);
    },
    [play],
  );

  /** J/L: start playing that way, or speed up when already playing that way. */
  const faster = useCallback(
    (dir: 1 | -1) => {
      if (playing && direction === dir) setRate(nextSpeed(rate, 1));
      else {
        if (rate !== 1) setRate(1);
        play(dir);
      }
    },
    [playing, direction, rate, setRate, play],
  );

  return { frame, playing, direction, rate, seekFrame, step, stepSeconds, togglePlay, play, pause, setRate, faster };
}

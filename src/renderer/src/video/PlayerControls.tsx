import type { FrameMap } from '../../../shared/timeline/frame-map.js';
import { formatDuration } from '../../../shared/format.js';
import { Icon } from '../common/Icon.js';
import { SPEEDS } from './frames.js';
import type { Player } from './usePlayer.js';

/** Transport and the current position: frame number (the model's frame index) and time, always shown. */
export function PlayerControls({ player, map, frameCount }: { player: Player; map: FrameMap; frameCount: number }) {
  return (
    <div className="player-controls">
      <button type="button" onClick={() => player.seekFrame(0)} aria-label="First frame" title="First frame (Home)"><Icon name="first" /></button>
      <button type="button" onClick={() => player.step(-1)} aria-label="Previous frame" title="Previous frame (←)"><Icon name="prev" /></button>
      <button type="button" className="play" onClick={player.togglePlay} aria-label={player.playing ? 'Pause' : 'Play'} title="Play / pause (Space)">
        <Icon name={player.playing ? 'pause' : 'play'} />
      </button>
      <button type="button" onClick={() => player.step(1)} aria-label="Next frame" title="Next frame (→)"><Icon name="next" /></button>
      <button type="button" onClick={() => player.seekFrame(frameCount - 1)} aria-label="Last frame" title="Last frame (End)"><Icon name="last" /></button>
      <select value={player.rate} onChange={(e) => player.setRate(Number(e.target.value))} aria-label="Playback speed" title="Speed ([ / ])">
        {SPEEDS.map((s) => (
          <option key={s} value={s}>{s}×</option>
        ))}
      </select>
      {player.playing && player.direction === -1 && <span className="badge">reverse</span>}
      <span className="spacer" />
      <span className="position" aria-label="Current position">
        <span className="frame-label">frame</span> <output data-testid="frame-number">{player.frame}</output>
        <span className="muted"> / {Math.max(0, frameCount - 1)}</span>
        <span className="time" data-testid="frame-time">{formatDuration(map.timeOf(player.frame), 3)}</span>
      </span>
    </div>
  );
}

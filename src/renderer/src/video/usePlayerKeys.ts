import { useEffect } from 'react';
import { isTyping } from '../App.js';
import { nextSpeed } from './frames.js';
import type { Player } from './usePlayer.js';

/** The player's shortcuts (listed in the `?` help): frames, seconds, J/K/L, Space, speed. */
export function usePlayerKeys(player: Player, frameCount: number, onBack: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      switch (event.key) {
        case 'ArrowLeft': if (event.shiftKey) player.stepSeconds(-1); else player.step(-1); break;
        case 'ArrowRight': if (event.shiftKey) player.stepSeconds(1); else player.step(1); break;
        case ' ': player.togglePlay(); break;
        case 'k': case 'K': player.pause(); break;
        case 'l': case 'L': player.faster(1); break;
        case 'j': case 'J': player.faster(-1); break;
        case '[': player.setRate(nextSpeed(player.rate, -1)); break;
        case ']': player.setRate(nextSpeed(player.rate, 1)); break;
        case 'Home': player.seekFrame(0); break;
        case 'End': player.seekFrame(frameCount - 1); break;
        case 'Escape': onBack(); break;
        default: return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [player, frameCount, onBack]);
}

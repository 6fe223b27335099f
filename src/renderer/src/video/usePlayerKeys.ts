import { useEffect } from 'react';
import { shortcut } from '../common/keymap.js';
import { nextSpeed } from './frames.js';
import type { Player } from './usePlayer.js';

/** The player's shortcuts (the keymap's `player` scope): frames, seconds, J/K/L, Space, speed. */
export function usePlayerKeys(player: Player, frameCount: number, onBack: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      switch (shortcut('player', event)) {
        case 'frameBack': player.step(-1); break;
        case 'frameForward': player.step(1); break;
        case 'secondBack': player.stepSeconds(-1); break;
        case 'secondForward': player.stepSeconds(1); break;
        case 'togglePlay': player.togglePlay(); break;
        case 'pause': player.pause(); break;
        case 'forwards': player.faster(1); break;
        case 'backwards': player.faster(-1); break;
        case 'slower': player.setRate(nextSpeed(player.rate, -1)); break;
        case 'faster': player.setRate(nextSpeed(player.rate, 1)); break;
        case 'first': player.seekFrame(0); break;
        case 'last': player.seekFrame(frameCount - 1); break;
        case 'back': onBack(); break;
        default: return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [player, frameCount, onBack]);
}

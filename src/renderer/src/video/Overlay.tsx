import { colorOf } from '../../../shared/timeline/colors.js';
import type { FrameProbs } from './useFrameProbs.js';
import { topK } from './useFrameProbs.js';

interface Props {
  probs: FrameProbs;
  modelId: string;
  colors: Map<number, string>;
  k: number;
  /** Frames analysed so far: beyond them the overlay says so. */
  analysed: boolean;
}

/** The frame on screen: the selected run's top-k labels and probabilities, over the video. */
export function Overlay({ probs, modelId, colors, k, analysed }: Props) {
  return (
    <div className="overlay" aria-label="Labels of this frame" data-testid="overlay">
      <div className="overlay-model">{modelId}</div>
      {probs.probs ? (
        <ol>
          {topK(probs.probs, probs.labels, k).map((item) => (
            <li key={item.classIndex}>
              <span className="swatch" style={{ background: colorOf(colors, item.classIndex) }} />
              <span className="overlay-label">{item.label}</span>
              <span className="overlay-bar"><span style={{ width: `${Math.round(item.p * 100)}%`, background: colorOf(colors, item.classIndex) }} /></span>
              <span className="overlay-p">{(item.p * 100).toFixed(0)}%</span>
            </li>
          ))}
        </ol>
      ) : (
        <div className="overlay-none">{analysed ? 'Loading…' : 'Not analysed yet'}</div>
      )}
    </div>
  );
}

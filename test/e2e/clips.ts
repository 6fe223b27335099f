import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const BIT_WIDTH = 20;
export const BITS = 16;
export const BAR_HEIGHT = 40;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

/**
 * A clip whose every frame shows its own index twice: as a 16-bit bar code across the top
 * (column b is white when bit b of the frame number is set), which a test reads back from a
 * canvas, and as text burnt in with drawtext (for people looking at screenshots) when a font is there.
 */
export function makeCounterClip(file: string, options: { frames: number; fps: number; codec?: 'h264' | 'mpeg4'; vfr?: boolean }): void {
  const { frames, fps, codec = 'h264', vfr = false } = options;
  const bits = `if(lt(Y,${BAR_HEIGHT}), if(eq(mod(floor(N/pow(2,floor(X/${BIT_WIDTH}))),2),1),235,16), lum(X,Y))`;
  // Grey (no chroma) in the bar rows; SH scales the row limit to the subsampled chroma planes.
  const grey = (plane: string) => `if(lt(Y,${BAR_HEIGHT}*SH),128,${plane}(X,Y))`;
  const filters = [`geq=lum='${bits}':cb='${grey('cb')}':cr='${grey('cr')}'`];
  if (existsSync(FONT)) filters.push(`drawtext=fontfile=${FONT}:text='frame %{frame_num}':x=10:y=${BAR_HEIGHT + 20}:fontsize=36:fontcolor=white:box=1:boxcolor=black@0.6`);
  // Variable frame rate: the second half of the frames last twice as long.
  const half = Math.round(frames / 2);
  if (vfr) filters.push(`setpts='if(lt(N,${half}),N,2*N-${half})/FRAME_RATE/TB'`);
  const encoder = codec === 'h264' ? ['-c:v', 'libx264', '-crf', '16', '-pix_fmt', 'yuv420p'] : ['-c:v', 'mpeg4', '-q:v', '2'];
  execFileSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${BITS * BIT_WIDTH}x240:rate=${fps}`,
    '-frames:v', String(frames), '-vf', filters.join(','), ...(vfr ? ['-fps_mode', 'vfr'] : []), ...encoder, '-y', file,
  ]);
}

/** The frame number encoded in the bar code of RGBA pixels of the top rows (row BAR_HEIGHT / 2), as read in a page. */
export function decodeBars(rgba: ArrayLike<number>, width: number): number {
  let value = 0;
  for (let bit = 0; bit < BITS; bit++) {
    const x = bit * BIT_WIDTH + BIT_WIDTH / 2;
    const i = (Math.floor(BAR_HEIGHT / 2) * width + x) * 4;
    const luma = 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
    if (luma > 128) value |= 1 << bit;
  }
  return value;
}

export type MediaKind = 'video' | 'proxy' | 'thumb';

/**
 * Where the renderer loads a video, its proxy or its thumbnail: the desktop app's custom
 * protocol, or the web host's HTTP route (same paths, same range requests). Never `file://`.
 */
export function mediaUrl(host: 'desktop' | 'web', kind: MediaKind, videoId: number): string {
  return host === 'desktop' ? `actionlens-media://${kind}/${videoId}` : `/media/${kind}/${videoId}`;
}

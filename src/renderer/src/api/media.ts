import { useEffect, useState } from 'react';
import type { MediaKind } from '../../../shared/webHost.js';

export type { MediaKind };

/** Asks the web host for signed URLs, one per item (see httpBridge.ts). */
export type MediaUrlMinter = (kind: MediaKind, id: number) => Promise<string>;

let webMinter: MediaUrlMinter | undefined;

/** The browser host's bridge registers how signed media URLs are obtained. */
export function setWebMediaUrlMinter(minter: MediaUrlMinter): void {
  webMinter = minter;
}

/** The desktop app's custom protocol: no credential needed, only the app's own windows load it. */
export function desktopMediaUrl(kind: MediaKind, videoId: number): string {
  return `actionlens-media://${kind}/${videoId}`;
}

/**
 * Where the renderer loads a video, its proxy or its thumbnail: the desktop app's custom
 * protocol, or a URL the web host signed for this one file (undefined until it answers, null when
 * it refused). Both serve range requests. Never `file://`.
 */
export function useMediaUrl(host: 'desktop' | 'web', kind: MediaKind, videoId: number): string | null | undefined {
  const [signed, setSigned] = useState<{ key: string; url: string | null } | undefined>(undefined);
  const key = `${kind}/${videoId}`;
  useEffect(() => {
    if (host === 'desktop' || !webMinter) return;
    let live = true;
    webMinter(kind, videoId).then(
      (url) => live && setSigned({ key, url }),
      () => live && setSigned({ key, url: null }),
    );
    return () => {
      live = false;
    };
  }, [host, kind, videoId, key]);
  if (host === 'desktop') return desktopMediaUrl(kind, videoId);
  return signed?.key === key ? signed.url : undefined;
}

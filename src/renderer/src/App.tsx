import { useCallback, useEffect, useState } from 'react';
import type { Client } from './api/client.js';
import { HelpOverlay } from './common/HelpOverlay.js';
import { LibraryView } from './library/LibraryView.js';
import { VideoView } from './video/VideoView.js';

/** `#/video/<id>` opens a video, anything else the library: reloads and the back button keep their place. */
function videoFromHash(): number | null {
  const match = /^#\/video\/(\d+)$/.exec(window.location.hash);
  return match ? Number(match[1]) : null;
}

export function App({ client }: { client: Client }) {
  const [videoId, setVideoId] = useState<number | null>(videoFromHash);
  const [help, setHelp] = useState(false);

  useEffect(() => {
    const onHash = () => setVideoId(videoFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      if (event.key === '?') setHelp((shown) => !shown);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = useCallback((id: number | null) => {
    window.location.hash = id === null ? '' : `#/video/${id}`;
  }, []);
  const closeHelp = useCallback(() => setHelp(false), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <button type="button" className="brand" onClick={() => open(null)}>ActionLens</button>
        </h1>
        <span className="spacer" />
        <button type="button" className="icon" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
      </header>
      <main className="app-main">
        {videoId === null ? <LibraryView client={client} onOpen={open} /> : <VideoView key={videoId} client={client} videoId={videoId} onBack={() => open(null)} />}
      </main>
      {help && <HelpOverlay onClose={closeHelp} />}
    </div>
  );
}

/** Keys typed into a field are the field's, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

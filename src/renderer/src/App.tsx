import { useCallback, useEffect, useState } from 'react';
import type { Client } from './api/client.js';
import { CoreHostBanner } from './common/CoreHostBanner.js';
import { HelpOverlay } from './common/HelpOverlay.js';
import { EvalView } from './eval/EvalView.js';
import { JobsView } from './jobs/JobsView.js';
import { useActiveJobCount } from './jobs/useJobs.js';
import { shortcut } from './common/keymap.js';
import { LibraryView } from './library/LibraryView.js';
import { ModelsView } from './models/ModelsView.js';
import { ReviewView } from './review/ReviewView.js';
import { SettingsView } from './settings/SettingsView.js';
import { useUnreviewedCount } from './review/useReviewItems.js';
import { VideoView } from './video/VideoView.js';

type Route = { screen: 'library' } | { screen: 'models' } | { screen: 'eval' } | { screen: 'review' } | { screen: 'jobs' } | { screen: 'settings' } | { screen: 'video'; videoId: number };

/** `#/video/<id>` opens a video, `#/models` the models, anything else the library: reloads and the back button keep their place. */
function routeFromHash(): Route {
  const hash = window.location.hash;
  const match = /^#\/video\/(\d+)$/.exec(hash);
  if (match) return { screen: 'video', videoId: Number(match[1]) };
  if (hash === '#/eval') return { screen: 'eval' };
  if (hash === '#/review') return { screen: 'review' };
  if (hash === '#/jobs') return { screen: 'jobs' };
  if (hash === '#/settings') return { screen: 'settings' };
  return hash === '#/models' ? { screen: 'models' } : { screen: 'library' };
}

export function App({ client }: { client: Client }) {
  const [route, setRoute] = useState<Route>(routeFromHash);
  const [help, setHelp] = useState(false);
  const unreviewed = useUnreviewedCount(client);
  const activeJobs = useActiveJobCount(client);

  useEffect(() => {
    const onHash = () => setRoute(routeFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (shortcut('app', event) === 'toggleHelp') setHelp((shown) => !shown);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = useCallback((id: number | null) => {
    window.location.hash = id === null ? '' : `#/video/${id}`;
  }, []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const showModels = () => {
    window.location.hash = '#/models';
  };
  const showReview = () => {
    window.location.hash = '#/review';
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <button type="button" className="brand" onClick={() => open(null)}>ActionLens</button>
        </h1>
        <nav className="app-nav" aria-label="Screens">
          <button type="button" onClick={() => open(null)} aria-current={route.screen === 'library' || route.screen === 'video' ? 'page' : undefined}>Library</button>
          <button type="button" onClick={showModels} aria-current={route.screen === 'models' ? 'page' : undefined}>Models</button>
          <button type="button" onClick={() => (window.location.hash = '#/eval')} aria-current={route.screen === 'eval' ? 'page' : undefined}>Evaluation</button>
          <button type="button" onClick={() => (window.location.hash = '#/jobs')} aria-current={route.screen === 'jobs' ? 'page' : undefined}>
            Jobs{activeJobs > 0 && <span className="badge" data-testid="active-jobs" title="Jobs queued, running or paused">{activeJobs}</span>}
          </button>
          <button type="button" onClick={showReview} aria-current={route.screen === 'review' ? 'page' : undefined}>
            Review{unreviewed !== null && <span className={`badge${unreviewed > 0 ? ' danger' : ''}`} data-testid="unreviewed-count" title="Unreviewed items">{unreviewed}</span>}
          </button>
          <button type="button" onClick={() => (window.location.hash = '#/settings')} aria-current={route.screen === 'settings' ? 'page' : undefined}>Settings</button>
        </nav>
        <span className="spacer" />
        <button type="button" className="icon" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
      </header>
      <CoreHostBanner client={client} />
      <main className="app-main">
        {route.screen === 'video' ? (
          <VideoView key={route.videoId} client={client} videoId={route.videoId} onBack={() => open(null)} />
        ) : route.screen === 'jobs' ? (
          <JobsView client={client} />
        ) : route.screen === 'settings' ? (
          <SettingsView client={client} />
        ) : route.screen === 'review' ? (
          <ReviewView client={client} />
        ) : route.screen === 'models' ? (
          <ModelsView client={client} />
        ) : route.screen === 'eval' ? (
          <EvalView client={client} />
        ) : (
          <LibraryView client={client} onOpen={open} />
        )}
      </main>
      {help && <HelpOverlay onClose={closeHelp} />}
    </div>
  );
}

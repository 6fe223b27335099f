import type { Client } from './api/client.js';
import { LibraryView } from './library/LibraryView.js';

export function App({ client }: { client: Client }) {
  return (
    <div className="app">
      <header className="app-header">
        <h1>ActionLens</h1>
      </header>
      <main className="app-main">
        <LibraryView client={client} />
      </main>
    </div>
  );
}

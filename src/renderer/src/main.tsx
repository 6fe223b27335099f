import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client.js';
import { App } from './App.js';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const bridge = window.actionlensBridge;
root.render(
  <StrictMode>
    {bridge ? <App client={createClient(bridge)} /> : <p className="fatal">ActionLens could not reach its core (no bridge).</p>}
  </StrictMode>,
);

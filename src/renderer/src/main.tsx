import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client.js';
import { createHttpBridge } from './api/httpBridge.js';
import { App } from './App.js';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
// The desktop preload provides the bridge; in a browser the page talks to the web host over HTTP.
const bridge = window.actionlensBridge ?? createHttpBridge();
root.render(
  <StrictMode>
    <App client={createClient(bridge)} />
  </StrictMode>,
);

import { useEffect, useState } from 'react';
import type { CoreHostStatus } from '../../../shared/contract.js';
import type { Client } from '../api/client.js';

/** How long "running again" stays up after a restart. */
const RECOVERED_MS = 6000;

/**
 * Says so when the process hosting the core stopped and is being restarted (`core.host` events):
 * calls fail meanwhile, and running analyses resume once it runs again.
 */
export function CoreHostBanner({ client }: { client: Client }) {
  const [status, setStatus] = useState<CoreHostStatus | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('core.host', (next) => {
      clearTimeout(timer);
      setStatus(next);
      if (next.state === 'running') timer = setTimeout(() => setStatus(null), RECOVERED_MS);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [client]);
  if (!status) return null;
  return (
    <p className={status.state === 'running' ? 'core-host-banner notice' : 'core-host-banner error'} role="status">
      {status.state === 'running' ? 'The analysis core runs again; interrupted analyses resume where they stopped.' : `${status.reason}.`}
    </p>
  );
}

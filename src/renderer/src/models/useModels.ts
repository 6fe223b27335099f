import { useEffect, useState } from 'react';
import type { ModelDetails } from '../../../shared/models.js';
import type { ModelProblem } from '../../../shared/engine.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

export interface ModelsState {
  /** Every usable model with its manifest and origin; null while loading. */
  models: ModelDetails[] | null;
  /** Folders holding a model ActionLens refused, with the reason. */
  problems: ModelProblem[];
  error: string | null;
}

/**
 * The models with their details (origin, manifest), rescanned when the screen opens (a model
 * added with the CLI shows up) and reloaded on `models.changed`. Only the newest load is kept, so
 * a slow scan cannot overwrite a later one.
 */
export function useModels(client: Client): ModelsState {
  const [state, setState] = useState<ModelsState>({ models: null, problems: [], error: null });

  useEffect(() => {
    let latest = 0;
    let active = true;
    const load = async (refresh: boolean) => {
      const ticket = ++latest;
      const current = () => active && ticket === latest;
      try {
        const { models, problems } = await client.api['models.list']({ refresh });
        // A model whose folder vanished between the two calls is left out, not the whole list.
        const settled = await Promise.allSettled(models.map((m) => client.api['models.show']({ id: m.id })));
        const details = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
        const failed = settled.find((s) => s.status === 'rejected');
        if (current()) setState({ models: details, problems, error: failed ? errorText(failed.reason) : null });
      } catch (e) {
        if (current()) setState((s) => ({ ...s, error: errorText(e) }));
      }
    };
    void load(true);
    const off = client.on('models.changed', () => void load(false));
    return () => {
      active = false;
      off();
    };
  }, [client]);

  return state;
}

import { useEffect, useState } from 'react';
import type { AlertRule, ReviewSource } from '../../../shared/review.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

export interface ReviewSources {
  sources: ReviewSource[];
  rules: AlertRule[];
  setRules(update: (rules: AlertRule[]) => AlertRule[]): void;
  error: string | null;
}

/** Sources and their rules, read again on every `review.changed` about sources (added, removed, watched, a watch problem). */
export function useReviewSources(client: Client): ReviewSources {
  const [sources, setSources] = useState<ReviewSource[]>([]);
  const [rules, setRules] = useState<AlertRule[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    const load = () =>
      void client.api['review.sources']({}).then(
        (answer) => {
          if (!active) return;
          setSources(answer.sources);
          setRules(answer.rules);
          setError(null);
        },
        (e) => active && setError(errorText(e)),
      );
    load();
    const off = client.on('review.changed', (change) => change.reason === 'sources' && load());
    return () => {
      active = false;
      off();
    };
  }, [client]);
  return { sources, rules, setRules, error };
}

import { useEffect, useState } from 'react';
import type { AlertRule, ThresholdImpact } from '../../../shared/review.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';

/**
 * A rule's confidence threshold with what changing it would have done: how many past items it
 * would have removed (and of them, how many were confirmed), and how many kept false alarms.
 */
export function RuleEditor({ client, rule, onSaved }: { client: Client; rule: AlertRule; onSaved: (rule: AlertRule) => void }) {
  const [threshold, setThreshold] = useState(rule.minConfidence);
  const [impact, setImpact] = useState<ThresholdImpact | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    const timer = window.setTimeout(() => {
      client.api['review.impact']({ ruleId: rule.id, minConfidence: threshold }).then((answer) => active && setImpact(answer), (e) => active && setError(errorText(e)));
    }, 150);
    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [client, rule.id, threshold]);
  const save = () => {
    const { id: _id, sourceId: _s, name: _n, createdAt: _c, ...settings } = rule;
    client.api['review.updateRule']({ ruleId: rule.id, settings: { ...settings, minConfidence: threshold } }).then(onSaved, (e) => setError(errorText(e)));
  };
  return (
    <div className="rule-editor" data-testid="rule-editor">
      <div>
        <strong>{rule.name}</strong> <span className="muted">{rule.classes.length > 0 ? rule.classes.join(', ') : 'every class'}</span>
      </div>
      <label>
        Threshold {Math.round(threshold * 100)}%
        <input type="range" min={0} max={1} step={0.01} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} aria-label={`Threshold of ${rule.name}`} />
      </label>
      {impact && threshold !== rule.minConfidence && (
        <p className="muted" data-testid="rule-impact">
          Would remove {impact.removedItems} of {impact.items} past items ({impact.removedReviewed} reviewed) and {impact.removedFalseAlarms} of {impact.falseAlarms} false alarms.
        </p>
      )}
      {threshold !== rule.minConfidence && <button type="button" onClick={save}>Save threshold</button>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

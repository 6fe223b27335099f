import { useEffect, useState, type FormEvent } from 'react';
import type { AnalysisPlace, AnalysisPlaceView } from '../../../shared/scaleout.js';
import type { Client } from '../api/client.js';
import { errorText } from '../common/errors.js';
import { PathField } from '../models/PathField.js';

const PLACES: { value: AnalysisPlace; label: string; hint: string }[] = [
  { value: 'local', label: 'On this machine', hint: 'every job computes here' },
  { value: 'workers', label: 'On workers', hint: 'headless `actionlens worker` processes take the jobs through Redis; results are stored here' },
  { value: 'both', label: 'Both', hint: 'one job at a time here, the rest on workers' },
];

/**
 * Where new analyses compute (docs/scale-out.md). The password is write-only: the core says only
 * whether one is set, and the field sends one only when typed. Saving checks that the queue
 * answers; a refusal is shown as the core's one-line reason and nothing changes.
 */
export function SettingsView({ client }: { client: Client }) {
  const [saved, setSaved] = useState<AnalysisPlaceView | null>(null);
  const [place, setPlace] = useState<AnalysisPlace>('local');
  const [queueUrl, setQueueUrl] = useState('');
  const [password, setPassword] = useState('');
  const [forgetPassword, setForgetPassword] = useState(false);
  const [tlsCaFile, setTlsCaFile] = useState('');
  const [insecureRedis, setInsecureRedis] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const show = (view: AnalysisPlaceView) => {
    setSaved(view);
    setPlace(view.place);
    setQueueUrl(view.queueUrl ?? '');
    setTlsCaFile(view.tlsCaFile ?? '');
    setInsecureRedis(view.insecureRedis);
    setPassword('');
    setForgetPassword(false);
  };

  useEffect(() => {
    client.api['settings.analysisPlace']({}).then(show, (e: unknown) => setError(errorText(e)));
  }, [client]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const passwordChange = forgetPassword ? { password: null } : password ? { password } : {};
      show(await client.api['settings.setAnalysisPlace']({ place, queueUrl: queueUrl.trim() || null, tlsCaFile: tlsCaFile.trim() || null, insecureRedis, ...passwordChange }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-view" aria-label="Settings">
      <h2>Where analyses run</h2>
      {saved && <PlaceStatus view={saved} />}
      <form className="import-form settings-form" onSubmit={(e) => void save(e)}>
        <fieldset className="place-choice">
          <legend>Analyse</legend>
          {PLACES.map((p) => (
            <label key={p.value} title={p.hint}>
              <input type="radio" name="place" value={p.value} checked={place === p.value} onChange={() => setPlace(p.value)} />
              {p.label}
            </label>
          ))}
        </fieldset>
        <label className="field">
          Queue URL
          <input type="text" value={queueUrl} onChange={(e) => setQueueUrl(e.target.value)} placeholder="redis://actionlens@10.0.0.10:6379" aria-label="Queue URL" aria-invalid={error?.startsWith('queueUrl') || undefined} spellCheck={false} />
        </label>
        <label className="field">
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            placeholder={saved?.passwordSet ? 'set (type to replace)' : 'none'}
            aria-label="Password"
            autoComplete="new-password"
            disabled={forgetPassword}
          />
        </label>
        {saved?.passwordSet && (
          <label className="check">
            <input type="checkbox" checked={forgetPassword} onChange={(e) => setForgetPassword(e.target.checked)} /> Forget the stored password
          </label>
        )}
        <PathField
          client={client}
          label="TLS CA file"
          value={tlsCaFile}
          placeholder="for rediss:// with a private CA (PEM)"
          invalid={error?.startsWith('tlsCaFile') ?? false}
          onChange={setTlsCaFile}
          dialog={{ title: 'CA certificate', name: 'PEM certificates', extensions: ['pem', 'crt', '*'] }}
        />
        <label className="check">
          <input type="checkbox" checked={insecureRedis} onChange={(e) => setInsecureRedis(e.target.checked)} /> Allow a Redis without a password on another machine
        </label>
        <div className="settings-actions">
          <button type="submit" disabled={busy}>{busy ? 'Checking the queue…' : 'Save'}</button>
          {error && <p className="error" role="alert" data-testid="settings-error">{error}</p>}
        </div>
      </form>
    </section>
  );
}

function PlaceStatus({ view }: { view: AnalysisPlaceView }) {
  const where = PLACES.find((p) => p.value === view.place)?.label ?? view.place;
  const from = view.source === 'command line' ? ' (set by the command line for this session)' : '';
  if (view.state === 'local') return <p data-testid="place-status">Analyses run on this machine{from}.</p>;
  if (view.state === 'connected') return <p data-testid="place-status">{where}: connected to {view.queueUrl}{from}.</p>;
  return <p className="error" data-testid="place-status">{where}: {view.problem}</p>;
}

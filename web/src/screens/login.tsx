import { type FormEvent, useState } from 'react';
import { ApiError, setToken } from '../api';

/** Asks for the admin token that `clientele serve` printed, checks it against the API, keeps it for the tab. */
export function Login() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const token = value.trim();
    if (!token) return setError('Paste the admin token first.');
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/v1/models/runs?limit=1', {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status === 401 || response.status === 403)
        throw new ApiError(response.status, 'FORBIDDEN', '');
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      setToken(token);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? 'That token was refused. Use the admin token `clientele serve` printed (also in DB.server.json).'
          : `Could not reach the server: ${(err as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login">
      <form className="card login-card" onSubmit={submit}>
        <h1>Clientele</h1>
        <p>
          Sign in with the admin token that <code>clientele serve</code> printed.
        </p>
        <label htmlFor="token">Admin token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        {error && (
          <div className="state error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}

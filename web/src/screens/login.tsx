import { type FormEvent, useState } from 'react';
import { ApiError, signIn } from '../api';

/**
 * Signs in with a user's name and password (`clientele users create`), or with the admin token that
 * `clientele serve` printed; the server answers with a session cookie the page's scripts cannot read.
 */
export function Login() {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (!t && !(name.trim() && password)) return setError('Enter a name and password, or the admin token.');
    setBusy(true);
    setError(null);
    try {
      await signIn(t ? { token: t } : { name: name.trim(), password });
    } catch (err) {
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 403)
          ? t
            ? 'That token was refused. Use the admin token `clientele serve` printed (also in DB.server.json).'
            : 'Sign-in refused: unknown name, wrong password, or a disabled user.'
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
        <p>Sign in with your name and password.</p>
        <label htmlFor="name">Name</label>
        <input
          id="name"
          name="name"
          autoComplete="username"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <p>
          Or with the admin token that <code>clientele serve</code> printed.
        </p>
        <label htmlFor="token">Admin token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
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

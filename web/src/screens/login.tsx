import { type FormEvent, useState } from 'react';
import { ApiError, signIn } from '../api';
import { t, useLang } from '../i18n';
import { LangSwitch } from '../lang-switch';

/**
 * Signs in with a user's name and password (`clientele users create`), or with the admin token from the
 * address `clientele serve` printed; the server answers with a session cookie the page's scripts cannot read.
 */
export function Login() {
  useLang();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const tk = token.trim();
    if (!tk && !(name.trim() && password)) return setError(t('login.missing'));
    setBusy(true);
    setError(null);
    try {
      await signIn(tk ? { token: tk } : { name: name.trim(), password });
    } catch (err) {
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 403)
          ? tk
            ? t('login.tokenRefused')
            : t('login.refused')
          : t('login.unreachable', { message: (err as Error).message }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login">
      <form className="card login-card" onSubmit={submit}>
        <div className="row spread">
          <h1>Clientele</h1>
          <LangSwitch />
        </div>
        <p>{t('login.intro')}</p>
        <label htmlFor="name">{t('login.name')}</label>
        <input
          id="name"
          name="name"
          autoComplete="username"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="password">{t('login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <p className="small">{t('login.tokenIntro')}</p>
        <label htmlFor="token">{t('login.token')}</label>
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
          {busy ? t('login.checking') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}

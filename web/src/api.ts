import { LANGS, type Lang, lang, setLang, t } from './i18n';

/**
 * Who is signed in. The session lives in an httpOnly, SameSite=Strict cookie the server sets at sign-in:
 * scripts never see a token, and nothing is kept in sessionStorage or localStorage.
 */
export interface Session {
  readonly signedIn: boolean;
  readonly name?: string;
  readonly role?: string;
  readonly scopes?: string[];
  /** The language the user chose (kept with the user on the server), or null: the browser's. */
  readonly language?: string | null;
}

// Whether someone is signed in, so the language switch knows to keep the choice with the user.
let signedIn = false;

/** The session's own language, unless the address asks for one (?lang=): the user's choice follows them. */
function adopt(session: Session): Session {
  signedIn = session.signedIn;
  const chosen = session.language;
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (!asked && chosen && (LANGS as readonly string[]).includes(chosen)) setLang(chosen as Lang);
  return session;
}

/** Tells the app the session changed (signed in, out, or ended by the server). */
function announce(session: Session): void {
  adopt(session);
  window.dispatchEvent(new CustomEvent<Session>('clientele:session', { detail: session }));
}

/** Asks the server who this browser is signed in as. */
export async function currentSession(): Promise<Session> {
  const response = await fetch('/v1/session', { credentials: 'same-origin' });
  return adopt(response.ok ? ((await response.json()) as Session) : { signedIn: false });
}

/**
 * Switches the app's language and, for a signed-in user, keeps it with them (PUT /v1/session/language). The
 * user's setting outranks Accept-Language on the server, so the switch waits for it to be stored before the
 * screens load their data again in the new language.
 */
export async function chooseLanguage(l: Lang): Promise<void> {
  if (signedIn)
    await api('/v1/session/language', { method: 'PUT', body: { language: l } }).catch(() => undefined);
  setLang(l);
}

/** Signs in with a user's name and password, or with the admin token; the server sets the cookie. */
export async function signIn(
  credentials: { name: string; password: string } | { token: string },
): Promise<Session> {
  const session = await api<Session>('/v1/session', { method: 'POST', body: credentials });
  announce(session);
  return session;
}

/** Signs out: the server ends the session and clears the cookie. */
export async function signOut(): Promise<void> {
  await api('/v1/session', { method: 'DELETE' }).catch(() => undefined);
  announce({ signedIn: false });
}

/** A failed API call: the HTTP status and the server's error code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The error's details as the server gave them (a journey's refusal carries the JSON `path` of the field). */
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Calls the public HTTP API with the session cookie; JSON in, JSON out. Every call names the language the
 * app speaks (Accept-Language), so the sentences the server writes (personas, warnings, the report) come
 * in it.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  // A read that ran out of time waiting for shared work (the profiles' refresh after an import: asked again,
  // the answer may be ready), or that found every database connection busy, is asked again a few times
  // before it fails. Anything else (a query of its own that ran too long, a rate limit, out of memory) would
  // fail the same way again, or is the reader's to decide on.
  for (let attempt = 1; ; attempt++) {
    try {
      return await apiOnce<T>(path, init);
    } catch (error) {
      const again =
        error instanceof ApiError &&
        (error.details?.waitingFor !== undefined || error.code === 'CLT_ERR_STORE_BUSY');
      const wait = again ? Number(error.details?.retryAfterSeconds) : Number.NaN;
      if ((init.method ?? 'GET') !== 'GET' || !(wait > 0 && wait <= 5) || attempt >= READ_ATTEMPTS)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}

const READ_ATTEMPTS = 4;

async function apiOnce<T>(path: string, init: { method?: string; body?: unknown }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', `${t('common.noAnswer')} (${(error as Error).message})`);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const e =
      (json as {
        error?: { code?: string; message?: string; details?: Record<string, unknown> };
        code?: string;
        message?: string;
      }) ?? {};
    const code = e.error?.code ?? e.code ?? `HTTP_${response.status}`;
    const message = e.error?.message ?? e.message ?? (text.slice(0, 200) || response.statusText);
    // The session ended (expired, signed out elsewhere, user disabled): back to the sign-in.
    if (code === 'CLT_ERR_API_FORBIDDEN') announce({ signedIn: false });
    throw new ApiError(response.status, code, message, e.error?.details);
  }
  return json as T;
}

/**
 * Downloads a file the server makes (GET, with the session cookie and the app's language) and saves it
 * under `name`; a refusal comes back as an ApiError with the server's code and message, not as a saved file.
 */
export async function download(path: string, name: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { 'accept-language': lang() } });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', `${t('common.noAnswer')} (${(error as Error).message})`);
  }
  if (!response.ok) {
    const e = ((await response.json().catch(() => null)) ?? {}) as {
      error?: { code?: string; message?: string };
    };
    throw new ApiError(
      response.status,
      e.error?.code ?? `HTTP_${response.status}`,
      e.error?.message ?? response.statusText,
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

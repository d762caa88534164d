/** The admin token for this browser tab: kept in sessionStorage, gone when the tab closes. */
const TOKEN_KEY = 'clientele.adminToken';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  window.dispatchEvent(new Event('clientele:token'));
}

/** A failed API call: the HTTP status and the server's error code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Calls the public HTTP API with the admin token; JSON in, JSON out. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', `the server did not answer (${(error as Error).message})`);
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
      (json as { error?: { code?: string; message?: string }; code?: string; message?: string }) ?? {};
    const code = e.error?.code ?? e.code ?? `HTTP_${response.status}`;
    const message = e.error?.message ?? e.message ?? (text.slice(0, 200) || response.statusText);
    if (response.status === 401 || response.status === 403) {
      if (code === 'CLT_ERR_API_FORBIDDEN') setToken(null);
    }
    throw new ApiError(response.status, code, message);
  }
  return json as T;
}

/** A query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

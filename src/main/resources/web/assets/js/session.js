// The signed-in session of this tab. The access token lives only in this module's memory (never localStorage or
// sessionStorage); the refresh token is an HttpOnly cookie the server sets for /api/auth/, which scripts cannot read.
// Every auth request says "X-Claribi-Client: web": the server then uses the cookie instead of the body, and accepts
// the cookie only with that header (a cross-site page cannot send it).

const WEB_CLIENT = { 'X-Claribi-Client': 'web' };

let access = null;
let refreshTimer = null;
let refreshAt = 0;
let refreshing = null;
let reauthenticationHandler = null;
let prompting = null;
const signedOutListeners = [];
const sessionChangedListeners = [];

/** An error answer of the API: status, code, message, detail and the per-field problems of a validation error. */
export class ApiError extends Error {
  constructor(status, body, headers) {
    super((body && body.message) || `The server answered ${status}.`);
    this.status = status;
    this.code = (body && body.error) || 'server_error';
    this.detail = (body && body.detail) || '';
    this.fields = (body && body.fields) || null;
    this.retryAfter = headers ? headers.get('Retry-After') : null;
  }
}

export function isSignedIn() {
  return access !== null;
}

/** Called when the session ends by itself (refresh refused), so the page can go to sign-in. */
export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

/**
 * Called when a new access token belongs to another user or session than the one before (another account signed in
 * in another tab shares the cookie), so the page can forget what it knows about the previous user.
 */
export function onSessionChanged(listener) {
  sessionChangedListeners.push(listener);
}

/**
 * Sets what answers a 403 reauthentication_required (sudo mode): a function that asks the user for the password and
 * resolves true once reauthenticate() succeeded, false when the user declined. The refused request is then repeated
 * once. Concurrent refusals share one prompt.
 */
export function onReauthenticationRequired(handler) {
  reauthenticationHandler = handler;
}

/** Decodes a JWT's payload (base64url JSON); only to read claims, the server verifies the signature. */
function claims(token) {
  const part = token.split('.')[1] || '';
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The user (sub) and session (sid) of a token, or null when it cannot be read. */
function identity(token) {
  try {
    const { sub, sid } = claims(token);
    return `${sub} ${sid}`;
  } catch {
    return null;
  }
}

function accept(token) {
  const previous = access;
  access = token;
  if (previous !== null && identity(previous) !== identity(token)) {
    sessionChangedListeners.forEach((listener) => listener());
  }
  // Refresh when 80% of the lifetime has passed, less a second (iat is rounded down to whole seconds, so the token
  // may be up to a second older than it says). The lifetime is exp - iat, both from the server's clock, counted from
  // now, so a wrong clock on this computer does not matter.
  let delay = 60_000;
  try {
    const { iat, exp } = claims(token);
    delay = Math.max(1_000, (exp - iat) * 1000 * 0.8 - 1_000);
  } catch {
    // A token we cannot read is still used; a 401 will refresh it.
  }
  schedule(delay);
}

function schedule(delay) {
  clearTimeout(refreshTimer);
  refreshAt = performance.now() + delay;
  refreshTimer = setTimeout(() => {
    refresh().catch(() => {});
  }, delay);
}

function forget() {
  access = null;
  clearTimeout(refreshTimer);
  refreshTimer = null;
}

async function parse(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function post(path, body, headers = {}) {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...WEB_CLIENT, ...headers },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
}

/** Signs in; throws ApiError (mfa_required, invalid_mfa_code, invalid_credentials, ...) when refused. */
export async function signIn(email, password, factor = {}) {
  const response = await post('/api/auth/login/', { email, password, ...factor });
  const body = await parse(response);
  if (!response.ok) throw new ApiError(response.status, body, response.headers);
  accept(body.access);
}

/** Asks for a password-reset email (answered alike whatever the email); throws ApiError when refused (429, 400). */
export async function requestPasswordReset(email) {
  const response = await post('/api/auth/password-reset/', { email });
  if (!response.ok) throw new ApiError(response.status, await parse(response), response.headers);
}

/** Sets a new password with a reset link's token; throws ApiError (invalid_token, validation_error) when refused. */
export async function confirmPasswordReset(token, newPassword) {
  const response = await post('/api/auth/password-reset/confirm/', { token, new_password: newPassword });
  if (!response.ok) throw new ApiError(response.status, await parse(response), response.headers);
}

/**
 * Gets a new access token with the refresh cookie. Resolves true when signed in, false when there is no valid
 * session; concurrent callers share one request.
 */
export function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const response = await post('/api/auth/token/refresh/', {});
        const body = await parse(response);
        if (response.ok && body && body.access) {
          accept(body.access);
          return true;
        }
        if (response.status === 401 || response.status === 403) {
          const wasSignedIn = access !== null;
          forget();
          if (wasSignedIn) signedOutListeners.forEach((listener) => listener());
          return false;
        }
        throw new ApiError(response.status, body, response.headers);
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

/**
 * Ends the session on the server (which also clears the cookies) and forgets the access token. Only a 204 counts:
 * otherwise (the server could not be reached or could not end the session) this throws and the user stays signed in,
 * so that the page can say so and the user can try again.
 */
export async function signOut() {
  // No refresh may run during the sign-out: one that finished after it would sign the user in again.
  clearTimeout(refreshTimer);
  refreshTimer = null;
  if (refreshing) {
    await refreshing.catch(() => {});
  }
  let response = null;
  try {
    response = await post('/api/auth/logout/', {});
    if (response.status === 401 && access) {
      // No usable cookie (cleared by hand, or cleared by a failed attempt): end the session with the access token.
      response = await post('/api/auth/logout/', {}, { Authorization: `Bearer ${access}` });
    }
  } catch {
    response = null;
  }
  if (response !== null && response.status === 204) {
    forget();
    return;
  }
  if (access !== null) schedule(Math.max(0, refreshAt - performance.now()));
  const body = response === null ? null : await parse(response);
  throw new ApiError(response === null ? 0 : response.status, body, response === null ? null : response.headers);
}

/**
 * Ends every session of the user (POST /api/auth/logout-all/), this one included, and forgets the access token. Throws
 * ApiError when refused, and the user then stays signed in here.
 */
export async function signOutEverywhere() {
  await api('/api/auth/logout-all/', { method: 'POST' });
  forget();
}

/**
 * Proves the password (and the second factor, {totp_code} or {recovery_code}, when MFA is on) again for this session:
 * the answer is an access token of the same session with a fresh auth_time, which replaces the current one. Throws
 * ApiError (invalid_credentials, mfa_required, invalid_mfa_code, rate_limited) when refused.
 */
export async function reauthenticate(password, factor = {}) {
  const body = await api('/api/auth/reauthenticate/', { method: 'POST', body: { password, ...factor } });
  accept(body.access);
}

function askToReauthenticate() {
  if (!prompting) {
    prompting = Promise.resolve(reauthenticationHandler()).finally(() => {
      prompting = null;
    });
  }
  return prompting;
}

/**
 * A request to the API with the access token. On a 401 it refreshes once and repeats the request once; on a 403
 * reauthentication_required it asks for the password (onReauthenticationRequired) and repeats the request once; other
 * errors are thrown as ApiError. Resolves to the parsed JSON body (null for 204).
 */
export async function api(path, { method = 'GET', body } = {}) {
  const send = () => {
    const headers = { Accept: 'application/json' };
    if (access) headers.Authorization = `Bearer ${access}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  };
  let response = await send();
  if (response.status === 401) {
    if (await refresh()) {
      response = await send();
    }
  }
  let parsed = await parse(response);
  if (response.status === 403 && parsed && parsed.error === 'reauthentication_required' && reauthenticationHandler) {
    if (await askToReauthenticate()) {
      response = await send();
      parsed = await parse(response);
    }
  }
  if (!response.ok) throw new ApiError(response.status, parsed, response.headers);
  return parsed;
}

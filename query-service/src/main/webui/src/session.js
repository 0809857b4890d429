import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { jwtDecode } from 'jwt-decode';

// One session per tab: the console's runtime configuration (served by query-service) and the OIDC user.
// Login is the authorization code flow with PKCE against the realm's public console client.

let config;
let users;

export async function startSession() {
  const response = await fetch('/console/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`console configuration: HTTP ${response.status}`);
  config = await response.json();
  users = new UserManager({
    authority: config.oidcUrl,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}/`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: 'openid',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  const params = new URLSearchParams(window.location.search);
  if (params.has('code') && params.has('state')) {
    const user = await users.signinRedirectCallback();
    window.history.replaceState({}, '', `/${user.state || ''}`);
  }
  const user = await users.getUser();
  return user && !user.expired ? user : null;
}

export function login() {
  return users.signinRedirect({ state: window.location.hash });
}

export function logout() {
  return users.signoutRedirect();
}

export function serviceUrl(service) {
  return config.services[service];
}

/** The signed-in user's name and realm roles, read from the access token (the roles the services apply). */
export function identity(user) {
  const claims = jwtDecode(user.access_token);
  return {
    name: claims.preferred_username || claims.sub,
    roles: claims.realm_access?.roles ?? [],
  };
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** fetch() on a Tailor service with the user's bearer token; errors carry the service's own message. */
export async function call(service, path, options = {}) {
  const user = await users.getUser();
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (user) headers.Authorization = `Bearer ${user.access_token}`;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    options = { ...options, body: JSON.stringify(options.json) };
  }
  const response = await fetch(`${serviceUrl(service)}${path}`, { ...options, headers });
  if (!response.ok) {
    throw new ApiError(response.status, await errorMessage(response));
  }
  return response;
}

export async function getJson(service, path) {
  return (await call(service, path)).json();
}

// RFC 9457 problem details on /api, OpenAI's error object on /v1.
async function errorMessage(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    return body.detail || body.error?.message || body.title || text;
  } catch {
    return text || `HTTP ${response.status}`;
  }
}

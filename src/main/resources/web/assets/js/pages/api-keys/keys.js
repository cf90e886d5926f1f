// What the API-keys page knows about a key (scopes, whether it still works) and how it reads the paged list.
import { api } from '../../session.js';

export const SCOPES = {
  read_only: { label: 'Read-only', badge: 'badge-info' },
  read_write: { label: 'Read & write', badge: 'badge-warn' },
};

export function scopeLabel(scope) {
  return SCOPES[scope]?.label || scope;
}

export function scopeBadge(scope) {
  return SCOPES[scope]?.badge || 'badge-neutral';
}

export function isPast(iso) {
  return iso && new Date(iso).getTime() <= Date.now();
}

/** Neither revoked (now or in a grace period) nor expired. */
export function isActive(key) {
  return !key.revoked_at && !(key.expires_at && isPast(key.expires_at));
}

/** The path and query of a page's "next" link (an absolute URL of this server), to pass to api(). */
export function localPath(url) {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

/** All pages of a list, following "next". */
export async function all(path) {
  const results = [];
  let next = path;
  while (next) {
    const page = await api(next);
    results.push(...page.results);
    next = page.next ? localPath(page.next) : null;
  }
  return results;
}

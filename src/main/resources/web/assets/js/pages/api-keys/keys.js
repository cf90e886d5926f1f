// What the API-keys page knows about a key (scopes, whether it still works) and how it reads the paged list.
import { api } from '../../session.js';
import { localPath } from '../../ui.js';

export { localPath };

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

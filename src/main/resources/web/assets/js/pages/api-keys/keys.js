// What the API-keys page knows about a key (scopes, whether it still works) and how it reads the paged list.
import { api } from '../../session.js';
import { h, localPath, time } from '../../ui.js';

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

/** What state a key is in (revoked, expired, retiring in a grace period, active) and whether rotation is due. */
export function statusBadges(key) {
  const badges = [];
  if (key.revoked_at && isPast(key.revoked_at)) {
    badges.push(h('span', { class: 'badge badge-danger' }, 'Revoked'));
  } else if (key.expires_at && isPast(key.expires_at)) {
    badges.push(h('span', { class: 'badge badge-danger' }, 'Expired'));
  } else if (key.revoked_at) {
    badges.push(
      h('span', { class: 'badge badge-warn' }, 'Retiring'),
      h('span', { class: 'hint' }, 'stops ', time(key.revoked_at, { relative: true })),
    );
  } else {
    badges.push(h('span', { class: 'badge badge-ok' }, 'Active'));
  }
  if (key.rotation_due && !(key.revoked_at || (key.expires_at && isPast(key.expires_at)))) {
    badges.push(h('span', { class: 'badge badge-warn', title: 'Older than 90 days: rotate it.' }, 'Rotation due'));
  }
  return badges;
}

/** The cells a key's row shows wherever keys are listed (Settings > API keys, a service account's, the organization's). */
export const keyCells = {
  name: (key) =>
    h(
      'td',
      { 'data-label': 'Key' },
      h('span', { class: 'key-name' }, key.name),
      h('code', { class: 'key-prefix' }, `${key.prefix}…`),
    ),
  scope: (key) =>
    h('td', { 'data-label': 'Scope' }, h('span', { class: `badge ${scopeBadge(key.scope)}` }, scopeLabel(key.scope))),
  lastUsed: (key) =>
    h('td', { 'data-label': 'Last used' }, key.last_used_at ? time(key.last_used_at, { relative: true }) : 'Never'),
  expires: (key) => h('td', { 'data-label': 'Expires' }, key.expires_at ? time(key.expires_at) : 'Never'),
  status: (key) => h('td', { 'data-label': 'Status', class: 'key-status' }, statusBadges(key)),
};

// The "Your keys" card: one row per key, with its status and the actions that still apply to it.
import { errorAlert, h, time } from '../../ui.js';
import { toggleActivity } from './activity.js';
import { all, isActive, isPast, scopeBadge, scopeLabel } from './keys.js';

/**
 * The card; load() (re)reads the keys, showError() shows a failed action above the table. base is the keys' collection
 * (the user's own, or a service account's); title, caption and empty are the card's words for whose keys they are.
 */
export function keyList({
  onRotate,
  onRevoke,
  base = '/api/api-keys/',
  title = 'Your keys',
  caption = 'Your API keys',
  empty = 'You have no API keys yet.',
}) {
  const heading = h('h2', { id: 'keys-title', tabindex: '-1' }, title);
  const error = h('div', { id: 'keys-error' });
  const area = h('div', { class: 'table-wrap' });
  const body = h('tbody', { id: 'keys-body' });
  const section = h('section', { class: 'card', 'aria-labelledby': 'keys-title' }, heading, error, area);

  function showError(e) {
    error.replaceChildren(errorAlert(e));
  }

  async function load() {
    error.replaceChildren();
    let keys;
    try {
      keys = await all(`${base}?page_size=100`);
    } catch (e) {
      showError(e);
      return;
    }
    if (!keys.length) {
      area.replaceChildren(h('p', { class: 'empty', id: 'no-keys' }, empty));
      return;
    }
    // Newest first: the key just created is at the top.
    keys.sort((a, b) => b.id - a.id);
    body.replaceChildren(...keys.map((key) => row(key, { onRotate, onRevoke, base })));
    area.replaceChildren(
      h(
        'table',
        { class: 'keys', id: 'keys-table' },
        h('caption', { class: 'visually-hidden' }, caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Key', 'Scope', 'Created', 'Last used', 'Expires', 'Status', 'Actions'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        body,
      ),
    );
  }

  return { section, focus: () => heading.focus(), load, showError };
}

function row(key, { onRotate, onRevoke, base }) {
  const actions = h('div', { class: 'row-actions' });
  const tr = h(
    'tr',
    { 'data-key-id': key.id, 'data-key-prefix': key.prefix, class: isActive(key) ? '' : 'revoked' },
    h(
      'td',
      { 'data-label': 'Key' },
      h('span', { class: 'key-name' }, key.name),
      h('code', { class: 'key-prefix' }, `${key.prefix}…`),
    ),
    h('td', { 'data-label': 'Scope' }, h('span', { class: `badge ${scopeBadge(key.scope)}` }, scopeLabel(key.scope))),
    h('td', { 'data-label': 'Created' }, time(key.created_at)),
    h('td', { 'data-label': 'Last used' }, key.last_used_at ? time(key.last_used_at, { relative: true }) : 'Never'),
    h('td', { 'data-label': 'Expires' }, key.expires_at ? time(key.expires_at) : 'Never'),
    h('td', { 'data-label': 'Status', class: 'key-status' }, statusBadges(key)),
    h('td', { class: 'key-actions', 'data-label': 'Actions' }, actions),
  );
  const activity = actionButton(key, 'activity', 'Activity', 'Activity of', { 'aria-expanded': 'false' });
  activity.addEventListener('click', () => toggleActivity(key, tr, activity, base));
  actions.append(activity);
  if (isActive(key)) {
    const rotate = actionButton(key, 'rotate', 'Rotate', 'Rotate');
    rotate.addEventListener('click', () => onRotate(key));
    const revoke = actionButton(key, 'revoke', 'Revoke', 'Revoke', { class: 'button button-danger button-small' });
    revoke.addEventListener('click', () => onRevoke(key));
    actions.append(rotate, revoke);
  }
  return tr;
}

/** A small button of a row, named for screen readers with the key's name ("Rotate Nightly export"). */
function actionButton(key, action, text, verb, attributes = {}) {
  return h(
    'button',
    {
      type: 'button',
      class: 'button button-secondary button-small',
      'aria-label': `${verb} ${key.name}`,
      'data-action': action,
      ...attributes,
    },
    text,
  );
}

function statusBadges(key) {
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

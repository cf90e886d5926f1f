// The "Your keys" card: one row per key, with its status and the actions that still apply to it.
import { dataTable, errorAlert, h, rowButton, time } from '../../ui.js';
import { toggleActivity } from './activity.js';
import { all, isActive, keyCells } from './keys.js';

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
    area.replaceChildren(
      dataTable({
        id: 'keys-table',
        caption,
        columns: ['Key', 'Scope', 'Created', 'Last used', 'Expires', 'Status', 'Actions'],
        bodyId: 'keys-body',
        rows: keys.map((key) => row(key, { onRotate, onRevoke, base })),
      }),
    );
  }

  return { section, focus: () => heading.focus(), load, showError };
}

function row(key, { onRotate, onRevoke, base }) {
  const actions = h('div', { class: 'row-actions' });
  const tr = h(
    'tr',
    { 'data-key-id': key.id, 'data-key-prefix': key.prefix, class: isActive(key) ? '' : 'revoked' },
    keyCells.name(key),
    keyCells.scope(key),
    h('td', { 'data-label': 'Created' }, time(key.created_at)),
    keyCells.lastUsed(key),
    keyCells.expires(key),
    keyCells.status(key),
    h('td', { class: 'key-actions', 'data-label': 'Actions' }, actions),
  );
  // Buttons named for screen readers with the key's name ("Rotate Nightly export").
  const activity = rowButton({
    action: 'activity',
    text: 'Activity',
    label: `Activity of ${key.name}`,
    'aria-expanded': 'false',
    onClick: () => toggleActivity(key, tr, activity, base),
  });
  actions.append(activity);
  if (isActive(key)) {
    actions.append(
      rowButton({ action: 'rotate', text: 'Rotate', label: `Rotate ${key.name}`, onClick: () => onRotate(key) }),
      rowButton({
        action: 'revoke',
        text: 'Revoke',
        label: `Revoke ${key.name}`,
        danger: true,
        onClick: () => onRevoke(key),
      }),
    );
  }
  return tr;
}

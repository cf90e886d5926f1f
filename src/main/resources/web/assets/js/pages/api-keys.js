// Settings > Security > API keys: the user's keys, creating one (its secret shown once), revoking, rotating, activity.
import { api } from '../session.js';
import {
  busy,
  clearErrors,
  copyButton,
  dialog,
  field,
  formatDateTime,
  h,
  sentence,
  settingsLayout,
  showError,
  time,
} from '../ui.js';

const PATH = '/settings/security/api-keys';
const SCOPES = {
  read_only: { label: 'Read-only', badge: 'badge-info' },
  read_write: { label: 'Read & write', badge: 'badge-warn' },
};
const GRACE_PERIODS = [
  [0, 'Immediately'],
  [3600, 'After 1 hour'],
  [86400, 'After 24 hours'],
  [604800, 'After 7 days'],
];

/** All pages of a list, following "next" (an absolute URL of this server). */
async function all(path) {
  const results = [];
  let next = path;
  while (next) {
    const page = await api(next);
    results.push(...page.results);
    next = page.next ? new URL(page.next).pathname + new URL(page.next).search : null;
  }
  return results;
}

function isPast(iso) {
  return iso && new Date(iso).getTime() <= Date.now();
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

function active(key) {
  return !key.revoked_at && !(key.expires_at && isPast(key.expires_at));
}

export async function render(main) {
  const { layout, content } = settingsLayout(
    PATH,
    'API keys',
    'Keys let scripts and integrations call the clariBI API with the X-API-Key header. A key acts with your permissions, narrowed by its scope. Use one key per integration, the smallest scope that works, and rotate keys every 90 days.',
  );
  main.append(layout);

  const announcer = h('div', { class: 'visually-hidden', role: 'status', id: 'keys-announcer' });
  const secretSlot = h('div', { id: 'new-key-slot' });
  const listBody = h('tbody', { id: 'keys-body' });
  const listArea = h('div', { class: 'table-wrap' });
  const listHeading = h('h2', { id: 'keys-title', tabindex: '-1' }, 'Your keys');
  const listError = h('div', { id: 'keys-error' });

  content.append(
    announcer,
    secretSlot,
    h('section', { class: 'card', 'aria-labelledby': 'keys-title' }, listHeading, listError, listArea),
    createForm(),
  );

  function say(message) {
    announcer.textContent = message;
  }

  function showSecret(key, { title, note }) {
    const heading = h('h2', { tabindex: '-1', id: 'new-key-title' }, title);
    const done = h('button', { type: 'button', class: 'button', id: 'new-key-done' }, 'I have copied it');
    const panel = h(
      'section',
      { class: 'card secret-panel', 'aria-labelledby': 'new-key-title', id: 'new-key' },
      heading,
      h(
        'p',
        {},
        h('strong', {}, 'Copy this key now: you will not see it again.'),
        ' clariBI stores only a hash of it, so nobody can show it to you later. Store it in a secrets manager or an environment variable, never in code.',
      ),
      h(
        'div',
        { class: 'secret-row' },
        h('code', { class: 'secret', id: 'new-key-secret', 'aria-label': 'The new API key' }, key.key),
        copyButton('Copy key', key.key, { id: 'copy-key' }),
      ),
      h(
        'p',
        {},
        `“${key.name}”, ${SCOPES[key.scope]?.label || key.scope}`,
        key.expires_at ? [', expires ', time(key.expires_at)] : ', no expiry',
        '.',
      ),
      note ? h('p', {}, note) : null,
      done,
    );
    done.addEventListener('click', () => {
      panel.remove();
      listHeading.focus();
    });
    secretSlot.replaceChildren(panel);
    heading.focus();
  }

  function createForm() {
    const tomorrow = new Date(Date.now() + 86400000);
    const min = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    const scope = h(
      'fieldset',
      {},
      h('legend', {}, 'Scope'),
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'radio', name: 'scope', value: 'read_only', checked: true, id: 'scope-read-only' }),
        h('span', {}, 'Read-only', h('small', {}, 'Reads data. Refused on any create, change or delete.')),
      ),
      h(
        'label',
        { class: 'choice' },
        h('input', { type: 'radio', name: 'scope', value: 'read_write', id: 'scope-read-write' }),
        h('span', {}, 'Read & write', h('small', {}, 'Everything your role allows, including changes.')),
      ),
    );
    const form = h(
      'form',
      { novalidate: true, id: 'create-key-form' },
      field({
        label: 'Name',
        name: 'name',
        id: 'key-name',
        required: true,
        maxlength: 100,
        autocomplete: 'off',
        hint: 'What will use it, e.g. “Nightly export”.',
      }),
      scope,
      field({
        label: 'Expires (optional)',
        name: 'expires_at',
        type: 'date',
        id: 'key-expires',
        min,
        hint: 'The key stops working at the end of this day, your time. Leave empty for a key without expiry.',
      }),
      h('button', { type: 'submit', class: 'button', id: 'create-key' }, 'Create key'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = form.elements.name.value.trim();
      if (!name) {
        showError(form, { fields: { name: ['Give the key a name.'] } });
        return;
      }
      const body = { name, scope: form.elements.scope.value };
      const day = form.elements.expires_at.value;
      if (day) {
        // The end of the chosen day in the user's time zone, as the API's UTC seconds.
        body.expires_at = new Date(`${day}T23:59:59`).toISOString().replace(/\.\d{3}Z$/, 'Z');
      }
      busy(form, async () => {
        try {
          const key = await api('/api/api-keys/', { method: 'POST', body });
          form.reset();
          clearErrors(form);
          showSecret(key, { title: 'Your new API key' });
          say(`Key “${key.name}” created.`);
          await load();
        } catch (e) {
          showError(form, e);
        }
      });
    });
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'create-title' },
      h('h2', { id: 'create-title' }, 'Create a key'),
      form,
    );
  }

  async function revoke(key) {
    const confirmed = await dialog({
      title: 'Revoke this key?',
      content: (form) =>
        form.append(
          h('p', {}, `“${key.name}” (${key.prefix}…) stops working at once, for every application that uses it.`),
          h('p', {}, 'This cannot be undone.'),
        ),
      confirm: 'Revoke key',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api(`/api/api-keys/${key.id}/revoke/`, { method: 'POST' });
      say(`Key “${key.name}” revoked.`);
      await load();
    } catch (e) {
      listError.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, sentence(e))));
    }
  }

  async function rotate(key) {
    const choice = await dialog({
      title: 'Rotate this key?',
      content: (form) => {
        const id = 'rotate-grace';
        form.append(
          h('p', {}, `A new secret replaces “${key.name}” (${key.prefix}…), with the same name, scope and expiry.`),
          h(
            'div',
            { class: 'field' },
            h('label', { for: id }, 'When should the old key stop working?'),
            h(
              'select',
              { id, name: 'grace_period_seconds' },
              GRACE_PERIODS.map(([seconds, label]) =>
                h('option', { value: seconds, selected: seconds === 3600 }, label),
              ),
            ),
            h('span', { class: 'hint' }, 'A grace period lets you deploy the new key before the old one stops.'),
          ),
        );
      },
      confirm: 'Rotate key',
    });
    if (!choice) return;
    const grace = Number(choice.get('grace_period_seconds'));
    try {
      const fresh = await api(`/api/api-keys/${key.id}/rotate/`, {
        method: 'POST',
        body: { grace_period_seconds: grace },
      });
      const until = new Date(Date.now() + grace * 1000).toISOString();
      showSecret(fresh, {
        title: 'Your rotated API key',
        note:
          grace === 0
            ? `The old key (${key.prefix}…) has stopped working.`
            : `The old key (${key.prefix}…) keeps working until ${formatDateTime(until)}.`,
      });
      say(`Key “${key.name}” rotated.`);
      await load();
    } catch (e) {
      listError.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, sentence(e))));
    }
  }

  async function toggleActivity(key, row, button) {
    const existing = row.nextElementSibling;
    if (existing && existing.classList.contains('activity-row')) {
      existing.remove();
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    const cell = h('td', { colspan: 7, id: `activity-${key.id}` });
    const activityRow = h('tr', { class: 'activity-row' }, cell);
    row.after(activityRow);
    button.setAttribute('aria-expanded', 'true');
    button.setAttribute('aria-controls', cell.id);
    await showActivity(key, cell, `/api/api-keys/${key.id}/activity/?page_size=20`, true);
  }

  async function showActivity(key, cell, path, first) {
    let page;
    try {
      page = await api(path);
    } catch (e) {
      cell.append(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, sentence(e))));
      return;
    }
    let body = cell.querySelector('tbody');
    if (first) {
      cell.replaceChildren(h('h3', {}, `Recent activity of “${key.name}”`));
      if (!page.results.length) {
        cell.append(h('p', { class: 'empty' }, 'No use yet. A use shows here within a few seconds.'));
        return;
      }
      body = h('tbody', {});
      cell.append(
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'activity' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['When', 'Request', 'Status', 'Address', 'Client'].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            body,
          ),
        ),
      );
    }
    for (const use of page.results) {
      body.append(
        h(
          'tr',
          {},
          h('td', {}, time(use.timestamp)),
          h('td', {}, h('code', {}, `${use.method} ${use.path}`)),
          h('td', {}, String(use.status)),
          h('td', {}, use.ip),
          h('td', {}, use.user_agent || '—'),
        ),
      );
    }
    cell.querySelector('.load-more')?.remove();
    if (page.next) {
      const more = h(
        'button',
        { type: 'button', class: 'button button-secondary button-small load-more' },
        'Show older uses',
      );
      more.addEventListener('click', () =>
        showActivity(key, cell, new URL(page.next).pathname + new URL(page.next).search, false),
      );
      cell.append(more);
    }
  }

  function row(key) {
    const actions = h('div', { class: 'row-actions' });
    const tr = h(
      'tr',
      { 'data-key-id': key.id, 'data-key-prefix': key.prefix, class: active(key) ? '' : 'revoked' },
      h(
        'td',
        { 'data-label': 'Key' },
        h('span', { class: 'key-name' }, key.name),
        h('code', { class: 'key-prefix' }, `${key.prefix}…`),
      ),
      h(
        'td',
        { 'data-label': 'Scope' },
        h(
          'span',
          { class: `badge ${SCOPES[key.scope]?.badge || 'badge-neutral'}` },
          SCOPES[key.scope]?.label || key.scope,
        ),
      ),
      h('td', { 'data-label': 'Created' }, time(key.created_at)),
      h('td', { 'data-label': 'Last used' }, key.last_used_at ? time(key.last_used_at, { relative: true }) : 'Never'),
      h('td', { 'data-label': 'Expires' }, key.expires_at ? time(key.expires_at) : 'Never'),
      h('td', { 'data-label': 'Status', class: 'key-status' }, statusBadges(key)),
      h('td', { class: 'key-actions', 'data-label': 'Actions' }, actions),
    );
    const label = (verb) => `${verb} ${key.name}`;
    const activity = h(
      'button',
      {
        type: 'button',
        class: 'button button-secondary button-small',
        'aria-expanded': 'false',
        'aria-label': label('Activity of'),
        'data-action': 'activity',
      },
      'Activity',
    );
    activity.addEventListener('click', () => toggleActivity(key, tr, activity));
    actions.append(activity);
    if (active(key)) {
      const rotateButton = h(
        'button',
        {
          type: 'button',
          class: 'button button-secondary button-small',
          'aria-label': label('Rotate'),
          'data-action': 'rotate',
        },
        'Rotate',
      );
      rotateButton.addEventListener('click', () => rotate(key));
      const revokeButton = h(
        'button',
        {
          type: 'button',
          class: 'button button-danger button-small',
          'aria-label': label('Revoke'),
          'data-action': 'revoke',
        },
        'Revoke',
      );
      revokeButton.addEventListener('click', () => revoke(key));
      actions.append(rotateButton, revokeButton);
    }
    return tr;
  }

  async function load() {
    listError.replaceChildren();
    let keys;
    try {
      keys = await all('/api/api-keys/?page_size=100');
    } catch (e) {
      listError.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, sentence(e))));
      return;
    }
    if (!keys.length) {
      listArea.replaceChildren(h('p', { class: 'empty', id: 'no-keys' }, 'You have no API keys yet.'));
      return;
    }
    // Newest first: the key just created is at the top.
    keys.sort((a, b) => b.id - a.id);
    listBody.replaceChildren(...keys.map(row));
    listArea.replaceChildren(
      h(
        'table',
        { class: 'keys', id: 'keys-table' },
        h('caption', { class: 'visually-hidden' }, 'Your API keys'),
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
        listBody,
      ),
    );
  }

  await load();
}

// Administration > Audit log: the organization's security events, newest first, filtered by type, user and time
// range, page by page. Read-only. Administrators only. The API lists events oldest first (by id), so a page of this
// one is read from the end of the API's list: the count first, then the one or two API pages that hold it.
import { api } from '../session.js';
import { clearErrors, field, h, showError, time } from '../ui.js';
import { refusal, administrationPage } from './admin/access.js';

const PATH = '/admin/audit-log';
const PAGE_SIZE = 20;

/** The event types the server records, for the filter's choices. */
const TYPES = [
  'login_succeeded',
  'login_failed',
  'password_check_failed',
  'reauthenticated',
  'reauthentication_failed',
  'sessions_revoked',
  'password_reset_requested',
  'password_reset_link_issued',
  'mfa_enabled',
  'mfa_disabled',
  'mfa_code_failed',
  'mfa_locked',
  'mfa_unlocked',
  'mfa_reset',
  'recovery_code_used',
  'recovery_codes_regenerated',
  'api_key_created',
  'api_key_rotated',
  'api_key_revoked',
  'api_key_refused',
  'user_created',
  'role_changed',
  'user_deactivated',
  'organization_renamed',
  'permission_denied',
  'signing_key_rotated',
];

export async function render(main, context) {
  const content = await administrationPage(
    main,
    context,
    PATH,
    'Audit log',
    'Security events of your organization, newest first: sign-ins, password and two-factor changes, keys, users and refusals. Nobody can change or delete one.',
  );
  if (!content) return;

  const form = filterForm();
  const heading = h('h2', { id: 'events-title', tabindex: '-1' }, 'Events');
  const error = h('div', { id: 'events-error' });
  const area = h('div', { class: 'table-wrap' });
  const pages = h('div', {});
  content.append(
    h('section', { class: 'card', 'aria-labelledby': 'filter-title' }, h('h2', { id: 'filter-title' }, 'Filter'), form),
    h('section', { class: 'card', 'aria-labelledby': 'events-title' }, heading, error, area, pages),
  );

  let query = '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = filters(form);
    if (chosen === null) return;
    query = chosen;
    load(1).then(() => heading.focus());
  });
  form.addEventListener('reset', () => {
    clearErrors(form);
    query = '';
    load(1);
  });

  /** Shows the newest-first page number (from 1) of the events that match the filters. */
  async function load(number) {
    error.replaceChildren();
    let count;
    let results;
    try {
      ({ count, results } = await newestFirst(query, number));
    } catch (e) {
      if (e.fields) showError(form, e);
      else error.replaceChildren(refusal(e));
      return;
    }
    if (!results.length) {
      area.replaceChildren(h('p', { class: 'empty', id: 'no-events' }, 'No event matches.'));
    } else {
      area.replaceChildren(
        h(
          'table',
          { class: 'keys', id: 'events-table' },
          h('caption', { class: 'visually-hidden' }, 'Audit events, newest first'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['When', 'Event', 'User', 'Address', 'Detail'].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h('tbody', { id: 'events-body' }, results.map(row)),
        ),
      );
    }
    const first = (number - 1) * PAGE_SIZE;
    const button = (enabled, text, id, target) =>
      h(
        'button',
        {
          type: 'button',
          class: 'button button-secondary button-small',
          id,
          disabled: !enabled,
          onclick: enabled ? () => load(target) : null,
        },
        text,
      );
    pages.replaceChildren(
      h(
        'nav',
        { class: 'pager', 'aria-label': 'Pages' },
        button(number > 1, 'Newer', 'events-previous', number - 1),
        h(
          'span',
          { class: 'pager-range', id: 'events-range' },
          results.length ? `${first + 1}–${first + results.length} of ${count}` : `0 of ${count}`,
        ),
        button(first + results.length < count, 'Older', 'events-next', number + 1),
      ),
    );
  }

  await load(1);
}

function filterForm() {
  const form = h(
    'form',
    { novalidate: true, id: 'events-filter', class: 'filters' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'filter-type' }, 'Type'),
      h(
        'select',
        { id: 'filter-type', name: 'type' },
        h('option', { value: '' }, 'All types'),
        TYPES.map((type) => h('option', { value: type }, type)),
      ),
    ),
    field({ label: 'User id', name: 'user', id: 'filter-user', inputmode: 'numeric', autocomplete: 'off' }),
    field({ label: 'From', name: 'since', id: 'filter-since', type: 'datetime-local', step: 1 }),
    field({ label: 'Until', name: 'until', id: 'filter-until', type: 'datetime-local', step: 1 }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'button', id: 'filter-apply' }, 'Apply'),
      h('button', { type: 'reset', class: 'button button-quiet', id: 'filter-clear' }, 'Clear'),
    ),
  );
  return form;
}

/**
 * The newest-first page `number` of the events matching `query`: {count, results}. The API's pages (oldest first) are
 * read from the end; a page of ours spans at most two of theirs.
 */
async function newestFirst(query, number) {
  const path = (page, size) => `/api/audit-events/?${query ? `${query}&` : ''}page=${page}&page_size=${size}`;
  const { count } = await api(path(1, 1));
  // Our page is the API's items [from, to) in its oldest-first order.
  const to = Math.max(0, count - (number - 1) * PAGE_SIZE);
  const from = Math.max(0, to - PAGE_SIZE);
  if (to === 0) return { count, results: [] };
  const firstPage = Math.floor(from / PAGE_SIZE) + 1;
  const lastPage = Math.floor((to - 1) / PAGE_SIZE) + 1;
  const items = [];
  for (let page = firstPage; page <= lastPage; page += 1) {
    items.push(...(await api(path(page, PAGE_SIZE))).results);
  }
  const offset = (firstPage - 1) * PAGE_SIZE;
  return { count, results: items.slice(from - offset, to - offset).reverse() };
}

/** The query of the filters (times in the user's zone, sent as UTC), or null after showing what is wrong. */
function filters(form) {
  const query = new URLSearchParams();
  const problems = {};
  const type = form.elements.type.value;
  const user = form.elements.user.value.trim();
  if (type) query.set('type', type);
  if (user) {
    if (/^\d+$/.test(user)) query.set('user', user);
    else problems.user = ['A user id is a number, as the Users page shows it.'];
  }
  for (const name of ['since', 'until']) {
    const value = form.elements[name].value;
    if (value) query.set(name, new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  }
  if (query.has('since') && query.has('until') && query.get('since') > query.get('until')) {
    problems.until = ['The end of the range comes before its start.'];
  }
  if (Object.keys(problems).length) {
    showError(form, { fields: problems });
    return null;
  }
  clearErrors(form);
  return query.toString();
}

function row(event) {
  return h(
    'tr',
    { 'data-event-id': event.id, 'data-type': event.type },
    h('td', { 'data-label': 'When' }, time(event.timestamp)),
    h('td', { 'data-label': 'Event' }, h('code', { class: 'event-type' }, event.type)),
    h(
      'td',
      { 'data-label': 'User' },
      event.user == null
        ? '—'
        : [
            h('span', { class: 'key-name' }, event.email || '—'),
            h('span', { class: 'key-prefix' }, `id ${event.user}`),
          ],
    ),
    h('td', { 'data-label': 'Address' }, event.ip || '—'),
    h('td', { 'data-label': 'Detail', class: 'event-detail' }, event.detail || '—'),
  );
}

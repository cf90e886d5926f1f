// Administration > Audit log: the organization's security events, newest first as the API gives them, filtered by
// type, user and time range, page by page. Read-only. Administrators only.
import { api } from '../session.js';
import { adminLayout, clearErrors, field, h, pager, showError, time } from '../ui.js';
import { refusal, requireAdministrator } from './admin/access.js';

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
  const { layout, content } = adminLayout(
    PATH,
    'Audit log',
    'Security events of your organization, newest first: sign-ins, password and two-factor changes, keys, users and refusals. Nobody can change or delete one.',
  );
  main.append(layout);
  if (!(await requireAdministrator(context, content))) return;

  const form = filterForm();
  const heading = h('h2', { id: 'events-title', tabindex: '-1' }, 'Events');
  const error = h('div', { id: 'events-error' });
  const area = h('div', { class: 'table-wrap' });
  const pages = h('div', {});
  content.append(
    h('section', { class: 'card', 'aria-labelledby': 'filter-title' }, h('h2', { id: 'filter-title' }, 'Filter'), form),
    h('section', { class: 'card', 'aria-labelledby': 'events-title' }, heading, error, area, pages),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = filters(form);
    if (query) load(`/api/audit-events/?${query}`).then(() => heading.focus());
  });
  form.addEventListener('reset', () => {
    clearErrors(form);
    setTimeout(() => load(`/api/audit-events/?page_size=${PAGE_SIZE}`));
  });

  async function load(path) {
    error.replaceChildren();
    let page;
    try {
      page = await api(path);
    } catch (e) {
      if (e.fields) showError(form, e);
      else error.replaceChildren(refusal(e));
      return;
    }
    if (!page.results.length) {
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
          h('tbody', { id: 'events-body' }, page.results.map(row)),
        ),
      );
    }
    pages.replaceChildren(pager(page, path, load, 'events'));
  }

  await load(`/api/audit-events/?page_size=${PAGE_SIZE}`);
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

/** The query of the filters (times in the user's zone, sent as UTC), or null after showing what is wrong. */
function filters(form) {
  const query = new URLSearchParams({ page_size: String(PAGE_SIZE) });
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

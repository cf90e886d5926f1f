// Administration > API keys: every key of the organization, people's and service accounts', page by page, with its
// owner, scope, last use and status; any of them revoked in one step. Never a secret: the server keeps only hashes.
import { api } from '../session.js';
import { adminLayout, dataTable, dialog, h, pager, rowButton } from '../ui.js';
import { refusal, requireAdministrator } from './admin/access.js';
import { isActive, keyCells } from './api-keys/keys.js';

const PATH = '/admin/api-keys';
const PAGE_SIZE = 20;

export async function render(main, context) {
  const { layout, content } = adminLayout(
    PATH,
    'API keys',
    'Every API key of your organization, whoever owns it. Revoke a key that leaked, that nobody uses, or whose owner no longer needs it: every server refuses it within a second.',
  );
  main.append(layout);
  if (!(await requireAdministrator(context, content))) return;

  const announcer = h('div', { class: 'visually-hidden', role: 'status', id: 'organization-keys-announcer' });
  const heading = h('h2', { id: 'organization-keys-title', tabindex: '-1' }, 'Keys of the organization');
  const error = h('div', { id: 'organization-keys-error' });
  const area = h('div', { class: 'table-wrap' });
  const pages = h('div', {});
  content.append(
    announcer,
    h('section', { class: 'card', 'aria-labelledby': 'organization-keys-title' }, heading, error, area, pages),
  );
  let current = `/api/organization/api-keys/?page_size=${PAGE_SIZE}`;

  async function onRevoke(key) {
    error.replaceChildren();
    try {
      if (!(await confirmRevoke(key))) return;
      await api(`/api/organization/api-keys/${key.id}/revoke/`, { method: 'POST' });
      announcer.textContent = `Key “${key.name}” of ${key.owner.name} revoked.`;
      await load(current);
    } catch (e) {
      error.replaceChildren(refusal(e));
    }
  }

  async function load(path) {
    let page;
    try {
      page = await api(path);
    } catch (e) {
      error.replaceChildren(refusal(e));
      return;
    }
    current = path;
    if (!page.count) {
      area.replaceChildren(h('p', { class: 'empty', id: 'no-organization-keys' }, 'Nobody has an API key yet.'));
      pages.replaceChildren();
      return;
    }
    area.replaceChildren(
      dataTable({
        id: 'organization-keys-table',
        caption: 'API keys of your organization',
        columns: ['Key', 'Owner', 'Scope', 'Last used', 'Expires', 'Status', 'Actions'],
        bodyId: 'organization-keys-body',
        rows: page.results.map((key) => row(key, onRevoke)),
      }),
    );
    pages.replaceChildren(pager(page, path, load, 'organization-keys'));
  }

  await load(current);
}

function row(key, onRevoke) {
  const actions = h('div', { class: 'row-actions' });
  if (isActive(key)) {
    actions.append(
      rowButton({
        action: 'revoke',
        text: 'Revoke',
        label: `Revoke ${key.name} of ${key.owner.name}`,
        danger: true,
        onClick: () => onRevoke(key),
      }),
    );
  }
  return h(
    'tr',
    {
      'data-key-id': key.id,
      'data-key-prefix': key.prefix,
      'data-owner-type': key.owner.type,
      class: isActive(key) ? '' : 'revoked',
    },
    keyCells.name(key),
    h('td', { 'data-label': 'Owner', class: 'key-owner' }, owner(key.owner)),
    keyCells.scope(key),
    keyCells.lastUsed(key),
    keyCells.expires(key),
    keyCells.status(key),
    h('td', { class: 'key-actions', 'data-label': 'Actions' }, actions),
  );
}

function owner({ type, name }) {
  return [
    h('span', { class: 'owner-name' }, name),
    type === 'service_account' ? h('span', { class: 'badge badge-info' }, 'Service account') : null,
  ];
}

function confirmRevoke(key) {
  return dialog({
    title: 'Revoke this key?',
    content: (form) =>
      form.append(
        h(
          'p',
          {},
          `“${key.name}” (${key.prefix}…) of ${key.owner.name} stops working at once, for every application that uses it.`,
        ),
        h('p', {}, 'This cannot be undone. Tell its owner: they will need a new key.'),
      ),
    confirm: 'Revoke key',
    danger: true,
  });
}

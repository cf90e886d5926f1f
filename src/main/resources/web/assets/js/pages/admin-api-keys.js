// Administration > API keys: every key of the organization, people's and service accounts', page by page, with its
// owner, scope, last use and status; any of them revoked in one step. Never a secret: the server keeps only hashes.
import { api } from '../session.js';
import { dialog, h, rowButton } from '../ui.js';
import { administrationPage } from './admin/access.js';
import { pagedList } from './admin/paged-list.js';
import { isActive, keyCells } from './api-keys/keys.js';

const PATH = '/admin/api-keys';
const PAGE_SIZE = 20;

export async function render(main, context) {
  const content = await administrationPage(
    main,
    context,
    PATH,
    'API keys',
    'Every API key of your organization, whoever owns it. Revoke a key that leaked, that nobody uses, or whose owner no longer needs it: every server refuses it within a second.',
  );
  if (!content) return;

  const list = pagedList({
    id: 'organization-keys',
    title: 'Keys of the organization',
    caption: 'API keys of your organization',
    columns: ['Key', 'Owner', 'Scope', 'Last used', 'Expires', 'Status', 'Actions'],
    path: '/api/organization/api-keys/',
    pageSize: PAGE_SIZE,
    row: (key) => row(key, onRevoke),
    empty: () => h('p', { class: 'empty', id: 'no-organization-keys' }, 'Nobody has an API key yet.'),
  });
  content.append(list.announcer, list.section);

  function onRevoke(key) {
    return list.act(async () => {
      if (!(await confirmRevoke(key))) return;
      await api(`/api/organization/api-keys/${key.id}/revoke/`, { method: 'POST' });
      list.say(`Key “${key.name}” of ${key.owner.name} revoked.`);
      await list.load();
    });
  }

  await list.load();
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

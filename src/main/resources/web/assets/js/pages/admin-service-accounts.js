// Administration > Service accounts: the organization's non-human identities, page by page, with their role and
// whether they are active; adding one, editing its name or role, deactivating it, and its API keys (created, shown
// once, rotated, revoked). Administrators only; every write is a sudo-mode write.
import { activeBadge, h, rowButton, time } from '../ui.js';
import { administrationPage } from './admin/access.js';
import { pagedList } from './admin/paged-list.js';
import { roleLabel } from './admin/roles.js';
import {
  createServiceAccountForm,
  deactivateServiceAccount,
  editServiceAccount,
} from './admin/service-account-actions.js';
import { serviceAccountKeys } from './admin/service-account-keys.js';

const PATH = '/admin/service-accounts';
const PAGE_SIZE = 10;

export async function render(main, context) {
  const content = await administrationPage(
    main,
    context,
    PATH,
    'Service accounts',
    'Identities for integrations, as opposed to people: they cannot sign in and hold only API keys, which act with the service account’s role and keep working when the person who made them leaves.',
  );
  if (!content) return;

  const list = pagedList({
    id: 'service-accounts',
    title: 'Service accounts',
    caption: 'Service accounts of your organization',
    columns: ['Service account', 'Role', 'Status', 'Added', 'Actions'],
    path: '/api/service-accounts/',
    pageSize: PAGE_SIZE,
    row: (account) => row(account, actions),
    empty: () => h('p', { class: 'empty', id: 'no-service-accounts' }, 'No service accounts yet. Add one below.'),
  });
  const say = list.say;
  const keysSlot = h('div', { id: 'service-account-keys-slot' });
  content.append(list.announcer, keysSlot, list.section, createServiceAccountForm({ onCreated }));

  async function onCreated(account) {
    say(`${account.name} added.`);
    // Its keys open at once.
    await list.loadLast();
    await openKeys(account);
  }

  async function openKeys(account) {
    const keys = serviceAccountKeys(account, {
      say,
      onClose: () => {
        keysSlot.replaceChildren();
        list.heading.focus();
      },
    });
    keysSlot.replaceChildren(keys.panel);
    await keys.load();
    keys.focus();
  }

  const actions = {
    keys: (account) => list.act(() => openKeys(account)),
    edit: (account) =>
      list.act(async () => {
        const changed = await editServiceAccount(account);
        if (!changed) return;
        say(`${changed.name} is ${roleLabel(changed.role)}.`);
        await list.load();
      }),
    deactivate: (account) =>
      list.act(async () => {
        if (!(await deactivateServiceAccount(account))) return;
        say(`${account.name} deactivated; its keys are revoked.`);
        if (keysSlot.querySelector(`[data-service-account-id="${account.id}"]`)) keysSlot.replaceChildren();
        await list.load();
      }),
  };

  await list.load();
}

function row(account, actions) {
  const buttons = h('div', { class: 'row-actions' });
  const button = (action, text, verb, danger) =>
    buttons.append(
      rowButton({ action, text, label: `${verb} ${account.name}`, danger, onClick: () => actions[action](account) }),
    );
  button('keys', 'Keys', 'API keys of');
  if (account.active) {
    button('edit', 'Edit', 'Edit the name or role of');
    button('deactivate', 'Deactivate', 'Deactivate', true);
  }
  return h(
    'tr',
    { 'data-service-account-id': account.id, 'data-name': account.name, class: account.active ? '' : 'revoked' },
    h('td', { 'data-label': 'Service account' }, h('span', { class: 'key-name' }, account.name)),
    h('td', { 'data-label': 'Role', class: 'service-account-role' }, roleLabel(account.role)),
    h('td', { 'data-label': 'Status', class: 'service-account-status' }, activeBadge(account.active)),
    h('td', { 'data-label': 'Added' }, time(account.created_at)),
    h('td', { class: 'key-actions', 'data-label': 'Actions' }, buttons),
  );
}

// Administration > Service accounts: the organization's non-human identities, page by page, with their role and
// whether they are active; adding one, editing its name or role, deactivating it, and its API keys (created, shown
// once, rotated, revoked). Administrators only; every write is a sudo-mode write.
import { api } from '../session.js';
import { activeBadge, adminLayout, dataTable, h, pager, rowButton, time } from '../ui.js';
import { refusal, requireAdministrator } from './admin/access.js';
import { roleLabel } from './admin/create-user.js';
import {
  createServiceAccountForm,
  deactivateServiceAccount,
  editServiceAccount,
} from './admin/service-account-actions.js';
import { serviceAccountKeys } from './admin/service-account-keys.js';

const PATH = '/admin/service-accounts';
const PAGE_SIZE = 10;

export async function render(main, context) {
  const { layout, content } = adminLayout(
    PATH,
    'Service accounts',
    'Identities for integrations, as opposed to people: they cannot sign in and hold only API keys, which act with the service account’s role and keep working when the person who made them leaves.',
  );
  main.append(layout);
  if (!(await requireAdministrator(context, content))) return;

  const announcer = h('div', { class: 'visually-hidden', role: 'status', id: 'service-accounts-announcer' });
  const say = (message) => {
    announcer.textContent = message;
  };
  const heading = h('h2', { id: 'service-accounts-title', tabindex: '-1' }, 'Service accounts');
  const error = h('div', { id: 'service-accounts-error' });
  const area = h('div', { class: 'table-wrap' });
  const pages = h('div', {});
  const keysSlot = h('div', { id: 'service-account-keys-slot' });
  const list = h(
    'section',
    { class: 'card', 'aria-labelledby': 'service-accounts-title' },
    heading,
    error,
    area,
    pages,
  );
  content.append(announcer, keysSlot, list, createServiceAccountForm({ onCreated }));
  let current = `/api/service-accounts/?page_size=${PAGE_SIZE}`;

  async function onCreated(account) {
    say(`${account.name} added.`);
    // The newest account is on the last page (the list is ordered by id); its keys open at once.
    const first = await api(`/api/service-accounts/?page_size=${PAGE_SIZE}`);
    const last = Math.max(1, Math.ceil(first.count / PAGE_SIZE));
    await load(`/api/service-accounts/?page=${last}&page_size=${PAGE_SIZE}`);
    await openKeys(account);
  }

  async function act(work) {
    error.replaceChildren();
    try {
      await work();
    } catch (e) {
      error.replaceChildren(refusal(e));
    }
  }

  async function openKeys(account) {
    const keys = serviceAccountKeys(account, {
      say,
      onClose: () => {
        keysSlot.replaceChildren();
        heading.focus();
      },
    });
    keysSlot.replaceChildren(keys.panel);
    await keys.load();
    keys.focus();
  }

  const actions = {
    keys: (account) => act(() => openKeys(account)),
    edit: (account) =>
      act(async () => {
        const changed = await editServiceAccount(account);
        if (!changed) return;
        say(`${changed.name} is ${roleLabel(changed.role)}.`);
        await load(current);
      }),
    deactivate: (account) =>
      act(async () => {
        if (!(await deactivateServiceAccount(account))) return;
        say(`${account.name} deactivated; its keys are revoked.`);
        if (keysSlot.querySelector(`[data-service-account-id="${account.id}"]`)) keysSlot.replaceChildren();
        await load(current);
      }),
  };

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
      area.replaceChildren(
        h('p', { class: 'empty', id: 'no-service-accounts' }, 'No service accounts yet. Add one below.'),
      );
      pages.replaceChildren();
      return;
    }
    area.replaceChildren(
      dataTable({
        id: 'service-accounts-table',
        caption: 'Service accounts of your organization',
        columns: ['Service account', 'Role', 'Status', 'Added', 'Actions'],
        bodyId: 'service-accounts-body',
        rows: page.results.map((account) => row(account, actions)),
      }),
    );
    pages.replaceChildren(pager(page, path, load, 'service-accounts'));
  }

  await load(current);
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

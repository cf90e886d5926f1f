// Administration > Users: the organization's users, page by page, with their role and whether they are active;
// adding one, changing a role, deactivating, and a password-reset link shown once. Administrators only.
import { api } from '../session.js';
import { activeBadge, adminLayout, dataTable, h, pager, rowButton, secretPanel, time } from '../ui.js';
import { refusal, requireAdministrator } from './admin/access.js';
import { createUserForm, roleLabel } from './admin/create-user.js';
import { changeRole, deactivate, displayName, resetLink } from './admin/user-actions.js';

const PATH = '/admin/users';
const PAGE_SIZE = 10;

export async function render(main, context) {
  const { layout, content } = adminLayout(
    PATH,
    'Users',
    'The people of your organization and what each may do. Deactivating someone ends their sessions and revokes their API keys at once.',
  );
  main.append(layout);
  if (!(await requireAdministrator(context, content))) return;

  const announcer = h('div', { class: 'visually-hidden', role: 'status', id: 'users-announcer' });
  const heading = h('h2', { id: 'users-title', tabindex: '-1' }, 'Users');
  const error = h('div', { id: 'users-error' });
  const area = h('div', { class: 'table-wrap' });
  const pages = h('div', {});
  const linkSlot = h('div', { id: 'reset-link-slot' });
  const list = h('section', { class: 'card', 'aria-labelledby': 'users-title' }, heading, error, area, pages);
  content.append(announcer, linkSlot, list, createUserForm({ onCreated }));
  let current = `/api/users/?page_size=${PAGE_SIZE}`;
  const me = (await context.status()).user;

  async function onCreated(user) {
    announcer.textContent = `${user.email} added.`;
    // The newest user is on the last page (the list is ordered by id).
    const first = await api(`/api/users/?page_size=${PAGE_SIZE}`);
    const last = Math.max(1, Math.ceil(first.count / PAGE_SIZE));
    await load(`/api/users/?page=${last}&page_size=${PAGE_SIZE}`);
  }

  async function act(work) {
    error.replaceChildren();
    try {
      await work();
    } catch (e) {
      error.replaceChildren(refusal(e));
    }
  }

  const actions = {
    role: (user) =>
      act(async () => {
        const changed = await changeRole(user);
        if (!changed) return;
        announcer.textContent = `${changed.email} is now ${roleLabel(changed.role)}.`;
        await load(current);
      }),
    deactivate: (user) =>
      act(async () => {
        if (!(await deactivate(user))) return;
        announcer.textContent = `${user.email} deactivated.`;
        await load(current);
      }),
    reset: (user) =>
      act(async () => {
        showLink(user, await resetLink(user));
      }),
  };

  function showLink(user, link) {
    const { panel, heading: title } = secretPanel({
      ids: {
        panel: 'reset-link',
        title: 'reset-link-title',
        secret: 'reset-link-url',
        copy: 'copy-reset-link',
        done: 'reset-link-done',
      },
      title: `Password-reset link for ${displayName(user)}`,
      warning: 'Copy this link now: you will not see it again.',
      advice:
        'Hand it to the user in person or over a channel you trust. It works once, and sets a new password; their sessions end.',
      secret: link.reset_url,
      secretLabel: 'The reset link',
      copyLabel: 'Copy link',
      doneLabel: 'Done',
      more: h('p', { id: 'reset-link-expiry' }, 'It expires ', time(link.expires_at), '.'),
      onDone: () => heading.focus(),
    });
    linkSlot.replaceChildren(panel);
    title.focus();
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
    area.replaceChildren(
      dataTable({
        id: 'users-table',
        caption: 'Users of your organization',
        columns: ['User', 'Role', 'Status', 'Added', 'Actions'],
        bodyId: 'users-body',
        rows: page.results.map((user) => row(user, user.id === me.id, actions)),
      }),
    );
    pages.replaceChildren(pager(page, path, load, 'users'));
  }

  await load(current);
}

function row(user, isMe, actions) {
  const name = displayName(user);
  const buttons = h('div', { class: 'row-actions' });
  const button = (action, text, verb, danger) =>
    buttons.append(rowButton({ action, text, label: `${verb} ${name}`, danger, onClick: () => actions[action](user) }));
  if (user.active) {
    button('role', 'Change role', 'Change the role of');
    button('reset', 'Reset link', 'Make a password-reset link for');
    if (!isMe) button('deactivate', 'Deactivate', 'Deactivate', true);
  }
  return h(
    'tr',
    { 'data-user-id': user.id, 'data-email': user.email, class: user.active ? '' : 'revoked' },
    h(
      'td',
      { 'data-label': 'User' },
      h('span', { class: 'key-name' }, name),
      name !== user.email ? h('span', { class: 'key-prefix' }, user.email) : null,
      isMe ? h('span', { class: 'badge badge-info' }, 'You') : null,
    ),
    h('td', { 'data-label': 'Role', class: 'user-role' }, roleLabel(user.role)),
    h('td', { 'data-label': 'Status', class: 'user-status' }, activeBadge(user.active)),
    h('td', { 'data-label': 'Added' }, time(user.created_at)),
    h('td', { class: 'key-actions', 'data-label': 'Actions' }, buttons),
  );
}

// Administration > Users: the organization's users, page by page, with their role and whether they are active;
// adding one, changing a role, deactivating, and a password-reset link shown once. Administrators only.
import { activeBadge, h, rowButton, secretPanel, time } from '../ui.js';
import { administrationPage } from './admin/access.js';
import { createUserForm } from './admin/create-user.js';
import { pagedList } from './admin/paged-list.js';
import { roleLabel } from './admin/roles.js';
import { changeRole, deactivate, displayName, resetLink } from './admin/user-actions.js';

const PATH = '/admin/users';
const PAGE_SIZE = 10;

export async function render(main, context) {
  const content = await administrationPage(
    main,
    context,
    PATH,
    'Users',
    'The people of your organization and what each may do. Deactivating someone ends their sessions and revokes their API keys at once.',
  );
  if (!content) return;

  const me = (await context.status()).user;
  const list = pagedList({
    id: 'users',
    title: 'Users',
    caption: 'Users of your organization',
    columns: ['User', 'Role', 'Status', 'Added', 'Actions'],
    path: '/api/users/',
    pageSize: PAGE_SIZE,
    row: (user) => row(user, user.id === me.id, actions),
  });
  const linkSlot = h('div', { id: 'reset-link-slot' });
  content.append(list.announcer, linkSlot, list.section, createUserForm({ onCreated }));

  async function onCreated(user) {
    list.say(`${user.email} added.`);
    await list.loadLast();
  }

  const actions = {
    role: (user) =>
      list.act(async () => {
        const changed = await changeRole(user);
        if (!changed) return;
        list.say(`${changed.email} is now ${roleLabel(changed.role)}.`);
        await list.load();
      }),
    deactivate: (user) =>
      list.act(async () => {
        if (!(await deactivate(user))) return;
        list.say(`${user.email} deactivated.`);
        await list.load();
      }),
    reset: (user) =>
      list.act(async () => {
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
      onDone: () => list.heading.focus(),
    });
    linkSlot.replaceChildren(panel);
    title.focus();
  }

  await list.load();
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

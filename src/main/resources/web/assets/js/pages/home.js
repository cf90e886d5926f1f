// Home: who is signed in and in which organization (GET /api/auth/status/), and the way to the security settings.
import { h } from '../ui.js';

const ROLES = { administrator: 'Administrator', editor: 'Editor', viewer: 'Viewer' };

export async function render(main, { status }) {
  const { user, organization } = await status();
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  main.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { id: 'welcome' }, name ? `Welcome, ${name}` : 'Welcome'),
      h('p', {}, 'Your account and organization at a glance.'),
    ),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'you-title' },
        h('h2', { id: 'you-title' }, 'You'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Name'),
          h('dd', {}, name || '—'),
          h('dt', {}, 'Email'),
          h('dd', { id: 'user-email' }, user.email),
          h('dt', {}, 'Role'),
          h('dd', {}, ROLES[user.role] || user.role),
        ),
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'org-title' },
        h('h2', { id: 'org-title' }, 'Organization'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Name'),
          h('dd', { id: 'organization-name' }, organization.name),
          h('dt', {}, 'Plan'),
          h('dd', {}, organization.plan.charAt(0).toUpperCase() + organization.plan.slice(1)),
          h('dt', {}, 'AI credits left'),
          h('dd', {}, new Intl.NumberFormat().format(organization.ai_credits_remaining)),
        ),
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'security-title' },
      h('h2', { id: 'security-title' }, 'Security'),
      h('p', {}, 'Keys for scripts and integrations, and a second factor for your sign-in.'),
      h(
        'div',
        { class: 'actions' },
        h(
          'a',
          { class: 'button button-secondary', href: '/settings/security/api-keys', 'data-link': true },
          'Manage API keys',
        ),
        h(
          'a',
          { class: 'button button-secondary', href: '/settings/security/two-factor', 'data-link': true },
          'Two-factor authentication',
        ),
      ),
    ),
  );
}

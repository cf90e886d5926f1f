// Settings > Security > Sessions: where the user is signed in (device, address, when), ending one (sudo mode for
// another session, answered in place by session.js), and signing out everywhere.
import { api, signOut, signOutEverywhere } from '../session.js';
import { dialog, errorAlert, h, localPath, settingsLayout, time } from '../ui.js';
import { deviceSummary } from './sessions/device.js';

const PATH = '/settings/security/sessions';

export async function render(main, context) {
  const { layout, content } = settingsLayout(
    PATH,
    'Sessions',
    'The browsers and programs signed in to your account. End any you do not recognise, then change your password.',
  );
  main.append(layout);
  const announcer = h('div', { class: 'visually-hidden', role: 'status', id: 'sessions-announcer' });
  const heading = h('h2', { id: 'sessions-title', tabindex: '-1' }, 'Where you are signed in');
  const error = h('div', { id: 'sessions-error' });
  const area = h('div', { class: 'table-wrap' });
  const everywhere = h(
    'button',
    { type: 'button', class: 'button button-danger', id: 'sign-out-everywhere' },
    'Sign out everywhere',
  );
  const everywhereError = h('div', { id: 'sign-out-everywhere-error' });
  content.append(
    announcer,
    h('section', { class: 'card', 'aria-labelledby': 'sessions-title' }, heading, error, area),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'everywhere-title' },
      h('h2', { id: 'everywhere-title' }, 'Sign out everywhere'),
      h('p', {}, 'Ends every session of your account, this one included. API keys keep working.'),
      everywhereError,
      everywhere,
    ),
  );

  everywhere.addEventListener('click', async () => {
    const confirmed = await dialog({
      title: 'Sign out everywhere?',
      content: (form) =>
        form.append(h('p', {}, 'Every browser and program signed in to your account is signed out, this one too.')),
      confirm: 'Sign out everywhere',
      danger: true,
    });
    if (!confirmed) return;
    everywhere.disabled = true;
    everywhereError.replaceChildren();
    try {
      await signOutEverywhere();
    } catch (e) {
      everywhereError.replaceChildren(errorAlert(e));
      everywhere.disabled = false;
      return;
    }
    context.afterSignOut();
  });

  async function end(session) {
    const title = session.current ? 'Sign out of this device?' : 'End this session?';
    const confirmed = await dialog({
      title,
      content: (form) =>
        form.append(
          h(
            'p',
            {},
            session.current
              ? 'This is the browser you are using: ending its session signs you out.'
              : `${deviceSummary(session.user_agent)} at ${session.ip || 'an unknown address'} is signed out within a second.`,
          ),
        ),
      confirm: session.current ? 'Sign out' : 'End session',
      danger: true,
    });
    if (!confirmed) return;
    error.replaceChildren();
    try {
      if (session.current) {
        await signOut();
        context.afterSignOut();
        return;
      }
      await api(`/api/auth/sessions/${encodeURIComponent(session.id)}/`, { method: 'DELETE' });
    } catch (e) {
      error.replaceChildren(errorAlert(e));
      return;
    }
    announcer.textContent = `Session on ${deviceSummary(session.user_agent)} ended.`;
    await load();
    heading.focus();
  }

  async function load() {
    let sessions = [];
    try {
      let next = '/api/auth/sessions/?page_size=100';
      while (next) {
        const page = await api(next);
        sessions.push(...page.results);
        next = page.next ? localPath(page.next) : null;
      }
    } catch (e) {
      error.replaceChildren(errorAlert(e));
      return;
    }
    // This device first, then the most recently used.
    sessions = sessions.sort(
      (a, b) => Number(b.current) - Number(a.current) || new Date(b.last_used_at) - new Date(a.last_used_at),
    );
    area.replaceChildren(
      h(
        'table',
        { class: 'keys', id: 'sessions-table' },
        h('caption', { class: 'visually-hidden' }, 'Your sessions'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Device', 'Address', 'Signed in', 'Last used', 'Actions'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          { id: 'sessions-body' },
          sessions.map((session) => row(session, end)),
        ),
      ),
    );
  }

  await load();
}

function row(session, end) {
  const device = deviceSummary(session.user_agent);
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button button-danger button-small',
      'data-action': 'end',
      'aria-label': session.current ? 'Sign out of this device' : `End the session on ${device}`,
    },
    session.current ? 'Sign out' : 'End',
  );
  button.addEventListener('click', () => end(session));
  return h(
    'tr',
    { 'data-session-id': session.id, class: session.current ? 'current-session' : '' },
    h(
      'td',
      { 'data-label': 'Device' },
      h('span', { class: 'key-name', title: session.user_agent || '' }, device),
      session.current ? h('span', { class: 'badge badge-ok' }, 'This device') : null,
    ),
    h('td', { 'data-label': 'Address' }, session.ip || '—'),
    h('td', { 'data-label': 'Signed in' }, time(session.created_at)),
    h('td', { 'data-label': 'Last used' }, time(session.last_used_at, { relative: true })),
    h('td', { class: 'key-actions', 'data-label': 'Actions' }, h('div', { class: 'row-actions' }, button)),
  );
}

// Reset password: the page an emailed or handed-over link opens (/reset-password?token=...). The token leaves the
// address bar at once (it stays in this closure), so it is not kept in the history or shown on screen.
import { confirmPasswordReset } from '../session.js';
import { busy, errorAlert, h, newPasswordFields, showError } from '../ui.js';

export function render(main) {
  const token = new URLSearchParams(location.search).get('token');
  if (token) history.replaceState(null, '', '/reset-password');
  const card = h('div', { class: 'card' });
  main.append(h('div', { class: 'auth-wrap' }, card));
  const again = () =>
    h('p', { class: 'auth-alt' }, h('a', { href: '/forgot-password', 'data-link': true }, 'Ask for a new link'));
  if (!token) {
    card.replaceChildren(
      h('h1', {}, 'Reset your password'),
      errorAlert('This page needs the link from the email, in full.'),
      again(),
    );
    return;
  }
  const form = h(
    'form',
    { novalidate: true, id: 'reset-form' },
    newPasswordFields(),
    h('button', { type: 'submit', class: 'button', id: 'reset-submit' }, 'Set the new password'),
  );
  card.replaceChildren(
    h('h1', {}, 'Choose a new password'),
    h('p', { class: 'card-muted' }, 'Every session of your account ends; two-factor authentication stays on.'),
    form,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const password = form.elements.new_password.value;
    const repeat = form.elements.repeat.value;
    if (!password) {
      showError(form, { fields: { new_password: ['Enter a new password.'] } });
      return;
    }
    if (password !== repeat) {
      showError(form, { fields: { repeat: ['The two passwords differ.'] } });
      return;
    }
    busy(form, async () => {
      try {
        await confirmPasswordReset(token, password);
        card.replaceChildren(
          h('h1', {}, 'Password changed'),
          h('p', { role: 'status', id: 'reset-done' }, 'Your password is changed. Sign in with it.'),
          h('p', {}, h('a', { href: '/sign-in', 'data-link': true, class: 'button', id: 'reset-sign-in' }, 'Sign in')),
        );
      } catch (e) {
        showError(form, e);
        if (e.code === 'invalid_token') form.append(again());
      }
    });
  });
  form.elements.new_password.focus();
}

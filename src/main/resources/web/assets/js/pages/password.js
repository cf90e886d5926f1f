// Settings > Security > Password: changes the password with the current one (POST /api/auth/password/, itself a
// password proof); every other session of the user ends, this one stays.
import { api } from '../session.js';
import { busy, clearErrors, field, h, newPasswordFields, settingsLayout, showError } from '../ui.js';

const PATH = '/settings/security/password';

export function render(main) {
  const { layout, content } = settingsLayout(
    PATH,
    'Password',
    'Change the password you sign in with. Your other sessions end, so a device someone else may hold is signed out; this one stays signed in.',
  );
  main.append(layout);
  const done = h('div', { id: 'password-done' });
  const form = h(
    'form',
    { novalidate: true, id: 'password-form' },
    field({
      label: 'Current password',
      name: 'old_password',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
      id: 'old-password',
    }),
    newPasswordFields(),
    h('button', { type: 'submit', class: 'button', id: 'password-submit' }, 'Change password'),
  );
  content.append(
    done,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'password-title' },
      h('h2', { id: 'password-title' }, 'Change your password'),
      form,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    done.replaceChildren();
    const oldPassword = form.elements.old_password.value;
    const newPassword = form.elements.new_password.value;
    const problems = {};
    if (!oldPassword) problems.old_password = ['Enter your current password.'];
    if (!newPassword) problems.new_password = ['Enter a new password.'];
    else if (newPassword !== form.elements.repeat.value) problems.repeat = ['The two passwords differ.'];
    if (Object.keys(problems).length) {
      showError(form, { fields: problems });
      return;
    }
    clearErrors(form);
    busy(form, async () => {
      try {
        await api('/api/auth/password/', {
          method: 'POST',
          body: { old_password: oldPassword, new_password: newPassword },
        });
        form.reset();
        const message = h(
          'div',
          { class: 'alert alert-ok', role: 'status', id: 'password-changed', tabindex: '-1' },
          h('p', {}, 'Your password is changed. Your other sessions were signed out; this one stays signed in.'),
        );
        done.replaceChildren(message);
        message.focus();
      } catch (e) {
        showError(form, e);
      }
    });
  });
}

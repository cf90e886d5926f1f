// Sudo mode: before a sensitive change (creating or rotating an API key, two-factor settings, users) the server may
// answer 403 reauthentication_required when the password was last entered too long ago. This dialog asks for the
// password in place (and for a code when the account has two-factor authentication), proves it with
// POST /api/auth/reauthenticate/, and the refused request is then repeated once (session.js).
import { reauthenticate } from './session.js';
import { busy, clearErrors, field, h, showError, uid } from './ui.js';

/** Resolves true once the user proved the password (the session's token is fresh), false when they cancelled. */
export function askForPassword() {
  return new Promise((resolve) => {
    const titleId = uid('reauth-title');
    const codeField = field({
      label: 'Authentication code',
      name: 'code',
      id: 'reauth-code',
      autocomplete: 'one-time-code',
      spellcheck: 'false',
      class: 'code-input',
      hint: 'The 6-digit code from your authenticator app, or a recovery code. Each code works once: if you just typed one on this page, wait for the next one.',
    });
    codeField.hidden = true;
    const form = h(
      'form',
      { novalidate: true, id: 'reauth-form' },
      h('h2', { id: titleId }, 'Confirm it is you'),
      h('p', {}, 'This change needs your password again, since you last entered it a while ago.'),
      field({
        label: 'Password',
        name: 'password',
        type: 'password',
        id: 'reauth-password',
        autocomplete: 'current-password',
        required: true,
      }),
      codeField,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'button button-quiet', id: 'reauth-cancel' }, 'Cancel'),
        h('button', { type: 'submit', class: 'button', id: 'reauth-submit' }, 'Confirm'),
      ),
    );
    const element = h('dialog', { 'aria-labelledby': titleId, id: 'reauth-dialog' }, form);
    let confirmed = false;
    element.addEventListener('close', () => {
      element.remove();
      resolve(confirmed);
    });
    form.querySelector('#reauth-cancel').addEventListener('click', () => element.close());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const password = form.elements.password.value;
      const code = form.elements.code.value.replace(/\s+/g, '');
      if (!password) {
        showError(form, { fields: { password: ['Enter your password.'] } });
        return;
      }
      if (!codeField.hidden && !code) {
        showError(form, { fields: { code: ['Enter a code.'] } });
        return;
      }
      clearErrors(form);
      const factor = !code ? {} : /^\d{6}$/.test(code) ? { totp_code: code } : { recovery_code: code };
      busy(form, async () => {
        try {
          await reauthenticate(password, factor);
          confirmed = true;
          element.close();
        } catch (e) {
          if (e.code === 'mfa_required') codeField.hidden = false;
          showError(form, e, {
            fieldNames: { totp_code: 'code', recovery_code: 'code' },
            fieldFor: { invalid_credentials: 'password', mfa_required: 'code', invalid_mfa_code: 'code' },
          });
        }
      });
    });
    document.body.append(element);
    element.showModal();
    form.elements.password.focus();
  });
}

// Sign-in: email and password; when the account has MFA on, a second step asks for the authenticator code (or,
// through a link, a recovery code). The password stays in this closure until the second step ends.
import { signIn } from '../session.js';
import { busy, clearErrors, field, h, showError } from '../ui.js';

export function render(main, { afterSignIn }) {
  let credentials = null;
  let useRecoveryCode = false;
  const card = h('div', { class: 'card' });
  main.append(h('div', { class: 'auth-wrap' }, card));

  function passwordStep(error) {
    credentials = null;
    const form = h(
      'form',
      { novalidate: true, id: 'sign-in-form' },
      field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true, id: 'email' }),
      field({
        label: 'Password',
        name: 'password',
        type: 'password',
        autocomplete: 'current-password',
        required: true,
        id: 'password',
      }),
      h('button', { type: 'submit', class: 'button', id: 'sign-in-submit' }, 'Sign in'),
    );
    card.replaceChildren(
      h('h1', {}, 'Sign in to clariBI'),
      h('p', { class: 'card-muted' }, 'Use your work email and password.'),
      form,
      h(
        'p',
        { class: 'auth-alt' },
        h('a', { href: '/forgot-password', 'data-link': true, id: 'forgot-password' }, 'Forgot password?'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const email = form.elements.email.value.trim();
      const password = form.elements.password.value;
      const missing = {};
      if (!email) missing.email = ['Enter your email address.'];
      if (!password) missing.password = ['Enter your password.'];
      if (Object.keys(missing).length) {
        showError(form, { fields: missing });
        return;
      }
      busy(form, async () => {
        try {
          await signIn(email, password);
          await afterSignIn();
        } catch (e) {
          if (e.code === 'mfa_required') {
            credentials = { email, password };
            codeStep();
          } else {
            showError(form, e, { fieldFor: { invalid_credentials: 'password' } });
          }
        }
      });
    });
    if (error) showError(form, error);
    else form.elements.email.focus();
  }

  function codeStep() {
    const form = h('form', { novalidate: true, id: 'code-form' });
    const label = useRecoveryCode ? 'Recovery code' : 'Authentication code';
    const input = useRecoveryCode
      ? field({
          label,
          name: 'code',
          id: 'code',
          autocomplete: 'off',
          spellcheck: 'false',
          required: true,
          class: 'code-input',
          hint: 'One of the codes you saved when you turned on two-factor authentication, like xxxx-xxxx-xxxx-xxxx. Each works once.',
        })
      : field({
          label,
          name: 'code',
          id: 'code',
          inputmode: 'numeric',
          autocomplete: 'one-time-code',
          maxlength: 6,
          pattern: '[0-9]*',
          required: true,
          class: 'code-input',
          hint: 'The 6-digit code from your authenticator app.',
        });
    const toggle = h(
      'button',
      { type: 'button', class: 'link-button', id: 'toggle-recovery' },
      useRecoveryCode ? 'Use the authenticator app instead' : 'Use a recovery code instead',
    );
    toggle.addEventListener('click', () => {
      useRecoveryCode = !useRecoveryCode;
      codeStep();
    });
    const back = h('button', { type: 'button', class: 'link-button', id: 'start-over' }, 'Sign in as someone else');
    back.addEventListener('click', () => {
      useRecoveryCode = false;
      passwordStep();
    });
    form.append(input, h('button', { type: 'submit', class: 'button', id: 'code-submit' }, 'Verify and sign in'));
    card.replaceChildren(
      h('h1', {}, 'Two-factor authentication'),
      h('p', { class: 'card-muted' }, `Signing in as ${credentials.email}.`),
      form,
      h('p', { class: 'auth-alt' }, toggle),
      h('p', { class: 'auth-alt' }, back),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const code = form.elements.code.value.replace(/\s+/g, '');
      if (!code) {
        showError(form, { fields: { code: [useRecoveryCode ? 'Enter a recovery code.' : 'Enter the 6-digit code.'] } });
        return;
      }
      clearErrors(form);
      busy(form, async () => {
        try {
          await signIn(
            credentials.email,
            credentials.password,
            useRecoveryCode ? { recovery_code: code } : { totp_code: code },
          );
          credentials = null;
          await afterSignIn();
        } catch (e) {
          if (e.code === 'invalid_credentials') {
            // The password stopped working meanwhile (changed elsewhere): start again.
            passwordStep(e);
          } else {
            showError(form, e, {
              fieldNames: { totp_code: 'code', recovery_code: 'code' },
              fieldFor: { invalid_mfa_code: 'code' },
            });
          }
        }
      });
    });
    form.elements.code.focus();
  }

  passwordStep();
}

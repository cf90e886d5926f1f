// Forgot password: asks for a reset email. The answer is the same whether or not the email has an account.
import { requestPasswordReset } from '../session.js';
import { busy, field, h, showError } from '../ui.js';

export function render(main) {
  const card = h('div', { class: 'card' });
  main.append(h('div', { class: 'auth-wrap' }, card));
  const form = h(
    'form',
    { novalidate: true, id: 'forgot-form' },
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true, id: 'email' }),
    h('button', { type: 'submit', class: 'button', id: 'forgot-submit' }, 'Email me a link'),
  );
  card.replaceChildren(
    h('h1', {}, 'Reset your password'),
    h(
      'p',
      { class: 'card-muted' },
      'Enter your work email. If it belongs to an account, we send it a link to choose a new password.',
    ),
    form,
    h('p', { class: 'auth-alt' }, h('a', { href: '/sign-in', 'data-link': true }, 'Back to sign in')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    if (!email) {
      showError(form, { fields: { email: ['Enter your email address.'] } });
      return;
    }
    busy(form, async () => {
      try {
        await requestPasswordReset(email);
        card.replaceChildren(
          h('h1', {}, 'Check your email'),
          h(
            'p',
            { role: 'status', id: 'forgot-sent' },
            `If ${email} belongs to an account, a link to reset its password is on its way. It works once, for 30 minutes.`,
          ),
          h('p', { class: 'card-muted' }, 'No email? Check the spam folder, or ask an administrator for a reset link.'),
          h('p', { class: 'auth-alt' }, h('a', { href: '/sign-in', 'data-link': true }, 'Back to sign in')),
        );
      } catch (e) {
        showError(form, e);
      }
    });
  });
  form.elements.email.focus();
}

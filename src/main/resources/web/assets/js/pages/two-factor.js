// Settings > Security > Two-factor authentication: status, enrolment (QR code, secret, confirming code), recovery codes
// shown once (copy, download), new recovery codes, turning it off.
import { api } from '../session.js';
import { busy, clearErrors, copyButton, download, errorAlert, field, h, settingsLayout, showError } from '../ui.js';

const PATH = '/settings/security/two-factor';

function codeField(id, hint) {
  return field({
    label: 'Code',
    name: 'code',
    id,
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    spellcheck: 'false',
    required: true,
    class: 'code-input',
    hint,
  });
}

/** The secret in groups of four, as authenticator apps show it. */
function grouped(secret) {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export async function render(main) {
  const { layout, content } = settingsLayout(
    PATH,
    'Two-factor authentication',
    'A second step at sign-in: after your password, a 6-digit code from an authenticator app on your phone. Someone who learns your password still cannot sign in.',
  );
  main.append(layout);
  const announcer = h('div', { class: 'visually-hidden', role: 'status', id: 'mfa-announcer' });
  const area = h('div', { id: 'mfa-area' });
  content.append(announcer, area);

  async function show() {
    let state;
    try {
      state = await api('/api/auth/mfa/');
    } catch (e) {
      area.replaceChildren(errorAlert(e));
      return;
    }
    if (state.enabled) enabledView(state);
    else disabledView();
  }

  function statusCard(enabled, extra) {
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'mfa-status-title' },
      h('h2', { id: 'mfa-status-title' }, 'Status'),
      h(
        'p',
        { class: 'status-line', id: 'mfa-status' },
        enabled ? h('span', { class: 'badge badge-ok' }, 'On') : h('span', { class: 'badge badge-neutral' }, 'Off'),
        enabled ? 'Signing in asks for a code from your authenticator app.' : 'Signing in needs only your password.',
      ),
      extra,
    );
  }

  function disabledView() {
    const start = h('button', { type: 'button', class: 'button', id: 'mfa-setup' }, 'Set up two-factor authentication');
    const card = statusCard(false, h('div', { class: 'actions' }, start));
    start.addEventListener('click', async () => {
      start.disabled = true;
      try {
        const enrolment = await api('/api/auth/mfa/setup/', { method: 'POST' });
        enrolView(enrolment);
      } catch (e) {
        start.disabled = false;
        card.append(errorAlert(e));
      }
    });
    area.replaceChildren(card);
  }

  function enrolView(enrolment) {
    const form = h(
      'form',
      { novalidate: true, id: 'mfa-confirm-form' },
      codeField('mfa-confirm-code', 'The 6-digit code your app shows now.'),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'button', id: 'mfa-confirm' }, 'Turn on'),
        h('button', { type: 'button', class: 'button button-quiet', id: 'mfa-cancel' }, 'Cancel'),
      ),
    );
    const heading = h('h2', { id: 'mfa-enrol-title', tabindex: '-1' }, 'Set up your authenticator app');
    area.replaceChildren(
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'mfa-enrol-title', id: 'mfa-enrolment' },
        heading,
        h(
          'ol',
          { class: 'steps' },
          h(
            'li',
            {},
            h('h3', {}, 'Scan the QR code'),
            h(
              'p',
              {},
              'In Google Authenticator, Microsoft Authenticator, 1Password or any TOTP app, add an account and scan this code.',
            ),
            h('img', {
              class: 'qr',
              src: enrolment.qr_code,
              alt: 'QR code for adding clariBI to an authenticator app',
              width: 200,
              height: 200,
              id: 'mfa-qr',
            }),
          ),
          h(
            'li',
            {},
            h('h3', {}, 'Or enter the key by hand'),
            h('p', {}, 'Choose a time-based code, and type this key:'),
            h(
              'div',
              { class: 'secret-row' },
              h('code', { class: 'secret', id: 'mfa-secret', 'aria-label': 'Setup key' }, grouped(enrolment.secret)),
              copyButton('Copy key', enrolment.secret, { id: 'mfa-copy-secret' }),
            ),
          ),
          h('li', {}, h('h3', {}, 'Enter the code the app shows'), form),
        ),
      ),
    );
    form.querySelector('#mfa-cancel').addEventListener('click', () => show());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const code = form.elements.code.value.replace(/\s+/g, '');
      if (!code) {
        showError(form, { fields: { code: ['Enter the 6-digit code from the app.'] } });
        return;
      }
      clearErrors(form);
      busy(form, async () => {
        try {
          const result = await api('/api/auth/mfa/confirm/', { method: 'POST', body: { code } });
          announcer.textContent = 'Two-factor authentication is on.';
          recoveryCodesView(result.recovery_codes, 'Two-factor authentication is on');
        } catch (e) {
          showError(form, e, { fieldFor: { invalid_mfa_code: 'code' } });
        }
      });
    });
    heading.focus();
  }

  function recoveryCodesView(codes, title) {
    const text = `clariBI recovery codes\nEach code signs you in once when you cannot use your authenticator app.\n\n${codes.join('\n')}\n`;
    const downloadButton = h(
      'button',
      { type: 'button', class: 'button button-secondary', id: 'mfa-download-codes' },
      'Download',
    );
    downloadButton.addEventListener('click', () => download('claribi-recovery-codes.txt', text));
    const done = h('button', { type: 'button', class: 'button', id: 'mfa-codes-done' }, 'I have saved them');
    done.addEventListener('click', () => show());
    const heading = h('h2', { id: 'mfa-codes-title', tabindex: '-1' }, title);
    area.replaceChildren(
      h(
        'section',
        { class: 'card secret-panel', 'aria-labelledby': 'mfa-codes-title', id: 'mfa-recovery-codes' },
        heading,
        h(
          'p',
          {},
          h('strong', {}, 'Save these recovery codes now: you will not see them again.'),
          ' Each one signs you in once if you lose your phone. Keep them somewhere safe, apart from your password.',
        ),
        h(
          'ul',
          { class: 'recovery-codes', 'aria-label': 'Recovery codes' },
          codes.map((code) => h('li', {}, code)),
        ),
        h(
          'div',
          { class: 'actions' },
          copyButton('Copy all', codes.join('\n'), { id: 'mfa-copy-codes' }),
          downloadButton,
          done,
        ),
      ),
    );
    heading.focus();
  }

  function enabledView(state) {
    const remaining = state.recovery_codes_remaining;
    const warning =
      remaining <= 3
        ? h(
            'div',
            { class: 'alert alert-warn' },
            h('p', {}, `Only ${remaining} recovery code${remaining === 1 ? '' : 's'} left: make a new set.`),
          )
        : null;
    const card = statusCard(true, [
      h('p', { id: 'mfa-codes-remaining' }, `${remaining} of 10 recovery codes unused.`),
      warning,
    ]);

    const regenerate = h(
      'form',
      { novalidate: true, id: 'mfa-regenerate-form' },
      codeField('mfa-regenerate-code', 'A code from your authenticator app (or a recovery code).'),
      h(
        'button',
        { type: 'submit', class: 'button button-secondary', id: 'mfa-regenerate' },
        'Make new recovery codes',
      ),
    );
    regenerate.addEventListener('submit', (event) => {
      event.preventDefault();
      submitCode(regenerate, async (code) => {
        const result = await api('/api/auth/mfa/recovery-codes/', { method: 'POST', body: { code } });
        announcer.textContent = 'New recovery codes made; the old ones no longer work.';
        recoveryCodesView(result.recovery_codes, 'Your new recovery codes');
      });
    });

    const disable = h(
      'form',
      { novalidate: true, id: 'mfa-disable-form' },
      codeField('mfa-disable-code', 'A code from your authenticator app (or a recovery code).'),
      h('button', { type: 'submit', class: 'button button-danger', id: 'mfa-disable' }, 'Turn off'),
    );
    disable.addEventListener('submit', (event) => {
      event.preventDefault();
      submitCode(disable, async (code) => {
        await api('/api/auth/mfa/disable/', { method: 'POST', body: { code } });
        announcer.textContent = 'Two-factor authentication is off.';
        await show();
      });
    });

    area.replaceChildren(
      card,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'mfa-regenerate-title' },
        h('h2', { id: 'mfa-regenerate-title' }, 'Recovery codes'),
        h('p', {}, 'A new set replaces every unused code of the old one.'),
        regenerate,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'mfa-disable-title' },
        h('h2', { id: 'mfa-disable-title' }, 'Turn off two-factor authentication'),
        h('p', {}, 'Signing in will need only your password. Your other sessions end.'),
        disable,
      ),
    );
  }

  function submitCode(form, action) {
    const code = form.elements.code.value.trim();
    if (!code) {
      showError(form, { fields: { code: ['Enter a code.'] } });
      return;
    }
    clearErrors(form);
    busy(form, async () => {
      try {
        await action(code);
      } catch (e) {
        showError(form, e, { fieldFor: { invalid_mfa_code: 'code' } });
      }
    });
  }

  await show();
}

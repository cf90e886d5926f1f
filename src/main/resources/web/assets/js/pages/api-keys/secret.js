// A new or rotated key's secret, shown once: the server keeps only its hash.
import { copyButton, h, time } from '../../ui.js';
import { scopeLabel } from './keys.js';

/** The slot above the list; show() fills it with the secret panel, which stays until the user has copied the key. */
export function secretSlot({ onDone }) {
  const slot = h('div', { id: 'new-key-slot' });

  function show(key, { title, note }) {
    const heading = h('h2', { tabindex: '-1', id: 'new-key-title' }, title);
    const done = h('button', { type: 'button', class: 'button', id: 'new-key-done' }, 'I have copied it');
    const panel = h(
      'section',
      { class: 'card secret-panel', 'aria-labelledby': 'new-key-title', id: 'new-key' },
      heading,
      h(
        'p',
        {},
        h('strong', {}, 'Copy this key now: you will not see it again.'),
        ' clariBI stores only a hash of it, so nobody can show it to you later. Store it in a secrets manager or an environment variable, never in code.',
      ),
      h(
        'div',
        { class: 'secret-row' },
        h('code', { class: 'secret', id: 'new-key-secret', 'aria-label': 'The new API key' }, key.key),
        copyButton('Copy key', key.key, { id: 'copy-key' }),
      ),
      h(
        'p',
        {},
        `“${key.name}”, ${scopeLabel(key.scope)}`,
        key.expires_at ? [', expires ', time(key.expires_at)] : ', no expiry',
        '.',
      ),
      note ? h('p', {}, note) : null,
      done,
    );
    done.addEventListener('click', () => {
      panel.remove();
      onDone();
    });
    slot.replaceChildren(panel);
    heading.focus();
  }

  return { slot, show };
}

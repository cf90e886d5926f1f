// A new or rotated key's secret, shown once: the server keeps only its hash.
import { h, secretPanel, time } from '../../ui.js';
import { scopeLabel } from './keys.js';

/** The slot above the list; show() fills it with the secret panel, which stays until the user has copied the key. */
export function secretSlot({ onDone }) {
  const slot = h('div', { id: 'new-key-slot' });

  function show(key, { title, note }) {
    const { panel, heading } = secretPanel({
      ids: {
        panel: 'new-key',
        title: 'new-key-title',
        secret: 'new-key-secret',
        copy: 'copy-key',
        done: 'new-key-done',
      },
      title,
      warning: 'Copy this key now: you will not see it again.',
      advice:
        'clariBI stores only a hash of it, so nobody can show it to you later. Store it in a secrets manager or an environment variable, never in code.',
      secret: key.key,
      secretLabel: 'The new API key',
      copyLabel: 'Copy key',
      doneLabel: 'I have copied it',
      more: [
        h(
          'p',
          {},
          `“${key.name}”, ${scopeLabel(key.scope)}`,
          key.expires_at ? [', expires ', time(key.expires_at)] : ', no expiry',
          '.',
        ),
        note ? h('p', {}, note) : null,
      ],
      onDone,
    });
    slot.replaceChildren(panel);
    heading.focus();
  }

  return { slot, show };
}

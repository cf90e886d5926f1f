// One service account's API keys, opened from its row: the same list, secret panel and form as Settings > API keys,
// on /api/service-accounts/{id}/api-keys/. A new or rotated key's secret is shown once.
import { h } from '../../ui.js';
import { createForm } from '../api-keys/create-form.js';
import { keyList } from '../api-keys/list.js';
import { revoke, rotate } from '../api-keys/revoke-rotate.js';
import { secretSlot } from '../api-keys/secret.js';

/**
 * The panel for account's keys; say(message) announces what happened, onClose() runs when the administrator closes
 * it. load() reads the keys.
 */
export function serviceAccountKeys(account, { say, onClose }) {
  const base = `/api/service-accounts/${account.id}/api-keys/`;
  const list = keyList({
    base,
    onRotate,
    onRevoke,
    title: `Keys of ${account.name}`,
    caption: `API keys of the service account ${account.name}`,
    empty: `${account.name} has no API keys yet.`,
  });
  const secret = secretSlot({ onDone: list.focus });
  const close = h(
    'button',
    { type: 'button', class: 'button button-quiet', id: 'service-account-keys-close' },
    'Close keys',
  );
  close.addEventListener('click', onClose);
  const panel = h(
    'div',
    { id: 'service-account-keys', 'data-service-account-id': account.id },
    secret.slot,
    list.section,
    account.active
      ? createForm({
          base,
          onCreated,
          readWrite: `Everything the ${account.role} role allows, including changes.`,
        })
      : null,
    h('div', { class: 'actions' }, close),
  );

  async function onCreated(key) {
    secret.show(key, { title: `New API key of ${account.name}` });
    say(`Key “${key.name}” created for ${account.name}.`);
    await list.load();
  }

  async function onRevoke(key) {
    try {
      if (!(await revoke(key, base))) return;
      say(`Key “${key.name}” of ${account.name} revoked.`);
      await list.load();
    } catch (e) {
      list.showError(e);
    }
  }

  async function onRotate(key) {
    try {
      const rotated = await rotate(key, base);
      if (!rotated) return;
      secret.show(rotated.key, { title: `Rotated API key of ${account.name}`, note: rotated.note });
      say(`Key “${key.name}” of ${account.name} rotated.`);
      await list.load();
    } catch (e) {
      list.showError(e);
    }
  }

  return { panel, load: list.load, focus: list.focus };
}

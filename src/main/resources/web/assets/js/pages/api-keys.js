// Settings > Security > API keys: the user's keys, creating one (its secret shown once), revoking, rotating, activity.
// The parts live in ./api-keys/; this module lays them out and connects what one part does to the others.
import { h, settingsLayout } from '../ui.js';
import { createForm } from './api-keys/create-form.js';
import { keyList } from './api-keys/list.js';
import { revoke, rotate } from './api-keys/revoke-rotate.js';
import { secretSlot } from './api-keys/secret.js';

const PATH = '/settings/security/api-keys';
const DESCRIPTION =
  'Keys let scripts and integrations call the clariBI API with the X-API-Key header. A key acts with your permissions, narrowed by its scope. Use one key per integration, the smallest scope that works, and rotate keys every 90 days.';

export async function render(main) {
  const { layout, content } = settingsLayout(PATH, 'API keys', DESCRIPTION);
  main.append(layout);

  const announcer = h('div', { class: 'visually-hidden', role: 'status', id: 'keys-announcer' });
  const say = (message) => {
    announcer.textContent = message;
  };
  const list = keyList({ onRotate, onRevoke });
  const secret = secretSlot({ onDone: list.focus });

  async function onCreated(key) {
    secret.show(key, { title: 'Your new API key' });
    say(`Key “${key.name}” created.`);
    await list.load();
  }

  async function onRevoke(key) {
    try {
      if (!(await revoke(key))) return;
      say(`Key “${key.name}” revoked.`);
      await list.load();
    } catch (e) {
      list.showError(e);
    }
  }

  async function onRotate(key) {
    try {
      const rotated = await rotate(key);
      if (!rotated) return;
      secret.show(rotated.key, { title: 'Your rotated API key', note: rotated.note });
      say(`Key “${key.name}” rotated.`);
      await list.load();
    } catch (e) {
      list.showError(e);
    }
  }

  content.append(announcer, secret.slot, list.section, createForm({ onCreated }));
  await list.load();
}

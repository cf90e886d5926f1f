// The form that creates a key: a name, a scope, an optional last day.
import { api } from '../../session.js';
import { busy, clearErrors, field, h, showError } from '../../ui.js';

/** The "Create a key" card; onCreated(key) runs with the API's answer, which holds the secret. */
export function createForm({ onCreated }) {
  const form = h(
    'form',
    { novalidate: true, id: 'create-key-form' },
    field({
      label: 'Name',
      name: 'name',
      id: 'key-name',
      required: true,
      maxlength: 100,
      autocomplete: 'off',
      hint: 'What will use it, e.g. “Nightly export”.',
    }),
    scopeChoice(),
    field({
      label: 'Expires (optional)',
      name: 'expires_at',
      type: 'date',
      id: 'key-expires',
      min: tomorrow(),
      hint: 'The key stops working at the end of this day, your time. Leave empty for a key without expiry.',
    }),
    h('button', { type: 'submit', class: 'button', id: 'create-key' }, 'Create key'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = form.elements.name.value.trim();
    if (!name) {
      showError(form, { fields: { name: ['Give the key a name.'] } });
      return;
    }
    const body = { name, scope: form.elements.scope.value };
    const day = form.elements.expires_at.value;
    if (day) body.expires_at = endOfDay(day);
    busy(form, async () => {
      try {
        const key = await api('/api/api-keys/', { method: 'POST', body });
        form.reset();
        clearErrors(form);
        await onCreated(key);
      } catch (e) {
        showError(form, e);
      }
    });
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Create a key'),
    form,
  );
}

function scopeChoice() {
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Scope'),
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'scope', value: 'read_only', checked: true, id: 'scope-read-only' }),
      h('span', {}, 'Read-only', h('small', {}, 'Reads data. Refused on any create, change or delete.')),
    ),
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'scope', value: 'read_write', id: 'scope-read-write' }),
      h('span', {}, 'Read & write', h('small', {}, 'Everything your role allows, including changes.')),
    ),
  );
}

/** Tomorrow in the user's time zone, as a date input's YYYY-MM-DD: the earliest last day a key can have. */
function tomorrow() {
  const date = new Date(Date.now() + 86400000);
  const twoDigits = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}

/** The end of the chosen day in the user's time zone, as the API's UTC seconds. */
function endOfDay(day) {
  return new Date(`${day}T23:59:59`).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The form that creates a key: a name, a scope, and how long it lives (90 days unless the user chooses otherwise;
// no expiry is a choice the form warns about, as GitHub's does).
import { api } from '../../session.js';
import { busy, clearErrors, field, h, showError } from '../../ui.js';

/**
 * The "Create a key" card; onCreated(key) runs with the API's answer, which holds the secret. base is the collection
 * the key joins (the user's own keys, or a service account's); readWrite describes that scope for the key's owner.
 */
export function createForm({
  onCreated,
  base = '/api/api-keys/',
  readWrite = 'Everything your role allows, including changes.',
}) {
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
    scopeChoice(readWrite),
    expiryChoice(),
    h('button', { type: 'submit', class: 'button', id: 'create-key' }, 'Create key'),
  );
  const expiry = form.elements.expiry;
  const customDay = form.querySelector('#key-expires-field');
  const noExpiryWarning = form.querySelector('#no-expiry-warning');
  const showExpiryParts = () => {
    customDay.hidden = expiry.value !== 'custom';
    noExpiryWarning.hidden = expiry.value !== 'never';
  };
  expiry.addEventListener('change', showExpiryParts);
  showExpiryParts();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = form.elements.name.value.trim();
    if (!name) {
      showError(form, { fields: { name: ['Give the key a name.'] } });
      return;
    }
    const body = { name, scope: form.elements.scope.value };
    if (expiry.value === 'never') {
      body.expires_at = null;
    } else if (expiry.value === 'custom') {
      const day = form.elements.expires_at.value;
      if (!day) {
        showError(form, { fields: { expires_at: ['Choose the last day the key works.'] } });
        return;
      }
      body.expires_at = endOfDay(day);
    } else if (expiry.value !== '90') {
      body.expires_at = daysFromNow(Number(expiry.value));
    }
    busy(form, async () => {
      try {
        const key = await api(base, { method: 'POST', body });
        form.reset();
        showExpiryParts();
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

function scopeChoice(readWrite) {
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
      h('span', {}, 'Read & write', h('small', {}, readWrite)),
    ),
  );
}

/** How long the key lives: 90 days unless chosen otherwise; no expiry only with a warning beside it. */
function expiryChoice() {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: 'key-expiry' }, 'Expiration'),
    h(
      'select',
      { name: 'expiry', id: 'key-expiry' },
      h('option', { value: '30' }, '30 days'),
      h('option', { value: '60' }, '60 days'),
      h('option', { value: '90', selected: true }, '90 days'),
      h('option', { value: '365' }, '1 year'),
      h('option', { value: 'custom' }, 'Custom date…'),
      h('option', { value: 'never' }, 'No expiration'),
    ),
    h(
      'div',
      { id: 'key-expires-field' },
      field({
        label: 'Last day',
        name: 'expires_at',
        type: 'date',
        id: 'key-expires',
        min: tomorrow(),
        hint: 'The key stops working at the end of this day, your time.',
      }),
    ),
    h(
      'div',
      { class: 'alert alert-warn', id: 'no-expiry-warning', role: 'note' },
      h(
        'p',
        {},
        'A key without expiration works until someone revokes it, even if it leaks or is forgotten. ' +
          'Choose an expiration unless a system truly cannot renew its key.',
      ),
    ),
  );
}

/** This moment plus the given days, as the API's UTC seconds. */
function daysFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
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

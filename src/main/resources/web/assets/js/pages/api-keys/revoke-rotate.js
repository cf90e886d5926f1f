// Revoking and rotating a key, each confirmed in a dialog first.
import { api } from '../../session.js';
import { dialog, formatDateTime, h } from '../../ui.js';

const GRACE_PERIODS = [
  [0, 'Immediately'],
  [3600, 'After 1 hour'],
  [86400, 'After 24 hours'],
  [604800, 'After 7 days'],
];

/** Resolves true once the key is revoked, false when the user cancelled; rejects with the API's error. */
export async function revoke(key, base = '/api/api-keys/') {
  const confirmed = await dialog({
    title: 'Revoke this key?',
    content: (form) =>
      form.append(
        h('p', {}, `“${key.name}” (${key.prefix}…) stops working at once, for every application that uses it.`),
        h('p', {}, 'This cannot be undone.'),
      ),
    confirm: 'Revoke key',
    danger: true,
  });
  if (!confirmed) return false;
  await api(`${base}${key.id}/revoke/`, { method: 'POST' });
  return true;
}

/**
 * Resolves with the new key (its secret included) and a note on when the old one stops, or null when the user
 * cancelled; rejects with the API's error.
 */
export async function rotate(key, base = '/api/api-keys/') {
  const choice = await dialog({
    title: 'Rotate this key?',
    content: (form) =>
      form.append(
        h('p', {}, `A new secret replaces “${key.name}” (${key.prefix}…), with the same name, scope and expiry.`),
        gracePeriodField(),
      ),
    confirm: 'Rotate key',
  });
  if (!choice) return null;
  const grace = Number(choice.get('grace_period_seconds'));
  const fresh = await api(`${base}${key.id}/rotate/`, {
    method: 'POST',
    body: { grace_period_seconds: grace },
  });
  const until = new Date(Date.now() + grace * 1000).toISOString();
  const note =
    grace === 0
      ? `The old key (${key.prefix}…) has stopped working.`
      : `The old key (${key.prefix}…) keeps working until ${formatDateTime(until)}.`;
  return { key: fresh, note };
}

function gracePeriodField() {
  const id = 'rotate-grace';
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, 'When should the old key stop working?'),
    h(
      'select',
      { id, name: 'grace_period_seconds' },
      GRACE_PERIODS.map(([seconds, label]) => h('option', { value: seconds, selected: seconds === 3600 }, label)),
    ),
    h('span', { class: 'hint' }, 'A grace period lets you deploy the new key before the old one stops.'),
  );
}

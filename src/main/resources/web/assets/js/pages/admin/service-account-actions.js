// What an administrator does to a service account: create one (a name and a role), rename it or change its role, and
// deactivate it (confirmed first; its keys are revoked at once). Each is a sudo-mode write: session.js asks for the
// password in place.
import { api } from '../../session.js';
import { busy, clearErrors, dialog, field, h, showError } from '../../ui.js';
import { ROLES, roleLabel, roleSelect } from './create-user.js';

/** The "Add a service account" card; onCreated(account) runs with the API's answer. */
export function createServiceAccountForm({ onCreated }) {
  const form = h(
    'form',
    { novalidate: true, id: 'create-service-account-form' },
    field({
      label: 'Name',
      name: 'name',
      id: 'service-account-new-name',
      required: true,
      maxlength: 100,
      autocomplete: 'off',
      hint: 'The integration it stands for, e.g. “Warehouse sync”. Unique among active service accounts.',
    }),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'service-account-new-role' }, 'Role'),
      roleSelect('service-account-new-role', 'viewer'),
      h(
        'span',
        { class: 'hint' },
        'Its keys act with this role, narrowed by each key’s scope. ',
        ROLES.map(([, label, hint]) => `${label}: ${hint}`).join(' '),
      ),
    ),
    h('button', { type: 'submit', class: 'button', id: 'create-service-account' }, 'Add service account'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { name: form.elements.name.value.trim(), role: form.elements.role.value };
    if (!body.name) {
      showError(form, { fields: { name: ['Give the service account a name.'] } });
      return;
    }
    clearErrors(form);
    busy(form, async () => {
      try {
        const account = await api('/api/service-accounts/', { method: 'POST', body });
        form.reset();
        await onCreated(account);
      } catch (e) {
        showError(form, e);
      }
    });
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'create-service-account-title' },
    h('h2', { id: 'create-service-account-title' }, 'Add a service account'),
    h(
      'p',
      {},
      'A service account is an identity for an integration: it cannot sign in, holds only API keys, and outlives the person who made it.',
    ),
    form,
  );
}

/** Resolves to the changed service account, or null when cancelled or unchanged. */
export async function editServiceAccount(account) {
  const data = await dialog({
    title: `Edit ${account.name}`,
    content: (form) =>
      form.append(
        field({
          label: 'Name',
          name: 'name',
          id: 'edit-service-account-name',
          value: account.name,
          required: true,
          maxlength: 100,
          autocomplete: 'off',
        }),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'edit-service-account-role' }, 'Role'),
          roleSelect('edit-service-account-role', account.role),
          h('span', { class: 'hint' }, `Now ${roleLabel(account.role)}. A new role applies to its keys’ next request.`),
        ),
      ),
    confirm: 'Save',
  });
  if (!data) return null;
  const body = {};
  const name = String(data.get('name')).trim();
  if (name && name !== account.name) body.name = name;
  if (data.get('role') !== account.role) body.role = data.get('role');
  if (!Object.keys(body).length) return null;
  return api(`/api/service-accounts/${account.id}/`, { method: 'PATCH', body });
}

/** Resolves true once deactivated, false when cancelled. */
export async function deactivateServiceAccount(account) {
  const confirmed = await dialog({
    title: `Deactivate ${account.name}?`,
    content: (form) =>
      form.append(
        h(
          'p',
          {},
          `Every API key of “${account.name}” stops working at once, for every integration that uses it. Deactivation is final; it stays listed because audit events name it.`,
        ),
      ),
    confirm: 'Deactivate',
    danger: true,
  });
  if (!confirmed) return false;
  await api(`/api/service-accounts/${account.id}/`, { method: 'DELETE' });
  return true;
}

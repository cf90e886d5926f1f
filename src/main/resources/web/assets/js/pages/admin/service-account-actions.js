// What an administrator does to a service account: create one (a name and a role), rename it or change its role, and
// deactivate it (confirmed first; its keys are revoked at once). Each is a sudo-mode write: session.js asks for the
// password in place.
import { api } from '../../session.js';
import { dialog, field, h } from '../../ui.js';
import { createCard } from './create-card.js';
import { roleField, roleHints, roleLabel } from './roles.js';

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
    roleField(
      'service-account-new-role',
      'viewer',
      'Its keys act with this role, narrowed by each key’s scope. ',
      roleHints(),
    ),
    h('button', { type: 'submit', class: 'button', id: 'create-service-account' }, 'Add service account'),
  );
  return createCard({
    titleId: 'create-service-account-title',
    title: 'Add a service account',
    intro: [
      h(
        'p',
        {},
        'A service account is an identity for an integration: it cannot sign in, holds only API keys, and outlives the person who made it.',
      ),
    ],
    form,
    path: '/api/service-accounts/',
    read: ({ elements }) => {
      const body = { name: elements.name.value.trim(), role: elements.role.value };
      return { body, problems: body.name ? {} : { name: ['Give the service account a name.'] } };
    },
    onCreated,
  });
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
        roleField(
          'edit-service-account-role',
          account.role,
          `Now ${roleLabel(account.role)}. A new role applies to its keys’ next request.`,
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

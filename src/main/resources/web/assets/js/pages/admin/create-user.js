// The form that creates a user of the organization: email, initial password, role and names (POST /api/users/).
import { field, h } from '../../ui.js';
import { createCard } from './create-card.js';
import { roleField, roleHints } from './roles.js';

/** The "Add a user" card; onCreated(user) runs with the API's answer. */
export function createUserForm({ onCreated }) {
  const form = h(
    'form',
    { novalidate: true, id: 'create-user-form' },
    field({ label: 'Email', name: 'email', type: 'email', id: 'user-new-email', required: true, autocomplete: 'off' }),
    field({
      label: 'Initial password',
      name: 'password',
      type: 'password',
      id: 'user-new-password',
      required: true,
      autocomplete: 'new-password',
      hint: 'Hand it over safely; the user can change it under Settings › Security › Password.',
    }),
    roleField('user-new-role', 'viewer', roleHints()),
    h(
      'div',
      { class: 'field-row' },
      field({
        label: 'First name',
        name: 'first_name',
        id: 'user-new-first-name',
        autocomplete: 'off',
        maxlength: 150,
      }),
      field({ label: 'Last name', name: 'last_name', id: 'user-new-last-name', autocomplete: 'off', maxlength: 150 }),
    ),
    h('button', { type: 'submit', class: 'button', id: 'create-user' }, 'Add user'),
  );
  return createCard({
    titleId: 'create-user-title',
    title: 'Add a user',
    form,
    path: '/api/users/',
    read: ({ elements }) => {
      const body = {
        email: elements.email.value.trim(),
        password: elements.password.value,
        role: elements.role.value,
        first_name: elements.first_name.value.trim(),
        last_name: elements.last_name.value.trim(),
      };
      const problems = {};
      if (!body.email) problems.email = ['Enter the email.'];
      if (!body.password) problems.password = ['Choose an initial password.'];
      return { body, problems };
    },
    onCreated,
  });
}

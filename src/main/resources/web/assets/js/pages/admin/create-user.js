// The form that creates a user of the organization: email, initial password, role and names (POST /api/users/).
import { api } from '../../session.js';
import { busy, clearErrors, field, h, showError } from '../../ui.js';

export const ROLES = [
  ['viewer', 'Viewer', 'Reads dashboards and reports.'],
  ['editor', 'Editor', 'Also creates and changes dashboards, reports and data sources.'],
  ['administrator', 'Administrator', 'Also manages users and sees the audit log.'],
];

export function roleLabel(role) {
  return (ROLES.find(([value]) => value === role) || [role, role])[1];
}

/** A select of the three roles. */
export function roleSelect(id, selected) {
  return h(
    'select',
    { id, name: 'role' },
    ROLES.map(([value, label, hint]) => h('option', { value, selected: value === selected, title: hint }, label)),
  );
}

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
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'user-new-role' }, 'Role'),
      roleSelect('user-new-role', 'viewer'),
      h('span', { class: 'hint' }, ROLES.map(([, label, hint]) => `${label}: ${hint}`).join(' ')),
    ),
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
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      email: form.elements.email.value.trim(),
      password: form.elements.password.value,
      role: form.elements.role.value,
      first_name: form.elements.first_name.value.trim(),
      last_name: form.elements.last_name.value.trim(),
    };
    const problems = {};
    if (!body.email) problems.email = ['Enter the email.'];
    if (!body.password) problems.password = ['Choose an initial password.'];
    if (Object.keys(problems).length) {
      showError(form, { fields: problems });
      return;
    }
    clearErrors(form);
    busy(form, async () => {
      try {
        const user = await api('/api/users/', { method: 'POST', body });
        form.reset();
        await onCreated(user);
      } catch (e) {
        showError(form, e);
      }
    });
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'create-user-title' },
    h('h2', { id: 'create-user-title' }, 'Add a user'),
    form,
  );
}

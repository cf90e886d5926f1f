// What an administrator does to one user: change the role, deactivate (confirmed first), and make a single-use
// password-reset link to hand over. Each is a sudo-mode write: session.js asks for the password in place.
import { api } from '../../session.js';
import { dialog, h } from '../../ui.js';
import { roleField, roleLabel } from './roles.js';

/** A user's name for sentences: their names, else their email. */
export function displayName(user) {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email;
}

/** Resolves to the changed user, or null when cancelled or unchanged. */
export async function changeRole(user) {
  const data = await dialog({
    title: `Change the role of ${displayName(user)}`,
    content: (form) =>
      form.append(
        roleField('change-role', user.role, `Now ${roleLabel(user.role)}. The change applies to their next request.`),
      ),
    confirm: 'Change role',
  });
  if (!data || data.get('role') === user.role) return null;
  return api(`/api/users/${user.id}/`, { method: 'PATCH', body: { role: data.get('role') } });
}

/** Resolves true once deactivated, false when cancelled. */
export async function deactivate(user) {
  const confirmed = await dialog({
    title: `Deactivate ${displayName(user)}?`,
    content: (form) =>
      form.append(
        h(
          'p',
          {},
          `${user.email} can no longer sign in: their sessions end and their API keys are revoked at once. Deactivation is final; they stay listed because audit events name them.`,
        ),
      ),
    confirm: 'Deactivate',
    danger: true,
  });
  if (!confirmed) return false;
  await api(`/api/users/${user.id}/`, { method: 'DELETE' });
  return true;
}

/** A new single-use link ({reset_url, expires_at}); the server keeps only its hash. */
export function resetLink(user) {
  return api(`/api/users/${user.id}/password-reset/`, { method: 'POST' });
}

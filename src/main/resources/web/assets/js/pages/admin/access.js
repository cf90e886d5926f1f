// Who may use the administration pages: administrators (GET /api/auth/status/ gives the role). The API refuses the
// others anyway (403 permission_denied); the page says so plainly instead of showing an empty list.
import { adminLayout, errorAlert, h } from '../../ui.js';

/** A plain "administrators only" notice. */
export function administratorsOnly() {
  return h(
    'div',
    { class: 'alert alert-warn', role: 'alert', id: 'administrators-only' },
    h(
      'p',
      {},
      'This page is for administrators only. Ask an administrator of your organization if you need something here.',
    ),
  );
}

/**
 * Shows an administration page's layout (adminLayout) in main. Resolves to the page's content area, or to null for
 * anyone but an administrator, whom the area tells so.
 */
export async function administrationPage(main, context, path, title, description) {
  const { layout, content } = adminLayout(path, title, description);
  main.append(layout);
  return (await requireAdministrator(context, content)) ? content : null;
}

/** Whether the signed-in user is an administrator; when not, area shows the notice. */
async function requireAdministrator(context, area) {
  const { user } = await context.status();
  if (user.role === 'administrator') return true;
  area.replaceChildren(administratorsOnly());
  return false;
}

/** An API error as an alert; a 403 permission_denied (the role changed since the page loaded) as the notice. */
export function refusal(error) {
  return error.status === 403 && error.code === 'permission_denied' ? administratorsOnly() : errorAlert(error);
}

// The three roles of an organization's users and service accounts: their labels, what each may do, and the field that
// picks one.
import { h } from '../../ui.js';

export const ROLES = [
  ['viewer', 'Viewer', 'Reads dashboards and reports.'],
  ['editor', 'Editor', 'Also creates and changes dashboards, reports and data sources.'],
  ['administrator', 'Administrator', 'Also manages users and sees the audit log.'],
];

export function roleLabel(role) {
  return (ROLES.find(([value]) => value === role) || [role, role])[1];
}

/** What each role may do, in one sentence a role. */
export function roleHints() {
  return ROLES.map(([, label, hint]) => `${label}: ${hint}`).join(' ');
}

/** The "Role" field: a select of the three roles (selected chosen) and its hint, texts or nodes. */
export function roleField(id, selected, ...hint) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, 'Role'),
    h(
      'select',
      { id, name: 'role' },
      ROLES.map(([value, label, title]) => h('option', { value, selected: value === selected, title }, label)),
    ),
    h('span', { class: 'hint' }, ...hint),
  );
}

// Small DOM helpers: elements built with textContent (never innerHTML with data), timestamps, errors and copying.

/** h('p', {class: 'x'}, 'text', child) builds an element; attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

let ids = 0;
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A <time> with the local date and time; the ISO instant in its datetime and title. */
export function time(iso, { relative = false } = {}) {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return document.createTextNode(iso);
  const text = relative ? relativeText(date) : DATE_TIME.format(date);
  return h('time', { datetime: iso, title: DATE_TIME.format(date) + ` (${iso})` }, text);
}

function relativeText(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return RELATIVE.format(seconds, 'second');
  if (abs < 3600) return RELATIVE.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return RELATIVE.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 14) return RELATIVE.format(Math.round(seconds / 86400), 'day');
  return DATE_TIME.format(date);
}

export function formatDateTime(iso) {
  return DATE_TIME.format(new Date(iso));
}

/** A labelled input: {label, name, type, hint, ...attributes}. */
export function field({ label, name, type = 'text', hint, ...attributes }) {
  const id = attributes.id || uid(name);
  const hintId = hint ? `${id}-hint` : null;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name, type, 'aria-describedby': hintId, ...attributes }),
    hint ? h('span', { class: 'hint', id: hintId }, hint) : null,
  );
}

/** The new password and its repetition, as the password page and the reset-password page ask for them. */
export function newPasswordFields() {
  return [
    field({
      label: 'New password',
      name: 'new_password',
      type: 'password',
      autocomplete: 'new-password',
      required: true,
      id: 'new-password',
      hint: 'At least 8 characters; not a common password, nor your email.',
    }),
    field({
      label: 'Repeat the new password',
      name: 'repeat',
      type: 'password',
      autocomplete: 'new-password',
      required: true,
      id: 'repeat-password',
    }),
  ];
}

/** Removes the errors a previous submit of this form showed. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error, .form-alert').forEach((node) => node.remove());
  form.querySelectorAll('[aria-invalid]').forEach((input) => {
    input.removeAttribute('aria-invalid');
    const described = (input.getAttribute('aria-describedby') || '')
      .split(' ')
      .filter((id) => id && !id.endsWith('-error'));
    if (described.length) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
  });
}

/**
 * Shows an API error in a form: each of a validation error's fields next to its input (by name, or by the
 * fieldNames map API field -> input name), the rest as one alert at the top. Focuses the first problem.
 */
export function showError(form, error, { fieldNames = {}, fieldFor = {} } = {}) {
  clearErrors(form);
  let first = null;
  const unplaced = [];
  const place = (apiField, messages) => {
    const name = fieldNames[apiField] || apiField;
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!input) {
      unplaced.push(...messages.map((m) => `${apiField}: ${m}`));
      return;
    }
    const errorId = `${input.id || uid(name)}-error`;
    const message = h('p', { class: 'field-error', id: errorId }, messages.join(' '));
    const container = input.closest('.field, fieldset') || input.parentElement;
    container.append(message);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${errorId}`.trim());
    if (!first) first = input;
  };
  if (error && error.fields) {
    for (const [apiField, messages] of Object.entries(error.fields)) place(apiField, messages);
  } else if (error && fieldFor[error.code]) {
    // An error about one input that is not a validation error (a wrong code, wrong credentials).
    place(fieldFor[error.code], [sentence(error)]);
  }
  if (unplaced.length || !first) {
    const text = unplaced.length ? unplaced.join(' ') : sentence(error);
    const alert = h('div', { class: 'alert alert-error form-alert', role: 'alert' }, h('p', {}, text));
    form.prepend(alert);
  }
  (first || form.querySelector('input, select, button'))?.focus();
}

/** One readable sentence for an error: the message and, when it adds something, the detail. */
export function sentence(error) {
  if (!error) return 'Something went wrong.';
  if (!error.status) return 'The server could not be reached. Check the connection and try again.';
  // Its detail is for API clients (which endpoint to call); the page asked for the password and the user cancelled.
  if (error.code === 'reauthentication_required') return `${error.message} Nothing was changed.`;
  let text = error.message;
  if (error.detail && error.detail !== error.message) text += ` ${error.detail}`;
  if (error.code === 'rate_limited' && error.retryAfter) text += ` Try again in ${error.retryAfter} s.`;
  return text;
}

/** An error alert (role "alert", so screen readers say it) with sentence(error), or with the page's own text. */
export function errorAlert(error) {
  const text = typeof error === 'string' ? error : sentence(error);
  return h('div', { class: 'alert alert-error', role: 'alert' }, h('p', {}, text));
}

/** Disables a form's buttons while work runs. */
export async function busy(form, work) {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((button) => {
    button.disabled = true;
  });
  try {
    return await work();
  } finally {
    buttons.forEach((button) => {
      button.disabled = false;
    });
  }
}

/**
 * A secret shown once (a new API key, a password-reset link): its title, the warning to copy it now with advice, the
 * secret with a copy button, further lines, and a button that closes the panel and calls onDone().
 * ids names the elements: { panel, title, secret, copy, done }.
 */
export function secretPanel({ ids, title, warning, advice, secret, secretLabel, copyLabel, doneLabel, more, onDone }) {
  const heading = h('h2', { id: ids.title, tabindex: '-1' }, title);
  const done = h('button', { type: 'button', class: 'button', id: ids.done }, doneLabel);
  const panel = h(
    'section',
    { class: 'card secret-panel', 'aria-labelledby': ids.title, id: ids.panel },
    heading,
    h('p', {}, h('strong', {}, warning), ` ${advice}`),
    h(
      'div',
      { class: 'secret-row' },
      h('code', { class: 'secret', id: ids.secret, 'aria-label': secretLabel }, secret),
      copyButton(copyLabel, secret, { id: ids.copy }),
    ),
    more,
    done,
  );
  done.addEventListener('click', () => {
    panel.remove();
    onDone();
  });
  return { panel, heading };
}

/** A button that copies text(), and says so. */
export function copyButton(label, text, attributes = {}) {
  const status = h('span', { class: 'visually-hidden', role: 'status' });
  const button = h('button', { type: 'button', class: 'button button-secondary', ...attributes }, label);
  button.addEventListener('click', async () => {
    const value = typeof text === 'function' ? text() : text;
    let copied = false;
    try {
      await navigator.clipboard.writeText(value);
      copied = true;
    } catch {
      copied = copyBySelection(value);
    }
    button.textContent = copied ? 'Copied' : 'Select and copy by hand';
    status.textContent = copied ? 'Copied to the clipboard.' : 'Copying failed.';
    setTimeout(() => {
      button.textContent = label;
    }, 2000);
  });
  return h('span', {}, button, status);
}

function copyBySelection(value) {
  const area = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true' });
  area.value = value;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** Offers text as a file the browser saves (a Blob URL; nothing leaves the page). */
export function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = h('a', { href: url, download: filename, class: 'visually-hidden' }, filename);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A modal dialog (<dialog>, so Escape and focus work as the platform does). content(form) fills it; resolves with
 * the submit button's value, or null when cancelled.
 */
export function dialog({ title, content, confirm, danger = false, cancel = 'Cancel' }) {
  return new Promise((resolve) => {
    const titleId = uid('dialog-title');
    const form = h('form', { method: 'dialog' });
    form.append(h('h2', { id: titleId }, title));
    content(form);
    form.append(
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', value: 'cancel', class: 'button button-quiet', formnovalidate: true }, cancel),
        h(
          'button',
          { type: 'submit', value: 'confirm', class: `button ${danger ? 'button-danger' : ''}`, 'data-confirm': true },
          confirm,
        ),
      ),
    );
    const element = h('dialog', { 'aria-labelledby': titleId }, form);
    document.body.append(element);
    element.addEventListener('close', () => {
      const confirmed = element.returnValue === 'confirm';
      const data = new FormData(form);
      element.remove();
      resolve(confirmed ? data : null);
    });
    element.showModal();
    element.querySelector('[data-confirm]').focus();
  });
}

/** The page title and breadcrumbs of a settings page, with the Security sub-navigation beside the content. */
export function settingsLayout(current, title, description) {
  return sectionLayout(current, title, description, {
    trail: ['Settings', 'Security'],
    label: 'Security settings',
    heading: 'Security',
    links: [
      ['/settings/security/password', 'Password'],
      ['/settings/security/sessions', 'Sessions'],
      ['/settings/security/api-keys', 'API keys'],
      ['/settings/security/two-factor', 'Two-factor authentication'],
    ],
  });
}

/** The page title and breadcrumbs of an administration page, with the Administration sub-navigation. */
export function adminLayout(current, title, description) {
  return sectionLayout(current, title, description, {
    trail: ['Administration'],
    label: 'Administration',
    heading: 'Administration',
    links: [
      ['/admin/users', 'Users'],
      ['/admin/service-accounts', 'Service accounts'],
      ['/admin/api-keys', 'API keys'],
      ['/admin/audit-log', 'Audit log'],
    ],
  });
}

function sectionLayout(current, title, description, { trail, label, heading, links }) {
  const link = ([href, text]) =>
    h('a', { href, 'data-link': true, 'aria-current': href === current ? 'page' : null }, text);
  const content = h('div', { class: 'settings-content' });
  const layout = h(
    'div',
    {},
    h(
      'nav',
      { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
      h(
        'ol',
        {},
        trail.map((step) => h('li', {}, step)),
        h('li', { 'aria-current': 'page' }, title),
      ),
    ),
    h('div', { class: 'page-head' }, h('h1', {}, title), h('p', {}, description)),
    h(
      'div',
      { class: 'settings' },
      h('nav', { class: 'subnav', 'aria-label': label }, h('h2', {}, heading), links.map(link)),
      content,
    ),
  );
  return { layout, content };
}

/** A table of records: a hidden caption, a header row naming the columns, and a body (bodyId) holding rows. */
export function dataTable({ id, caption, columns, bodyId, rows }) {
  return h(
    'table',
    { class: 'keys', id },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h('tbody', { id: bodyId }, rows),
  );
}

/**
 * A small button of a table row: data-action names what it does, label names it for screen readers with the row's
 * subject ("Deactivate Ada Lovelace"); attributes add to or replace the defaults (a danger class, aria-expanded).
 */
export function rowButton({ action, text, label, onClick, danger = false, ...attributes }) {
  const button = h(
    'button',
    {
      type: 'button',
      class: `button ${danger ? 'button-danger' : 'button-secondary'} button-small`,
      'data-action': action,
      'aria-label': label,
      ...attributes,
    },
    text,
  );
  if (onClick) button.addEventListener('click', onClick);
  return button;
}

/** Whether an account (a user, a service account) is active or deactivated, as a badge. */
export function activeBadge(active) {
  return active
    ? h('span', { class: 'badge badge-ok' }, 'Active')
    : h('span', { class: 'badge badge-neutral' }, 'Deactivated');
}

/** The path and query of a page's "next" or "previous" link (an absolute URL of this server), to pass to api(). */
export function localPath(url) {
  const { pathname, search } = new URL(url);
  return pathname + search;
}

/**
 * Previous and next buttons for a page of a list ({count, next, previous, results}) read from path (which carries
 * page and page_size); go(path) loads the other page. Says which items of how many are shown.
 */
export function pager(page, path, go, idPrefix) {
  const query = new URL(path, location.origin).searchParams;
  const offset = (Number(query.get('page') || 1) - 1) * Number(query.get('page_size') || 20);
  const shown = page.results.length;
  const range = shown ? `${offset + 1}–${offset + shown} of ${page.count}` : `0 of ${page.count}`;
  const button = (link, text, id) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button button-secondary button-small',
        id: `${idPrefix}-${id}`,
        disabled: !link,
        onclick: link ? () => go(localPath(link)) : null,
      },
      text,
    );
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    button(page.previous, 'Previous', 'previous'),
    h('span', { class: 'pager-range', id: `${idPrefix}-range` }, range),
    button(page.next, 'Next', 'next'),
  );
}

// A key's recent uses, opened under its row in the list, twenty at a time.
import { api } from '../../session.js';
import { errorAlert, h, time } from '../../ui.js';
import { localPath } from './keys.js';

/**
 * Opens the activity row under a key's row, or closes it when it is open; button is the row's "Activity", base the
 * key's collection.
 */
export async function toggleActivity(key, row, button, base = '/api/api-keys/') {
  const existing = row.nextElementSibling;
  if (existing && existing.classList.contains('activity-row')) {
    existing.remove();
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  const cell = h('td', { colspan: 7, id: `activity-${key.id}` });
  row.after(h('tr', { class: 'activity-row' }, cell));
  button.setAttribute('aria-expanded', 'true');
  button.setAttribute('aria-controls', cell.id);
  await showActivity(key, cell, base);
}

async function showActivity(key, cell, base) {
  const page = await fetchPage(cell, `${base}${key.id}/activity/?page_size=20`);
  if (!page) return;
  cell.replaceChildren(h('h3', {}, `Recent activity of “${key.name}”`));
  if (!page.results.length) {
    cell.append(h('p', { class: 'empty' }, 'No use yet. A use shows here within a few seconds.'));
    return;
  }
  const body = h('tbody', {});
  cell.append(
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'activity' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['When', 'Request', 'Status', 'Address', 'Client'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        body,
      ),
    ),
  );
  appendPage(cell, body, page);
}

/** Adds a page's uses to the table, with a button for the next (older) page when there is one. */
function appendPage(cell, body, page) {
  body.append(...page.results.map(useRow));
  cell.querySelector('.load-more')?.remove();
  if (page.next) {
    const more = h(
      'button',
      { type: 'button', class: 'button button-secondary button-small load-more' },
      'Show older uses',
    );
    more.addEventListener('click', async () => {
      const older = await fetchPage(cell, localPath(page.next));
      if (older) appendPage(cell, body, older);
    });
    cell.append(more);
  }
}

function useRow(use) {
  return h(
    'tr',
    {},
    h('td', {}, time(use.timestamp)),
    h('td', {}, h('code', {}, `${use.method} ${use.path}`)),
    h('td', {}, String(use.status)),
    h('td', {}, use.ip),
    h('td', {}, use.user_agent || '—'),
  );
}

/** A page of uses, or null after showing the error in the cell. */
async function fetchPage(cell, path) {
  try {
    return await api(path);
  } catch (e) {
    cell.append(errorAlert(e));
    return null;
  }
}

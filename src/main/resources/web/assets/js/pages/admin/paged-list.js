// The list card of an administration page (users, service accounts, the organization's keys): a heading, an error
// area, the table of one page and its pager, an announcer for screen readers, and the refusal shown for any failure.
import { api } from '../../session.js';
import { dataTable, h, pager } from '../../ui.js';
import { refusal } from './access.js';

/**
 * A paged list of the API collection at `path` whose elements are ids prefixed by `id`. `row(item)` makes a table row;
 * `empty`, when given, is shown instead of an empty table. `load()` shows the current page again, `load(path)` another.
 */
export function pagedList({ id, title, caption, columns, path, pageSize, row, empty }) {
  const announcer = h('div', { class: 'visually-hidden', role: 'status', id: `${id}-announcer` });
  const heading = h('h2', { id: `${id}-title`, tabindex: '-1' }, title);
  const error = h('div', { id: `${id}-error` });
  const area = h('div', { class: 'table-wrap' });
  const pages = h('div', {});
  const section = h('section', { class: 'card', 'aria-labelledby': `${id}-title` }, heading, error, area, pages);
  let current = `${path}?page_size=${pageSize}`;

  async function load(next = current) {
    let page;
    try {
      page = await api(next);
    } catch (e) {
      error.replaceChildren(refusal(e));
      return;
    }
    current = next;
    if (!page.count && empty) {
      area.replaceChildren(empty());
      pages.replaceChildren();
      return;
    }
    area.replaceChildren(
      dataTable({ id: `${id}-table`, caption, columns, bodyId: `${id}-body`, rows: page.results.map(row) }),
    );
    pages.replaceChildren(pager(page, next, load, id));
  }

  return {
    announcer,
    heading,
    section,
    load,
    say(message) {
      announcer.textContent = message;
    },
    /** Runs an action of the page; what the API refuses is shown above the table. */
    async act(work) {
      error.replaceChildren();
      try {
        await work();
      } catch (e) {
        error.replaceChildren(refusal(e));
      }
    },
    /** Shows the last page, where a new element is (the lists are ordered by id). */
    async loadLast() {
      const first = await api(`${path}?page_size=${pageSize}`);
      await load(`${path}?page=${Math.max(1, Math.ceil(first.count / pageSize))}&page_size=${pageSize}`);
    },
  };
}

// The "Add a ..." card of an administration page: a form that checks on submit what it can without the server, POSTs
// its body, and hands the answer on; the API's errors show in the form.
import { api } from '../../session.js';
import { busy, clearErrors, h, showError } from '../../ui.js';

/**
 * The card: a heading (titleId, title), intro nodes, and form. On submit, read(form) gives { body, problems }
 * (problems: field -> messages, shown without asking the server when there are any); the body is POSTed to path, then
 * the form is reset and onCreated(answer) awaited.
 */
export function createCard({ titleId, title, intro = [], form, path, read, onCreated }) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { body, problems } = read(form);
    if (Object.keys(problems).length) {
      showError(form, { fields: problems });
      return;
    }
    clearErrors(form);
    busy(form, async () => {
      try {
        const created = await api(path, { method: 'POST', body });
        form.reset();
        await onCreated(created);
      } catch (e) {
        showError(form, e);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': titleId }, h('h2', { id: titleId }, title), ...intro, form);
}

// Changes: who changed what on the box, and when, newest first (the audit trail in hearth.db).

import { api, el, row, t, unavailable, when } from '../core.js';

const PAGE = 50;

async function render(section) {
  const body = el('tbody', { id: 'audit-entries' });
  const more = el('button', { type: 'button', hidden: true }, t('more'));
  let before = 0;
  const load = async () => {
    const { status, data } = await api('GET', `/api/audit?limit=${PAGE}` + (before ? `&before=${before}` : ''));
    if (status !== 200) return { status, data };
    for (const entry of data.entries) body.append(row([when(entry.time), entry.who, entry.action,
      entry.changes.join('\n')]));
    before = data.entries.length === PAGE ? data.entries[data.entries.length - 1].id : 0;
    more.hidden = !before;
    return { status, data };
  };
  more.addEventListener('click', load);
  section.replaceChildren(el('h2', {}, t('auditTitle')));
  const first = await load();
  if (first.status === 404) {
    section.append(unavailable());
    return first;
  }
  section.append(el('div', { className: 'scroll' }, el('table', { className: 'audit' }, el('thead', {}, el('tr', {},
    [t('time'), t('who'), t('what'), t('changesMade')].map((h) => el('th', {}, h)))), body)), more);
  return first;
}

export default { render };

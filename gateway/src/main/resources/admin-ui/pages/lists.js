// Lists: the blocklist sources, how each last loaded, adding and removing one, refreshing now.

import { api, categoryName, change, el, row, select, t, unavailable, when } from '../core.js';

async function render(section) {
  const [lists, categories] = await Promise.all([api('GET', '/api/lists'), api('GET', '/api/categories')]);
  const redraw = () => render(section);
  if (lists.status === 404) {
    section.replaceChildren(el('h2', {}, t('listsTitle')), unavailable());
    return lists;
  }
  if (lists.status !== 200) return lists;
  const body = el('tbody', {}, lists.data.lists.map((l) => {
    const tr = row([l.name, categoryName(l.category), l.source, t('listState.' + l.status?.state, l.status?.state),
      l.status?.domains ?? '', when(l.status?.lastSuccess), l.status?.error ?? '']);
    tr.append(el('td', { className: 'admin-only' }, el('button', { type: 'button', className: 'secondary',
      on: { click: () => change('DELETE', '/api/lists/' + encodeURIComponent(l.name), {}, redraw) } }, t('remove'))));
    return tr;
  }));
  const form = el('form', { id: 'new-list', className: 'admin-only row' },
    el('label', {}, el('span', {}, t('listName')), el('input', { name: 'lname', required: true })),
    el('label', {}, el('span', {}, t('category')), select('category', (categories.data ?? []).map((c) =>
      [c.id, categoryName(c.id)]), 'adult')),
    el('label', {}, el('span', {}, t('listSource')), el('input', { name: 'source', required: true,
      placeholder: 'https://…' })),
    el('button', { type: 'submit' }, t('addList')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const valueOf = (name) => form.elements.namedItem(name).value.trim();
    change('POST', '/api/lists', { name: valueOf('lname'), category: valueOf('category'), source: valueOf('source') }, redraw);
  });
  section.replaceChildren(el('h2', {}, t('listsTitle')),
    el('p', { className: 'admin-only' }, el('button', { type: 'button', name: 'refresh',
      on: { click: () => change('POST', '/api/lists/refresh', {}, redraw) } }, t('refreshLists'))),
    el('div', { className: 'scroll' }, el('table', {}, el('thead', {}, el('tr', {},
      [t('listName'), t('category'), t('listSource'), t('listStatus'), t('listDomains'), t('listLoaded'),
        t('listError'), ''].map((h) => el('th', {}, h)))), body)),
    form);
  return lists;
}

export default { render };

// The blocked-lookup log: newest first, filtered by device, category and name, a page at a time.

import { api, categoryName, el, problem, row, say, select, t, when } from '../core.js';

let next = null;

async function entries(form, body, more, fresh) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (value) params.set(key, value);
  if (!fresh && next) params.set('after', next);
  const { status, data } = await api('GET', '/api/blocked?' + params);
  if (status !== 200) {
    say(problem(data));
    return status;
  }
  if (fresh) body.replaceChildren();
  for (const entry of data.entries) {
    body.append(row([when(entry.time), entry.deviceName || entry.client, entry.name,
      entry.categories.map(categoryName).join(', ')]));
  }
  next = data.next;
  more.hidden = !next;
  return status;
}

async function render(section) {
  const devices = await api('GET', '/api/devices');
  const options = [['', t('allDevices')]].concat((devices.data.devices ?? []).map((d) => [d.id, d.name]));
  const body = el('tbody', { id: 'entries' });
  const more = el('button', { id: 'more', type: 'button', hidden: true }, t('more'));
  const empty = el('p', { id: 'empty', hidden: true }, t('nothingBlocked'));
  const form = el('form', { id: 'filter' },
    el('label', {}, el('span', {}, t('device')), select('device', options, '')),
    el('label', {}, el('span', {}, t('category')), el('input', { name: 'category', size: 12 })),
    el('label', {}, el('span', {}, t('search')), el('input', { name: 'q', size: 16 })),
    el('button', { type: 'submit' }, t('show')));
  const refresh = async (fresh) => {
    const status = await entries(form, body, more, fresh);
    empty.hidden = body.children.length > 0;
    return status;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    refresh(true);
  });
  more.addEventListener('click', () => refresh(false));
  section.replaceChildren(el('h2', {}, t('blockedTitle')), form,
    el('div', { className: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, [t('time'), t('device'), t('site'), t('category')].map((h) => el('th', {}, h)))),
      body)),
    empty, more);
  return { status: await refresh(true) };
}

export default { render };

// Requests: a child asked to unblock a site. Approve for an hour, for today or always (for that
// device, or its whole profile), or decline with a word back that the child sees.

import { api, change, el, select, t, unavailable, when } from '../core.js';

function request(r, redraw) {
  const scope = select('scope', [['device', t('scope.device')], ['profile', t('scope.profile')]], 'device');
  const reply = el('input', { name: 'reply', maxLength: 200, placeholder: t('replyHint') });
  const approve = (period) => change('POST', `/api/requests/${encodeURIComponent(r.id)}/approve`,
    { for: period, scope: scope.value }, redraw);
  const pending = r.status === 'pending';
  return el('li', { className: 'card request', data: { id: String(r.id) } },
    el('h3', {}, r.domain),
    el('p', { className: 'muted' }, `${r.deviceName || r.device} · ${when(r.created)}`
      + (pending ? '' : ` · ${t('requestStatus.' + r.status)}`)),
    r.message ? el('blockquote', {}, r.message) : null,
    r.reply ? el('p', {}, `${t('reply')}: ${r.reply}`) : null,
    pending ? el('div', { className: 'admin-only' },
      el('p', { className: 'row' }, el('label', {}, el('span', {}, t('approveFor')), scope),
        el('button', { type: 'button', name: 'hour', on: { click: () => approve('hour') } }, t('approveHour')),
        el('button', { type: 'button', name: 'today', on: { click: () => approve('today') } }, t('approveToday')),
        el('button', { type: 'button', name: 'always', on: { click: () => approve('always') } }, t('approveAlways'))),
      el('p', { className: 'row' }, reply,
        el('button', { type: 'button', className: 'secondary', name: 'decline', on: { click: () => change('POST',
          `/api/requests/${encodeURIComponent(r.id)}/decline`, { reply: reply.value.trim() || null }, redraw) } },
        t('decline')))) : null);
}

async function render(section) {
  const pending = await api('GET', '/api/requests?status=pending');
  section.replaceChildren(el('h2', {}, t('requestsTitle')));
  if (pending.status === 404) {
    section.append(unavailable());
    return pending;
  }
  if (pending.status !== 200) return pending;
  const redraw = () => render(section);
  const list = pending.data.requests;
  section.append(list.length ? el('ul', { id: 'pending-requests', className: 'cards' },
    list.map((r) => request(r, redraw))) : el('p', { id: 'no-requests' }, t('noRequests')));
  return pending;
}

export default { render };

// The overview: what was blocked today, per device and per category, and a chart of the last 30 days
// drawn as SVG elements (no inline script or style: the page's CSP stays strict).

import { api, categoryName, el, isoDay, t, unavailable } from '../core.js';

const SVG = 'http://www.w3.org/2000/svg';
const DAYS = 30;

function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Bars for `days` ([{date, blocked}]), the highest labelled; each bar's exact count in its title. */
function chart(days) {
  const width = 600;
  const height = 160;
  const top = 16;
  const most = Math.max(1, ...days.map((d) => d.blocked));
  const step = width / days.length;
  const picture = svg('svg', { viewBox: `0 0 ${width} ${height + 20}`, role: 'img', id: 'chart',
    'aria-label': t('chartTitle') });
  days.forEach((day, i) => {
    const h = Math.round(((height - top) * day.blocked) / most);
    const bar = svg('rect', { x: i * step + 1, y: height - h, width: Math.max(1, step - 2), height: Math.max(h, 1),
      class: day.blocked ? 'bar' : 'bar zero' });
    bar.append(svg('title', {}, `${day.date}: ${day.blocked}`));
    picture.append(bar);
    // A date under every seventh bar and the last (today), anchored so none runs off the edge or overlaps.
    const last = i === days.length - 1;
    if ((i % 7 === 0 && days.length - 1 - i >= 5) || last) {
      picture.append(svg('text', { x: last ? width : i * step, y: height + 14, 'text-anchor': last ? 'end' : 'start',
        class: 'axis' }, day.date.slice(5)));
    }
  });
  picture.append(svg('text', { x: 2, y: 11, class: 'axis' }, `${t('most')}: ${most}`));
  return picture;
}

function counts(id, items) {
  if (!items.length) return el('p', { id }, t('nothingBlocked'));
  return el('ol', { id }, items.map(([label, n]) => el('li', {}, `${label}: ${n}`)));
}

/** Today's counts: adminx's /api/stats/today, else the log's summary for today (categories only). */
async function today() {
  const stats = await api('GET', '/api/stats/today');
  if (stats.status === 200) {
    return { status: 200, devices: stats.data.byDevice.map((d) => [d.name || d.device, d.blocked]),
      categories: stats.data.byCategory.map((c) => [categoryName(c.category), c.blocked]) };
  }
  const day = isoDay(new Date());
  const summary = await api('GET', `/api/summary?from=${day}&to=${day}`);
  if (summary.status !== 200) return { status: summary.status };
  return { status: 200, devices: null,
    categories: summary.data.categories.map((c) => [categoryName(c.category), c.blocked]) };
}

/** The last 30 days: /api/stats/daily, else the log's summary over the same days. */
async function daily() {
  const stats = await api('GET', `/api/stats/daily?days=${DAYS}`);
  if (stats.status === 200) return stats.data.days.map((d) => ({ date: d.date, blocked: d.blocked }));
  const to = new Date();
  const from = new Date(to.getFullYear(), to.getMonth(), to.getDate() - (DAYS - 1));
  const summary = await api('GET', `/api/summary?from=${isoDay(from)}&to=${isoDay(to)}`);
  if (summary.status !== 200) return null;
  return summary.data.days.map((d) => ({ date: d.day, blocked: d.blocked }));
}

async function render(section) {
  const now = await today();
  if (now.status === 401) return now;
  const days = await daily();
  section.replaceChildren(el('h2', {}, t('dashboardTitle')),
    el('div', { className: 'columns' },
      el('div', {}, el('h3', {}, t('todayByDevice')),
        now.devices ? counts('today-devices', now.devices) : unavailable()),
      el('div', {}, el('h3', {}, t('todayByCategory')), counts('today-categories', now.categories ?? []))),
    el('h3', {}, t('chartTitle')),
    days ? chart(days) : unavailable());
  return now;
}

export default { render };

// The profile editor: a preset to start from, each category on or off with what it means in plain
// words, sites always allowed or always blocked, SafeSearch, and weekly schedules (bedtime, homework).

import { api, categoryAbout, categoryName, change, el, select, t } from '../core.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const BYPASS = ['dns-bypass', 'proxy-vpn'];
let chosen = null;

/** What a profile blocks from its preset alone: the categories the toggles are measured against. */
function base(presets, preset, bypassProtection) {
  const p = presets.find((x) => x.name === preset);
  const blocks = new Set(p ? p.blocks : []);
  if (bypassProtection ?? (p ? p.bypassProtection : true)) BYPASS.forEach((c) => blocks.add(c));
  return blocks;
}

const lines = (text) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

function expandDays(days) {
  const out = new Set();
  for (const day of days) {
    if (day === 'daily') DAYS.forEach((d) => out.add(d));
    else if (day === 'weekdays') DAYS.slice(0, 5).forEach((d) => out.add(d));
    else if (day === 'weekends') DAYS.slice(5).forEach((d) => out.add(d));
    else out.add(day);
  }
  return out;
}

function scheduleEditor(schedule, categories) {
  const days = expandDays(schedule.days ?? ['daily']);
  const extra = el('select', { name: 'block', multiple: true, size: 4 },
    categories.map((c) => el('option', { value: c.id, selected: (schedule.block ?? []).includes(c.id) },
      categoryName(c.id))));
  const item = el('li', { className: 'schedule card' },
    el('div', { className: 'row' },
      el('label', {}, el('span', {}, t('scheduleName')), el('input', { name: 'sname', value: schedule.name ?? '',
        placeholder: t('scheduleNameHint'), required: true })),
      el('label', {}, el('span', {}, t('from')), el('input', { name: 'from', type: 'time', value: schedule.from ?? '21:00',
        required: true })),
      el('label', {}, el('span', {}, t('to')), el('input', { name: 'to', type: 'time', value: schedule.to ?? '07:00',
        required: true }))),
    el('fieldset', { className: 'days' }, el('legend', {}, t('days')),
      DAYS.map((d) => el('label', { className: 'inline' },
        el('input', { type: 'checkbox', name: 'day', value: d, checked: days.has(d) }), t('day.' + d)))),
    el('label', { className: 'inline' }, el('input', { type: 'checkbox', name: 'blockAll',
      checked: !!schedule.blockAll }), t('blockAll')),
    el('label', {}, el('span', {}, t('scheduleBlocks')), extra),
    el('button', { type: 'button', className: 'secondary admin-only', on: { click: () => item.remove() } },
      t('removeSchedule')));
  return item;
}

function readSchedule(item) {
  const days = [...item.querySelectorAll('input[name=day]:checked')].map((i) => i.value);
  return {
    name: item.querySelector('[name=sname]').value.trim(),
    days: days.length === 7 ? ['daily'] : days,
    from: item.querySelector('[name=from]').value,
    to: item.querySelector('[name=to]').value,
    block: [...item.querySelector('[name=block]').selectedOptions].map((o) => o.value),
    blockAll: item.querySelector('[name=blockAll]').checked,
  };
}

function editor(profile, presets, categories, redraw) {
  const blocked = new Set(profile.effective.blocked);
  const presetSelect = select('preset', [['', t('noPreset')]].concat(presets.map((p) => [p.name, t('preset.' + p.name)])),
    profile.preset ?? '');
  const toggles = el('ul', { id: 'categories', className: 'toggles' }, categories.map((c) => el('li', {},
    el('label', { className: 'inline' },
      el('input', { type: 'checkbox', name: 'cat', value: c.id, checked: blocked.has(c.id) }),
      el('strong', {}, categoryName(c.id))),
    el('p', { className: 'muted' }, categoryAbout(c.id) || c.description))));
  presetSelect.addEventListener('change', () => {
    const now = base(presets, presetSelect.value || null, profile.bypassProtection);
    for (const box of toggles.querySelectorAll('input')) box.checked = now.has(box.value);
  });
  const safeSearch = el('input', { type: 'checkbox', name: 'safeSearch', checked: profile.effective.safeSearch });
  const youtube = select('youtube', [['', t('youtube.preset')], ['off', t('youtube.off')],
    ['moderate', t('youtube.moderate')], ['strict', t('youtube.strict')]], profile.youtube ?? '');
  const allow = el('textarea', { name: 'allow', rows: 3, value: profile.allow.join('\n') });
  const deny = el('textarea', { name: 'deny', rows: 3, value: profile.deny.join('\n') });
  const schedules = el('ul', { className: 'schedules' },
    profile.schedules.map((s) => scheduleEditor(s, categories)));
  const form = el('form', { id: 'profile-editor', className: 'wide' },
    el('h3', {}, `${t('profile')}: ${profile.name}`),
    el('label', {}, el('span', {}, t('preset')), presetSelect),
    el('fieldset', {}, el('legend', {}, t('blockedCategories')), toggles),
    el('fieldset', {}, el('legend', {}, t('safeSearch')),
      el('label', { className: 'inline' }, safeSearch, t('safeSearchHelp')),
      el('label', {}, el('span', {}, t('youtube')), youtube)),
    el('label', {}, el('span', {}, t('allowList')), el('small', {}, t('listHelp')), allow),
    el('label', {}, el('span', {}, t('denyList')), el('small', {}, t('listHelp')), deny),
    el('fieldset', {}, el('legend', {}, t('schedules')), schedules,
      el('button', { type: 'button', className: 'secondary admin-only', name: 'add-schedule',
        on: { click: () => schedules.append(scheduleEditor({ name: '', days: ['daily'] }, categories)) } },
      t('addSchedule'))),
    el('p', { className: 'admin-only' },
      el('button', { type: 'submit' }, t('save')), ' ',
      el('button', { type: 'button', className: 'secondary', name: 'delete', on: { click: () => {
        if (window.confirm(t('deleteProfileConfirm'))) {
          change('DELETE', '/api/profiles/' + encodeURIComponent(profile.name), {}, () => { chosen = null; redraw(); });
        }
      } } }, t('deleteProfile'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const preset = presetSelect.value || null;
    const from = base(presets, preset, profile.bypassProtection);
    const on = new Set([...toggles.querySelectorAll('input:checked')].map((i) => i.value));
    change('PUT', '/api/profiles/' + encodeURIComponent(profile.name), {
      preset,
      block: [...on].filter((c) => !from.has(c)),
      unblock: [...from].filter((c) => !on.has(c)),
      allow: lines(allow.value),
      deny: lines(deny.value),
      // Written only when the parent changed it: an untouched box keeps following the preset.
      safeSearch: safeSearch.checked === profile.effective.safeSearch ? (profile.safeSearch ?? null)
        : safeSearch.checked,
      youtube: youtube.value || null,
      bypassProtection: profile.bypassProtection,
      allowOnly: profile.allowOnly,
      blockMode: profile.blockMode,
      schedules: [...schedules.children].map(readSchedule),
    }, redraw);
  });
  return form;
}

function creator(presets, redraw) {
  const form = el('form', { id: 'new-profile', className: 'admin-only row' },
    el('label', {}, el('span', {}, t('newProfileName')), el('input', { name: 'pname', required: true,
      pattern: '[A-Za-z0-9][A-Za-z0-9_-]{0,31}', maxLength: 32 })),
    el('label', {}, el('span', {}, t('preset')), select('preset', presets.map((p) => [p.name, t('preset.' + p.name)]),
      'child')),
    el('button', { type: 'submit' }, t('createProfile')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = form.elements.namedItem('pname').value.trim();
    change('POST', '/api/profiles', { name, preset: form.elements.namedItem('preset').value }, () => {
      chosen = name;
      redraw();
    });
  });
  return form;
}

async function render(section) {
  const [profiles, categories] = await Promise.all([api('GET', '/api/profiles'), api('GET', '/api/categories')]);
  if (profiles.status !== 200) return profiles;
  const all = profiles.data.profiles;
  if (!all.some((p) => p.name === chosen)) chosen = all[0]?.name ?? null;
  const redraw = () => render(section);
  const pick = select('profile', all.map((p) => [p.name, p.default ? `${p.name} (${t('default')})` : p.name]), chosen);
  pick.id = 'profile-pick';
  pick.addEventListener('change', () => {
    chosen = pick.value;
    redraw();
  });
  const profile = all.find((p) => p.name === chosen);
  section.replaceChildren(el('h2', {}, t('profilesTitle')),
    el('label', {}, el('span', {}, t('chooseProfile')), pick),
    profile ? editor(profile, profiles.data.presets, categories.data, redraw) : null,
    el('h3', {}, t('newProfile')), creator(profiles.data.presets, redraw));
  return profiles;
}

export default { render };

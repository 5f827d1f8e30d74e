// Devices: the config's devices and the ones the box saw that no entry names yet. A parent names a new
// device and picks its profile (a devices: entry), renames or moves a device, pauses its internet.

import { api, change, el, select, t, when } from '../core.js';

const MINUTES = [['15', 'minutes15'], ['30', 'minutes30'], ['60', 'hour1'], ['120', 'hours2']];

function pauseControls(device, redraw) {
  if (device.paused) {
    return el('p', { className: 'paused' }, `${t('pausedUntil')} ${when(device.paused)} `,
      el('button', { type: 'button', className: 'admin-only', name: 'end-pause',
        on: { click: () => change('POST', '/api/pauses/end', { device: device.id }, redraw) } }, t('endPause')));
  }
  const minutes = select('minutes', MINUTES.map(([value, key]) => [value, t(key)]), '30');
  return el('p', { className: 'admin-only' }, minutes,
    el('button', { type: 'button', name: 'pause', on: { click: () => change('POST', '/api/pauses',
      { device: device.id, minutes: Number(minutes.value) }, redraw) } }, t('pause')));
}

function configured(device, profiles, redraw) {
  const name = el('input', { name: 'name', value: device.name, maxLength: 64, required: true });
  const profile = select('profile', profiles, device.profile);
  const save = () => change('PUT', '/api/devices/' + encodeURIComponent(device.id),
    { name: name.value.trim(), profile: profile.value }, redraw);
  const remove = () => {
    if (window.confirm(t('removeDeviceConfirm'))) change('DELETE', '/api/devices/' + encodeURIComponent(device.id), {}, redraw);
  };
  return el('li', { className: 'device card', data: { id: device.id } },
    el('h3', {}, device.name),
    el('p', { className: 'muted' }, `${t('matchedBy')}: ${device.match.join(', ')}`
      + (device.lastSeen ? ` · ${t('lastSeen')}: ${when(device.lastSeen)}` : '')),
    el('div', { className: 'row' },
      el('label', {}, el('span', {}, t('deviceName')), name),
      el('label', {}, el('span', {}, t('profile')), profile)),
    el('p', { className: 'admin-only' },
      el('button', { type: 'button', name: 'save', on: { click: save } }, t('save')), ' ',
      el('button', { type: 'button', name: 'remove', className: 'secondary', on: { click: remove } }, t('remove'))),
    pauseControls(device, redraw));
}

function seen(device, profiles, defaultProfile, redraw) {
  const name = el('input', { name: 'name', value: device.hostname ?? '', maxLength: 64, required: true,
    placeholder: t('deviceNameHint') });
  const profile = select('profile', profiles, defaultProfile);
  const assign = () => change('POST', '/api/devices', {
    name: name.value.trim(), match: [device.mac ?? device.ip], profile: profile.value }, redraw);
  const facts = [device.ip && `${t('address')}: ${device.ip}`, device.mac && `${t('mac')}: ${device.mac}`,
    device.lastSeen && `${t('lastSeen')}: ${when(device.lastSeen)}`].filter(Boolean).join(' · ');
  return el('li', { className: 'device card new', data: { id: device.id } },
    el('h3', {}, device.hostname ?? device.ip ?? device.name),
    el('p', { className: 'muted' }, facts),
    device.ip || device.mac ? el('div', { className: 'row admin-only' },
      el('label', {}, el('span', {}, t('deviceName')), name),
      el('label', {}, el('span', {}, t('profile')), profile),
      el('button', { type: 'button', name: 'assign', on: { click: assign } }, t('assign'))) : null,
    pauseControls(device, redraw));
}

async function render(section) {
  const [devices, profiles] = await Promise.all([api('GET', '/api/devices'), api('GET', '/api/profiles')]);
  if (devices.status !== 200) return devices;
  const names = (profiles.data.profiles ?? []).map((p) => [p.name, p.name]);
  const defaultProfile = (profiles.data.profiles ?? []).find((p) => p.default)?.name;
  const redraw = () => render(section);
  const all = devices.data.devices;
  section.replaceChildren(
    el('h2', {}, t('devicesTitle')),
    el('ul', { id: 'configured-devices', className: 'cards' },
      all.filter((d) => d.configured).map((d) => configured(d, names, redraw))),
    el('h2', {}, t('unknownTitle')),
    el('p', {}, t('unknownHelp')),
    el('ul', { id: 'new-devices', className: 'cards' },
      all.filter((d) => !d.configured).map((d) => seen(d, names, defaultProfile, redraw))));
  return devices;
}

export default { render };

// Settings: where the box asks, how it answers a blocked site, how long the log keeps what, the
// profile new devices follow; the admin password; the whole config as a file (export and import).

import { api, change, el, problem, say, select, t } from '../core.js';

const field = (label, input, help) => el('label', {}, el('span', {}, t(label)), help ? el('small', {}, t(help)) : null,
  input);

function settingsForm(s, profiles, redraw) {
  const upstreams = el('textarea', { name: 'upstreams', rows: 3, value: s.upstreams.join('\n') });
  const mode = select('blockingMode', [['zero-ip', t('mode.zero-ip')], ['nxdomain', t('mode.nxdomain')],
    ['blockpage', t('mode.blockpage')]], s.blockingMode);
  const ttl = el('input', { name: 'blockTtl', type: 'number', min: 0, max: 86400, value: s.blockTtl });
  const box = el('input', { name: 'boxName', value: s.boxName });
  const retention = el('input', { name: 'logRetention', type: 'number', min: 1, value: s.logRetention });
  const allowed = el('input', { name: 'logAllowed', type: 'checkbox', checked: s.logAllowed });
  const allowedRetention = el('input', { name: 'allowedRetention', type: 'number', min: 1, value: s.allowedRetention });
  const defaultProfile = select('defaultProfile', profiles.map((p) => [p, p]), s.defaultProfile);
  const form = el('form', { id: 'settings-form' },
    field('upstreams', upstreams, 'upstreamsHelp'),
    field('blockingMode', mode),
    field('blockTtl', ttl),
    field('boxName', box),
    field('defaultProfile', defaultProfile, 'defaultProfileHelp'),
    field('logRetention', retention),
    el('label', { className: 'inline' }, allowed, t('logAllowed')),
    field('allowedRetention', allowedRetention),
    el('button', { type: 'submit', className: 'admin-only' }, t('save')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { status, data } = await api('PUT', '/api/settings', {
      upstreams: upstreams.value.split(/\s+/).filter(Boolean), blockingMode: mode.value, blockTtl: Number(ttl.value),
      boxName: box.value.trim(), logRetention: Number(retention.value), logAllowed: allowed.checked,
      allowedRetention: Number(allowedRetention.value), defaultProfile: defaultProfile.value || null,
    });
    if (status !== 200) return say(problem(data));
    say(data.restartNeeded.length ? `${t('saved')} ${t('restartNeeded')}` : t('saved'), true);
  });
  return form;
}

function passwordForm() {
  const form = el('form', { id: 'password' },
    el('h3', {}, t('changePassword')),
    field('currentPassword', el('input', { name: 'current', type: 'password', autocomplete: 'current-password',
      required: true })),
    field('newPassword', el('input', { name: 'next', type: 'password', autocomplete: 'new-password', minLength: 8,
      required: true })),
    el('button', { type: 'submit' }, t('save')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    change('POST', '/api/password', { current: form.elements.namedItem('current').value,
      next: form.elements.namedItem('next').value }, () => form.reset());
  });
  return form;
}

function configFile(redraw) {
  const text = el('textarea', { name: 'yaml', rows: 8, spellcheck: false });
  const file = el('input', { type: 'file', accept: '.yml,.yaml,text/yaml' });
  file.addEventListener('change', async () => {
    if (file.files[0]) text.value = await file.files[0].text();
  });
  const form = el('form', { id: 'import', className: 'wide' },
    el('h3', {}, t('configFile')),
    el('p', {}, el('a', { href: '/api/config/export', download: 'hearth.yml', id: 'export' }, t('exportConfig'))),
    field('importConfig', text, 'importHelp'), file,
    el('button', { type: 'submit' }, t('import')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    change('POST', '/api/config/import', { yaml: text.value }, redraw);
  });
  return form;
}

async function render(section) {
  const [settings, profiles] = await Promise.all([api('GET', '/api/settings'), api('GET', '/api/profiles')]);
  if (settings.status !== 200) return settings;
  const redraw = () => render(section);
  section.replaceChildren(el('h2', {}, t('settingsTitle')),
    settingsForm(settings.data, (profiles.data.profiles ?? []).map((p) => p.name), redraw),
    el('div', { className: 'admin-only' }, passwordForm(), configFile(redraw)));
  return settings;
}

export default { render };

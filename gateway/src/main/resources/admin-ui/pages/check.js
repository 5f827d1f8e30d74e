// "Check a site": what the box would answer a device for a name, and why, in words.

import { api, categoryName, el, problem, say, select, t } from '../core.js';

function answer(result) {
  const verdict = t('verdict.' + result.verdict);
  const why = [t('reason.' + result.reason)];
  if (result.category) why.push(`${t('category')}: ${categoryName(result.category)}`);
  if (result.rule) why.push(`${t('rule')}: ${result.rule}`);
  if (result.schedule) why.push(`${t('schedule')}: ${result.schedule}`);
  return el('div', { id: 'check-result', className: 'card ' + result.verdict },
    el('h3', {}, `${result.name}: ${verdict}`),
    el('p', {}, `${t('profile')}: ${result.profile ?? ''}`),
    el('p', { className: 'reason' }, why.join(' · ')),
    el('p', { className: 'muted' }, result.text));
}

async function render(section) {
  const devices = await api('GET', '/api/devices');
  if (devices.status !== 200) return devices;
  const options = [['', t('defaultProfileDevice')]].concat(devices.data.devices.map((d) => [d.id, d.name]));
  const out = el('div', {});
  const form = el('form', { id: 'check-form' },
    el('label', {}, el('span', {}, t('siteName')), el('input', { name: 'name', required: true,
      placeholder: 'example.com', autocapitalize: 'off', spellcheck: false })),
    el('label', {}, el('span', {}, t('device')), select('device', options, '')),
    el('button', { type: 'submit' }, t('check')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { status, data } = await api('POST', '/api/check', { name: form.elements.namedItem('name').value.trim(),
      device: form.elements.namedItem('device').value });
    if (status !== 200) return say(problem(data));
    say('');
    out.replaceChildren(answer(data));
  });
  section.replaceChildren(el('h2', {}, t('checkTitle')), el('p', {}, t('checkHelp')), form, out);
  return devices;
}

export default { render };

// The admin page: first-run setup, sign-in, the blocked-lookup log. No build step, no framework.
// Every text from the server or the log goes in through textContent, never parsed as markup: the log holds
// names that anyone on the network can make a device look up.

const $ = (selector) => document.querySelector(selector);
let strings = {};
let csrf = null;
let next = null;

async function loadLanguage(lang) {
  const response = await fetch(`/${lang === 'km' ? 'km' : 'en'}.json`);
  strings = await response.json();
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const text = strings[element.dataset.i18n];
    if (text) element.textContent = text;
  }
  $('#language').value = lang;
}

function say(text, ok = false) {
  const message = $('#message');
  message.textContent = text;
  message.className = ok ? 'ok' : '';
  message.hidden = !text;
}

async function api(method, path, body) {
  const headers = {};
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrf) headers['X-Hearth-Csrf'] = csrf;
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
  } catch (e) {
    say(strings.unreachable);
    throw e;
  }
  const data = response.status === 204 ? {} : await response.json();
  if (data.csrf) csrf = data.csrf;
  return { status: response.status, data };
}

function show(view) {
  for (const id of ['setup', 'login', 'log']) $('#' + id).hidden = id !== view;
  $('#logout').hidden = view !== 'log';
}

async function start() {
  const { status, data } = await api('GET', '/api/session');
  if (status === 200) {
    show('log');
    await loadDevices();
    await loadEntries(true);
    await loadUnknown();
    await loadSummary();
    await loadPauses();
  } else {
    show(data.setupNeeded ? 'setup' : 'login');
  }
}

async function loadDevices() {
  const { data } = await api('GET', '/api/devices');
  const select = $('#filter select[name=device]');
  while (select.options.length > 1) select.remove(1);
  const ids = [];
  for (const device of data.devices ?? []) {
    const option = document.createElement('option');
    option.value = device.id;
    option.textContent = device.name;
    select.append(option);
    ids.push(device.id);
  }
  const unknown = await api('GET', '/api/devices/unknown');
  for (const device of unknown.data.devices ?? []) ids.push(device.id);
  $('#device-ids').replaceChildren(...ids.map((id) => {
    const option = document.createElement('option');
    option.value = id;
    return option;
  }));
}

async function loadPauses() {
  const { status, data } = await api('GET', '/api/pauses');
  if (status !== 200) return;
  $('#pauses').replaceChildren(...data.pauses.map((p) => {
    const item = document.createElement('li');
    const text = document.createElement('span');
    text.textContent = `${p.device}: ${strings.pausedUntil} ${when(p.until)} `;
    const end = document.createElement('button');
    end.type = 'button';
    end.textContent = strings.endPause;
    end.addEventListener('click', async () => {
      const { status: ended, data: refused } = await api('POST', '/api/pauses/end', { device: p.device });
      if (ended >= 400) say(problem(refused));
      await loadPauses();
    });
    item.append(text, end);
    return item;
  }));
}

// reliab3: a bidi control in a name (a DHCP host name, a log entry) would show "moc.elpmaxe" as
// "example.com" or reorder the text after it; no real name has one, so each shows as <U+202E>.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const visible = (text) => String(text ?? '').replace(BIDI_CONTROLS,
  (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);

function row(texts) {
  const tr = document.createElement('tr');
  for (const text of texts) {
    const cell = document.createElement('td');
    cell.textContent = visible(text);
    tr.append(cell);
  }
  return tr;
}

const when = (instant) => new Date(instant).toLocaleString(document.documentElement.lang);

async function loadUnknown() {
  const { status, data } = await api('GET', '/api/devices/unknown');
  if (status !== 200) return;
  $('#unknown').replaceChildren(...data.devices.map((d) => row([when(d.lastSeen), d.hostname, d.ip, d.mac])));
}

const isoDay = (date) => [date.getFullYear(), String(date.getMonth() + 1).padStart(2, '0'),
  String(date.getDate()).padStart(2, '0')].join('-');

async function loadSummary() {
  const to = new Date();
  const from = new Date(to.getFullYear(), to.getMonth(), to.getDate() - 6);
  const params = new URLSearchParams({ from: isoDay(from), to: isoDay(to) });
  const device = new FormData($('#filter')).get('device');
  if (device) params.set('device', device);
  const { status, data } = await api('GET', '/api/summary?' + params);
  if (status !== 200) return;
  $('#top-categories').replaceChildren(...data.categories.map((c) => {
    const item = document.createElement('li');
    item.textContent = `${c.category}: ${c.blocked}`;
    return item;
  }));
  const most = Math.max(1, ...data.days.map((d) => d.blocked));
  $('#days').replaceChildren(...data.days.map((d) => {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = `${d.day}: ${d.blocked}`;
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = `${(100 * d.blocked) / most}%`; // CSSOM, which the page's CSP allows
    item.append(label, bar);
    return item;
  }));
}

async function loadEntries(fresh) {
  const form = new FormData($('#filter'));
  const params = new URLSearchParams();
  for (const [key, value] of form) if (value) params.set(key, value);
  if (!fresh && next) params.set('after', next);
  const { status, data } = await api('GET', '/api/blocked?' + params);
  if (status === 401) return show('login');
  if (status !== 200) return say(problem(data));
  const body = $('#entries');
  if (fresh) body.replaceChildren();
  for (const entry of data.entries) {
    body.append(row([when(entry.time), entry.deviceName || entry.client, entry.name, entry.categories.join(', ')]));
  }
  next = data.next;
  $('#more').hidden = !next;
  $('#empty').hidden = body.children.length > 0;
}

// The server's English message stands in only where the page has no text for its code.
const problem = (data) => strings['error.' + data.code] ?? data.error;

async function submit(form, path, body, then) {
  const { status, data } = await api('POST', path, body);
  if (status >= 400) {
    say(problem(data));
  } else {
    say('');
    form.reset();
    await then();
  }
}

$('#setup').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  if (form.password.value !== form.repeat.value) return say(strings.passwordsDiffer);
  submit(form, '/api/setup', { code: form.code.value, password: form.password.value }, start);
});

$('#login').addEventListener('submit', (event) => {
  event.preventDefault();
  submit(event.target, '/api/login', { password: event.target.password.value }, start);
});

$('#password').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  submit(form, '/api/password', { current: form.current.value, next: form.next.value },
      async () => say(strings.saved, true));
});

$('#pause').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  submit(form, '/api/pauses', { device: form.device.value, minutes: Number(form.minutes.value) }, loadPauses);
});

$('#filter').addEventListener('submit', (event) => {
  event.preventDefault();
  loadEntries(true);
  loadSummary();
});

$('#more').addEventListener('click', () => loadEntries(false));

$('#logout').addEventListener('click', async () => {
  await api('POST', '/api/logout');
  csrf = null;
  show('login');
});

$('#language').addEventListener('change', async (event) => {
  localStorage.setItem('hearth.lang', event.target.value);
  await loadLanguage(event.target.value);
});

await loadLanguage(localStorage.getItem('hearth.lang')
    ?? (navigator.language.startsWith('km') ? 'km' : 'en'));
await start();

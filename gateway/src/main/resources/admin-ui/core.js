// What every page shares: texts in the reader's language, calls to the API, and building the page
// from elements. Everything from the server or the log goes in as text (textContent, text nodes),
// never parsed as markup: device names and the names in the log are anyone's to make up.

export const $ = (selector, root = document) => root.querySelector(selector);

let strings = {};
let csrf = null;
let role = null;

/** The text for `key` in the reader's language; the key itself if a file lacks it. */
export const t = (key, fallback) => strings[key] ?? fallback ?? key;

export async function loadLanguage(lang) {
  const response = await fetch(`/${lang === 'km' ? 'km' : 'en'}.json`);
  strings = await response.json();
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const text = strings[element.dataset.i18n];
    if (text) element.textContent = text;
  }
  $('#language').value = lang;
}

export function say(text, ok = false) {
  const message = $('#message');
  message.textContent = text;
  message.className = ok ? 'ok' : '';
  message.hidden = !text;
}

export const setSession = (data) => {
  if (data.csrf) csrf = data.csrf;
  if (data.role) role = data.role;
};
export const endSession = () => { csrf = null; role = null; };
export const isAdmin = () => role === null || role === 'ADMIN' || role === 'admin';

/** One call: `{status, data}`; a 404 is a call this box does not have yet (`data.missing`). */
export async function api(method, path, body) {
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
    say(t('unreachable'));
    throw e;
  }
  let data = {};
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch (e) {
      data = {};
    }
  }
  if (response.status === 404 && !data.error) data.missing = true;
  setSession(data);
  return { status: response.status, data };
}

/** The server's refusal in the reader's words: its code's text, else its English, with each problem. */
export function problem(data) {
  const text = strings['error.' + data.code] ?? data.error ?? t('failed');
  return data.problems?.length ? `${text}: ${data.problems.join('; ')}` : text;
}

/** Runs a change and says how it went; `then` runs after a success. */
export async function change(method, path, body, then) {
  const { status, data } = await api(method, path, body);
  if (status >= 400) {
    say(problem(data));
    return false;
  }
  say(t('saved'), true);
  if (then) await then(data);
  return true;
}

// A bidi control in a name (a DHCP host name, a log entry) would show "moc.elpmaxe" as
// "example.com" or reorder the text after it; no real name has one, so each shows as <U+202E>.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
export const visible = (text) => String(text ?? '').replace(BIDI_CONTROLS,
  (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);

/**
 * An element: `el('td', {className: 'x'}, 'text', child)`. Strings become text nodes, never markup.
 * Props go through the DOM's own properties (textContent, value, checked, type, ...) or dataset.
 */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else if (key === 'data') {
      Object.assign(element.dataset, value);
    } else {
      element[key] = value;
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? visible(child) : child);
  }
  return element;
}

/** A table row of plain texts. */
export const row = (texts) => el('tr', {}, texts.map((text) => el('td', {}, text ?? '')));

export const when = (instant) => (instant ? new Date(instant).toLocaleString(document.documentElement.lang) : '');

export const isoDay = (date) => [date.getFullYear(), String(date.getMonth() + 1).padStart(2, '0'),
  String(date.getDate()).padStart(2, '0')].join('-');

/** A select of `[value, label]` pairs. */
export function select(name, options, chosen) {
  return el('select', { name }, options.map(([value, label]) => el('option', { value, selected: value === chosen },
    label)));
}

/** The "this box does not have that yet" note a page shows when its endpoint answers 404. */
export const unavailable = () => el('p', { className: 'unavailable' }, t('notAvailable'));

/** A category's plain-language name, from the message files (custom categories show their id). */
export const categoryName = (id) => strings['cat.' + id] ?? id;
export const categoryAbout = (id) => strings['cat.' + id + '.about'] ?? '';

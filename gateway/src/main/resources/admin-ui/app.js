// The admin page: first-run setup, sign-in, and one page per part of the box, each its own module in
// pages/. No build step, no framework. Pages build their content from elements and text nodes only
// (core.js): device names and looked-up names are anyone's to make up, so nothing becomes markup.

import { $, api, endSession, isAdmin, loadLanguage, problem, say, setSession, t } from './core.js';
import dashboard from './pages/dashboard.js';
import devices from './pages/devices.js';
import profiles from './pages/profiles.js';
import check from './pages/check.js';
import log from './pages/log.js';
import requests from './pages/requests.js';
import lists from './pages/lists.js';
import settings from './pages/settings.js';
import users from './pages/users.js';
import audit from './pages/audit.js';

const PAGES = { dashboard, devices, profiles, check, log, requests, lists, settings, users, audit };
let signedIn = false;

function show(view) {
  for (const id of ['setup', 'login']) $('#' + id).hidden = id !== view;
  signedIn = view === 'app';
  $('#nav').hidden = !signedIn;
  $('#logout').hidden = !signedIn;
  document.body.classList.toggle('viewer', signedIn && !isAdmin());
  if (!signedIn) for (const section of document.querySelectorAll('section.page')) section.hidden = true;
}

/** Shows the page the address names (#devices, ...), the dashboard by default. */
async function route() {
  if (!signedIn) return;
  const id = PAGES[location.hash.slice(1)] ? location.hash.slice(1) : 'dashboard';
  for (const section of document.querySelectorAll('section.page')) section.hidden = section.id !== id;
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('current', link.getAttribute('href') === '#' + id);
  }
  say('');
  const section = $('#' + id);
  const result = await PAGES[id].render(section) ?? {};
  if (result.status === 401) show('login');
  else if (result.status >= 400 && result.status !== 404) say(problem(result.data ?? {}));
}

async function start() {
  const { status, data } = await api('GET', '/api/session');
  if (status === 200) {
    show('app');
    await route();
  } else {
    show(data.setupNeeded ? 'setup' : 'login');
  }
}

async function submit(form, path, body, then) {
  const { status, data } = await api('POST', path, body);
  if (status >= 400) {
    say(problem(data));
  } else {
    say('');
    form.reset();
    setSession(data);
    await then();
  }
}

$('#setup').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  if (form.password.value !== form.repeat.value) return say(t('passwordsDiffer'));
  submit(form, '/api/setup', { code: form.code.value, password: form.password.value }, start);
});

$('#login').addEventListener('submit', (event) => {
  event.preventDefault();
  // adminx: accounts have names now; an empty name means "admin", as the server reads it too.
  const form = event.target;
  submit(form, '/api/login', { name: form.user.value.trim() || 'admin', password: form.password.value }, start);
});

$('#logout').addEventListener('click', async () => {
  await api('POST', '/api/logout');
  endSession();
  show('login');
});

$('#language').addEventListener('change', async (event) => {
  localStorage.setItem('hearth.lang', event.target.value);
  await loadLanguage(event.target.value);
  await route(); // pages build their texts when drawn: draw again in the new language
});

window.addEventListener('hashchange', route);

await loadLanguage(localStorage.getItem('hearth.lang')
    ?? (navigator.language.startsWith('km') ? 'km' : 'en'));
await start();

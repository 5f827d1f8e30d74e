// Users: who may sign in, as an admin (changes everything) or a viewer (reads the log and statistics).

import { api, change, el, select, t, unavailable } from '../core.js';

const ROLES = () => [['admin', t('role.admin')], ['viewer', t('role.viewer')]];

function user(u, redraw) {
  const password = el('input', { type: 'password', name: 'password', minLength: 8, autocomplete: 'new-password',
    placeholder: t('newPassword') });
  return el('li', { className: 'card user', data: { name: u.name } },
    el('h3', {}, `${u.name} (${t('role.' + String(u.role).toLowerCase())})`),
    el('p', { className: 'row admin-only' }, password,
      el('button', { type: 'button', on: { click: () => change('POST',
        `/api/users/${encodeURIComponent(u.name)}/password`, { password: password.value }, redraw) } },
      t('setPassword')),
      el('button', { type: 'button', className: 'secondary', on: { click: () => {
        if (window.confirm(t('removeUserConfirm'))) change('DELETE', '/api/users/' + encodeURIComponent(u.name), {}, redraw);
      } } }, t('remove'))));
}

async function render(section) {
  const users = await api('GET', '/api/users');
  section.replaceChildren(el('h2', {}, t('usersTitle')), el('p', {}, t('usersHelp')));
  if (users.status === 404) {
    section.append(unavailable());
    return users;
  }
  if (users.status !== 200) return users;
  const redraw = () => render(section);
  const form = el('form', { id: 'new-user', className: 'admin-only' },
    el('h3', {}, t('addUser')),
    el('label', {}, el('span', {}, t('userName')), el('input', { name: 'uname', required: true, maxLength: 64 })),
    el('label', {}, el('span', {}, t('role')), select('role', ROLES(), 'viewer')),
    el('label', {}, el('span', {}, t('password')), el('input', { name: 'password', type: 'password', minLength: 8,
      required: true, autocomplete: 'new-password' })),
    el('button', { type: 'submit' }, t('addUser')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const valueOf = (name) => form.elements.namedItem(name).value;
    change('POST', '/api/users', { name: valueOf('uname').trim(), role: valueOf('role'), password: valueOf('password') },
      redraw);
  });
  section.append(el('ul', { className: 'cards' }, users.data.users.map((u) => user(u, redraw))), form);
  return users;
}

export default { render };

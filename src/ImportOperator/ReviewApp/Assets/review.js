// The review page's only script (served by the app itself; the CSP allows no other). It pages the grid through
// the server, saves cell edits and deletions, and finishes the import. Every write carries the CSRF token that the
// server put in <meta name="review-csrf">.
(function () {
  'use strict';

  const csrf = (document.querySelector('meta[name="review-csrf"]') || {}).content || '';
  const base = location.pathname.replace(/\/+$/, '');

  const grid = document.getElementById('grid');
  if (!grid) return;

  const body = grid.tBodies[0];
  const columns = Array.from(grid.tHead.rows[0].cells).filter(function (th) { return th.dataset.key; })
    .map(function (th) { return { key: th.dataset.key, label: th.dataset.label, readOnly: th.dataset.readonly === 'true' }; });
  const pageSize = parseInt(grid.dataset.pageSize, 10) || 50;
  const errorsOnly = document.getElementById('errors-only');
  const prev = document.getElementById('prev');
  const next = document.getElementById('next');
  const pageInfo = document.getElementById('page-info');
  const counts = document.getElementById('counts');
  const notice = document.getElementById('notice');
  const finish = document.getElementById('finish');
  let start = 0;
  let total = 0;

  function say(text, kind) {
    notice.textContent = text;
    notice.className = 'notice' + (kind ? ' ' + kind : '');
    notice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  }

  async function call(method, path, payload) {
    const init = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET') {
      init.headers['X-Review-Csrf'] = csrf;
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(payload || {});
    }
    const response = await fetch(base + path, init);
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok) throw new Error((data && data.error) || ('The server answered ' + response.status + '.'));
    return data;
  }

  function messageList(messages, id) {
    const list = document.createElement('ul');
    list.className = 'msgs';
    list.id = id;
    messages.forEach(function (m) {
      const item = document.createElement('li');
      item.className = m.level;
      item.textContent = m.text;
      list.appendChild(item);
    });
    return list;
  }

  function renderRow(row) {
    const tr = document.createElement('tr');
    tr.dataset.index = String(row.index);
    if (row.hasError) tr.classList.add('invalid');
    const head = document.createElement('th');
    head.scope = 'row';
    head.textContent = String(row.index + 1);
    if (row.rowMessages.length) head.appendChild(messageList(row.rowMessages, 'rm-' + row.index));
    tr.appendChild(head);
    const byKey = {};
    row.cells.forEach(function (c) { byKey[c.key] = c; });
    columns.forEach(function (column) {
      const cell = byKey[column.key] || { value: '', messages: [] };
      const td = document.createElement('td');
      td.dataset.key = column.key;
      const input = document.createElement('input');
      input.type = 'text';
      input.className = 'cell';
      input.value = cell.value;
      input.dataset.saved = cell.value;
      input.setAttribute('aria-label', column.label + ', row ' + (row.index + 1));
      if (column.readOnly) input.readOnly = true;
      td.appendChild(input);
      const errors = cell.messages.filter(function (m) { return m.level === 'error'; });
      if (cell.messages.length) {
        const id = 'm-' + row.index + '-' + column.key;
        td.appendChild(messageList(cell.messages, id));
        input.setAttribute('aria-describedby', id);
      }
      if (errors.length) {
        td.classList.add('has-error');
        input.setAttribute('aria-invalid', 'true');
      } else if (cell.messages.length) {
        td.classList.add('has-note');
      }
      input.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') { event.preventDefault(); save(input, row.index, column.key); }
        if (event.key === 'Escape') { input.value = input.dataset.saved; }
      });
      input.addEventListener('change', function () { save(input, row.index, column.key); });
      tr.appendChild(td);
    });
    const actions = document.createElement('td');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'delete';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', 'Delete row ' + (row.index + 1));
    remove.addEventListener('click', function () { removeRow(row.index); });
    actions.appendChild(remove);
    tr.appendChild(actions);
    return tr;
  }

  async function load() {
    try {
      const page = await call('GET', '/api/rows?start=' + start + '&size=' + pageSize + (errorsOnly.checked ? '&errors=1' : ''));
      total = page.total;
      if (start > 0 && start >= total) { start = Math.max(0, Math.floor((total - 1) / pageSize) * pageSize); return load(); }
      body.replaceChildren.apply(body, page.rows.map(renderRow));
      if (!page.rows.length) {
        const tr = document.createElement('tr');
        const td = document.createElement('td');
        td.colSpan = columns.length + 2;
        td.className = 'empty';
        td.textContent = errorsOnly.checked ? 'No rows have errors.' : 'There are no rows.';
        tr.appendChild(td);
        body.appendChild(tr);
      }
      const last = Math.min(total, start + page.rows.length);
      pageInfo.textContent = total ? ('Rows ' + (start + 1) + '–' + last + ' of ' + total.toLocaleString('en')) : '0 rows';
      counts.textContent = page.totalRows.toLocaleString('en') + ' rows, ' + page.rowsWithErrors.toLocaleString('en') + ' with errors';
      counts.dataset.errors = String(page.rowsWithErrors);
      prev.disabled = start === 0;
      next.disabled = start + pageSize >= total;
    } catch (e) {
      say(e.message, 'error');
    }
  }

  async function save(input, index, key) {
    if (input.value === input.dataset.saved) return;
    const values = {};
    values[key] = input.value;
    // Enter and the change event that follows it must send one edit, not two: row hooks run on every edit.
    const previous = input.dataset.saved;
    input.dataset.saved = input.value;
    input.disabled = true;
    try {
      const row = await call('POST', '/api/rows/' + index, { values: values });
      const old = body.querySelector('tr[data-index="' + index + '"]');
      const fresh = renderRow(row);
      old.replaceWith(fresh);
      const again = fresh.querySelector('td[data-key="' + CSS.escape(key) + '"] input');
      if (again && document.activeElement === document.body) again.focus();
      say(row.hasError ? 'Row ' + (index + 1) + ' saved; it still has errors.' : 'Row ' + (index + 1) + ' saved; it has no errors.', row.hasError ? 'warn' : 'ok');
      refreshCounts();
    } catch (e) {
      input.dataset.saved = previous;
      input.disabled = false;
      say(e.message, 'error');
    }
  }

  async function refreshCounts() {
    try {
      const page = await call('GET', '/api/rows?start=0&size=1');
      counts.textContent = page.totalRows.toLocaleString('en') + ' rows, ' + page.rowsWithErrors.toLocaleString('en') + ' with errors';
      counts.dataset.errors = String(page.rowsWithErrors);
    } catch (e) { /* the next page load shows the problem */ }
  }

  async function removeRow(index) {
    if (!window.confirm('Delete row ' + (index + 1) + '? It will not be imported.')) return;
    try {
      await call('POST', '/api/rows/' + index + '/delete');
      say('Row ' + (index + 1) + ' deleted.', 'ok');
      await load();
      const first = body.querySelector('input, button');
      if (first) first.focus();
    } catch (e) {
      say(e.message, 'error');
    }
  }

  finish.addEventListener('click', async function () {
    finish.disabled = true;
    say('Finishing…');
    try {
      const result = await call('POST', '/api/finish');
      if (result.state === 'finished') {
        const main = document.getElementById('main');
        const panel = document.createElement('section');
        panel.className = 'panel done';
        panel.id = 'finished';
        const title = document.createElement('h1');
        title.textContent = 'Import finished';
        const text = document.createElement('p');
        text.textContent = result.message;
        panel.append(title, text);
        main.replaceChildren(panel);
        main.focus();
        return;
      }
      say(result.message, result.state === 'cancelled' ? 'error cancelled' : 'error');
      notice.focus();
    } catch (e) {
      say(e.message, 'error');
    }
    finish.disabled = false;
  });

  notice.tabIndex = -1;
  errorsOnly.addEventListener('change', function () { start = 0; load(); });
  prev.addEventListener('click', function () { start = Math.max(0, start - pageSize); load(); });
  next.addEventListener('click', function () { if (start + pageSize < total) { start += pageSize; load(); } });
  load();
})();

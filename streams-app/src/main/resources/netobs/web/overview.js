// The overview: one row per (target, probe type) from /api/status, problems first, sortable by any
// column and filterable; refreshed every few seconds without reloading the page.
'use strict';

(() => {
  const {el, time, ago, ms, ratio, percent, badge, targetHref} = netobs;
  const STATES = ['down', 'silent', 'degraded', 'up'];
  const rank = row => STATES.indexOf(String(row.state).toLowerCase());
  const KEYS = {
    state: rank,
    target: r => r.target,
    type: r => r.type,
    availability: r => r.availability,
    recentAvailability: r => r.recent_availability,
    p50: r => r.latency_p50_ms,
    p99: r => r.latency_p99_ms,
    loss: r => r.packet_loss_percent,
    lastResult: r => r.last_result_ms,
  };
  const table = document.getElementById('overview');
  const body = table.querySelector('tbody');
  const filter = document.getElementById('filter');
  const stateFilter = document.getElementById('state-filter');
  const typeFilter = document.getElementById('type-filter');
  let rows = [];
  let sort = {key: 'state', dir: 1};

  function compare(a, b) {
    const va = KEYS[sort.key](a);
    const vb = KEYS[sort.key](b);
    // Missing values sort last whatever the direction: a row without data is not "the best".
    if (va === null || va === undefined) {
      return vb === null || vb === undefined ? tieBreak(a, b) : 1;
    }
    if (vb === null || vb === undefined) {
      return -1;
    }
    const c = typeof va === 'string' ? va.localeCompare(vb) : va - vb;
    return c !== 0 ? sort.dir * c : tieBreak(a, b);
  }

  function tieBreak(a, b) {
    return rank(a) - rank(b) || a.target.localeCompare(b.target) || a.type.localeCompare(b.type);
  }

  function visible(row) {
    const state = String(row.state).toLowerCase();
    const wanted = stateFilter.value;
    if (wanted === 'problems' ? state === 'up' : wanted && wanted !== state) {
      return false;
    }
    if (typeFilter.value && typeFilter.value !== row.type) {
      return false;
    }
    const text = filter.value.trim().toLowerCase();
    return !text || [row.target, row.type, state, ...(row.reasons || [])].join(' ').toLowerCase().includes(text);
  }

  function cell(label, content, attrs) {
    return el('td', Object.assign({'data-label': label}, attrs || {}), content);
  }

  function render() {
    const shown = rows.filter(visible).sort(compare);
    body.replaceChildren(...shown.map(r => el('tr', {
      'data-target': r.target, 'data-type': r.type, 'data-state': String(r.state).toLowerCase(),
    },
    cell('State', badge(r.state)),
    cell('Target', el('a', {href: targetHref(r.target)}, r.target), {class: 'target'}),
    cell('Probe', r.type),
    cell('Avail. window', ratio(r.availability),
        {title: r.window_start_ms ? 'window ' + time(r.window_start_ms) + '–' + time(r.window_end_ms) : null}),
    cell('Avail. 1 h', ratio(r.recent_availability),
        {title: r.recent_since_ms ? r.recent_results + ' results since ' + time(r.recent_since_ms) : null}),
    cell('p50', ms(r.latency_p50_ms)),
    cell('p99', ms(r.latency_p99_ms)),
    cell('Loss', percent(r.packet_loss_percent)),
    cell('Last result', r.last_result_ms ? ago(r.last_result_ms) : '–',
        {title: r.last_result_ms ? time(r.last_result_ms) + ' ' + (r.last_status || '') : null}),
    cell('Why', (r.reasons || []).join('; '), {class: 'why'}))));
    document.getElementById('empty').hidden = rows.length > 0;
    table.querySelectorAll('th[data-sort]').forEach(th => {
      th.setAttribute('aria-sort', th.dataset.sort !== sort.key ? 'none' : sort.dir > 0 ? 'ascending' : 'descending');
    });
  }

  function summarize() {
    const counts = Object.fromEntries(STATES.map(s => [s, 0]));
    rows.forEach(r => counts[String(r.state).toLowerCase()]++);
    document.getElementById('summary').replaceChildren(...STATES.map(s => el('button', {
      type: 'button', class: 'count ' + s, 'data-state': s, 'aria-pressed': String(stateFilter.value === s),
    }, el('strong', {}, counts[s]), ' ' + s)));
    const types = [...new Set(rows.map(r => r.type))].sort();
    const chosen = typeFilter.value;
    typeFilter.replaceChildren(el('option', {value: ''}, 'every probe'),
        ...types.map(t => el('option', {value: t, selected: t === chosen}, t)));
  }

  table.querySelector('thead').addEventListener('click', e => {
    const th = e.target.closest('th[data-sort]');
    if (th) {
      sort = {key: th.dataset.sort, dir: sort.key === th.dataset.sort ? -sort.dir : 1};
      render();
    }
  });
  document.getElementById('summary').addEventListener('click', e => {
    const b = e.target.closest('button[data-state]');
    if (b) {
      stateFilter.value = stateFilter.value === b.dataset.state ? '' : b.dataset.state;
      summarize();
      render();
    }
  });
  document.getElementById('filters').addEventListener('submit', e => e.preventDefault());
  [filter, stateFilter, typeFilter].forEach(i => i.addEventListener('input', render));

  netobs.poll(async () => {
    rows = await netobs.getJson('/api/status');
    summarize();
    render();
  });
})();

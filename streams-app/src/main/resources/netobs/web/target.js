// One target: per probe type, its state (from /api/status), charts of the retained closed windows
// (/api/history/<target>) across canaries and per canary, and each canary's latest values
// (/api/targets/<target>): HTTP phases, certificate expiry, DNS answers; for traceroute, each canary's
// current path (/api/paths/<target>, drawn by paths.js).
'use strict';

(() => {
  const {el, time, ago, ms, ratio, percent, badge, getJson, pathOf} = netobs;
  const target = new URLSearchParams(location.search).get('target');
  const probes = document.getElementById('probes');
  const missing = document.getElementById('missing');
  const sections = new Map();

  document.getElementById('title').textContent = target || 'no target given';
  document.title = 'netobs · ' + (target || 'target');

  async function orNull(promise) {
    try {
      return await promise;
    } catch (e) {
      if (e.status === 404) {
        return null;
      }
      throw e;
    }
  }

  function section(type) {
    if (!sections.has(type)) {
      const s = {
        root: el('section', {class: 'probe', 'data-type': type, id: 'probe-' + type}),
        head: el('h2', {}), reasons: el('p', {class: 'reasons'}), facts: el('dl', {class: 'facts'}),
        charts: {
          latency: el('div', {class: 'chart'}), availability: el('div', {class: 'chart'}), loss: el('div', {class: 'chart'}),
        },
        details: el('div', {class: 'details'}),
      };
      s.lossFigure = el('figure', {hidden: true}, el('figcaption', {}, 'Packet loss (mean per window)'), s.charts.loss);
      s.root.append(s.head, s.reasons, s.facts, el('div', {class: 'charts'},
          el('figure', {}, el('figcaption', {}, 'Latency quantiles (solid: all canaries; dashed: p50 per canary)'),
              s.charts.latency),
          el('figure', {}, el('figcaption', {}, 'Availability per window'), s.charts.availability),
          s.lossFigure), s.details);
      probes.append(s.root);
      sections.set(type, s);
    }
    return sections.get(type);
  }

  function fact(name, value, title) {
    return el('div', {}, el('dt', {}, name), el('dd', {title: title || null}, value));
  }

  function renderStatus(s, type, st) {
    s.head.replaceChildren(type, ' ', st ? badge(st.state) : '');
    s.reasons.textContent = st && st.reasons.length ? st.reasons.join('; ') : '';
    s.facts.replaceChildren(...(st ? [
      fact('availability, latest window', ratio(st.availability),
          st.window_start_ms ? time(st.window_start_ms) + '–' + time(st.window_end_ms) : null),
      fact('availability, last hour', ratio(st.recent_availability),
          st.recent_since_ms ? st.recent_results + ' results since ' + time(st.recent_since_ms) : null),
      fact('p50 / p99', ms(st.latency_p50_ms) + ' / ' + ms(st.latency_p99_ms)),
      fact('canaries reporting', st.canaries_reporting + ' of ' + st.canaries),
      fact('last result', st.last_result_ms ? ago(st.last_result_ms) + ' (' + st.last_status + ')' : '–',
          time(st.last_result_ms)),
    ] : []));
  }

  function renderCharts(s, type, windows) {
    const canaries = [...new Set(windows.filter(w => w.canary_id).map(w => w.canary_id))].sort();
    const perCanary = (prefix, value) => canaries.map(c => ({label: prefix + c, canary: c, value, dash: true}));
    const latency = [
      {label: 'p50', canary: null, value: w => w.latency_p50_ms},
      {label: 'p90', canary: null, value: w => w.latency_p90_ms},
      {label: 'p99', canary: null, value: w => w.latency_p99_ms},
      ...perCanary('p50 ', w => w.latency_p50_ms),
    ];
    netobsCharts.draw(s.charts.latency, 'latency-' + type, latency, netobsCharts.columns(windows, latency), 'ms', null);
    const avail = [{label: 'all canaries', canary: null, value: w => 100 * w.availability},
      ...perCanary('', w => 100 * w.availability)];
    netobsCharts.draw(s.charts.availability, 'availability-' + type, avail, netobsCharts.columns(windows, avail),
        '%', [0, 100]);
    const hasLoss = windows.some(w => w.packet_loss_mean_percent !== undefined && w.packet_loss_mean_percent !== null);
    s.lossFigure.hidden = !hasLoss;
    if (hasLoss) {
      const loss = [{label: 'all canaries', canary: null, value: w => w.packet_loss_mean_percent},
        ...perCanary('', w => w.packet_loss_mean_percent)];
      netobsCharts.draw(s.charts.loss, 'loss-' + type, loss, netobsCharts.columns(windows, loss), '%', [0, 100]);
    }
  }

  function table(caption, head, rows) {
    return el('div', {class: 'table-wrap'}, el('table', {class: 'compact'}, el('caption', {}, caption),
        el('thead', {}, el('tr', {}, head.map(h => el('th', {}, h)))),
        el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => el('td', {}, c)))))));
  }

  function phases(p) {
    const names = ['dns', 'connect', 'tls', 'first_byte', 'transfer'];
    const total = p.total || names.reduce((n, k) => n + (p[k] || 0), 0);
    const bar = el('div', {class: 'phasebar', title: names.map(k => k + ' ' + ms(p[k])).join(', ')},
        names.filter(k => p[k] > 0).map(k => {
          const seg = el('span', {class: 'phase ' + k});
          seg.style.width = (100 * p[k] / total).toFixed(1) + '%';
          return seg;
        }));
    return [...names.map(k => ms(p[k])), ms(p.total), bar];
  }

  function certExpiry(seconds) {
    if (!seconds) {
      return '–';
    }
    const days = Math.floor((seconds * 1000 - Date.now()) / 86400000);
    return el('span', {class: days < 0 ? 'bad' : days < 14 ? 'warn' : null},
        new Date(seconds * 1000).toISOString().slice(0, 10) + (days < 0 ? ' (expired)' : ' (in ' + days + ' days)'));
  }

  function renderDetails(s, type, series, paths) {
    const parts = [table('Canaries (latest result)', ['canary', 'pop', 'last result', 'status', 'latency', 'totals', 'error'],
        series.map(c => [c.canary_id, c.pop || '–', c.last_result_ms ? ago(c.last_result_ms) : '–', c.last_status || '–',
          ms(c.latency_ms), Object.entries(c.status_totals || {}).filter(([, n]) => n > 0).map(([k, n]) => k + ' ' + n)
              .join(', '), c.last_error || '']))];
    if (type === 'http') {
      parts.push(table('HTTP (latest result)', ['canary', 'status', 'size', 'content match', 'certificate expires'],
          series.map(c => [c.canary_id, c.http_status_code || '–',
            c.http_response_size_bytes === undefined ? '–' : c.http_response_size_bytes + ' B',
            c.http_content_match === 1 ? 'yes' : c.http_content_match === 0 ? 'NO' : 'not checked',
            certExpiry(c.cert_expiry_timestamp_seconds)])));
      parts.push(table('HTTP phases (latest result)', ['canary', 'dns', 'connect', 'tls', 'first byte', 'transfer',
        'total', ''], series.filter(c => c.http_phases_ms).map(c => [c.canary_id, ...phases(c.http_phases_ms)])));
    }
    if (type === 'dns') {
      parts.push(table('DNS (latest answer)', ['canary', 'rcode', 'answers'],
          series.map(c => [c.canary_id, c.dns_rcode || '–', (c.dns_answers || []).join(', ') || '–'])));
    }
    if (type === 'ping') {
      parts.push(table('Ping (latest result)', ['canary', 'packet loss'],
          series.map(c => [c.canary_id, percent(c.packet_loss_percent)])));
    }
    if (type === 'traceroute') {
      parts.push(...netobsPaths.render(paths));
    }
    s.details.replaceChildren(...parts);
  }

  if (!target) {
    missing.hidden = false;
    missing.textContent = 'No target given: open this page from the overview.';
    return;
  }
  netobs.poll(async () => {
    const [view, history, status] = await Promise.all([
      orNull(getJson('/api/targets/' + pathOf(target))),
      orNull(getJson('/api/history/' + pathOf(target))),
      getJson('/api/status'),
    ]);
    missing.hidden = view !== null;
    missing.textContent = view === null ? 'No data for this target (yet): it has no series in the streams app.' : '';
    const rows = status.filter(r => r.target === target);
    const windows = history ? history.windows : [];
    const types = [...new Set([...rows.map(r => r.type), ...(view ? view.series.map(c => c.type) : [])])].sort();
    // Asked only of traced targets: any other would answer 404 every poll.
    const paths = types.includes('traceroute') ? await orNull(getJson('/api/paths/' + pathOf(target))) : null;
    types.forEach(type => {
      const s = section(type);
      renderStatus(s, type, rows.find(r => r.type === type));
      renderCharts(s, type, windows.filter(w => w.type === type));
      renderDetails(s, type, view ? view.series.filter(c => c.type === type) : [], paths);
    });
  });
})();

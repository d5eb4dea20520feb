// BGP: the monitored prefixes (/api/bgp/prefixes) with their peers, origins and upstreams, the events
// open now, and the events this page saw close (the app does not keep closed events).
'use strict';

(() => {
  const {el, time, ago} = netobs;
  const MAX_CLOSED = 50;
  /** id -> event, as of the previous refresh; null before the first one. */
  let previous = null;
  let previousAt = null;
  const closed = [];

  const asns = list => (list && list.length ? list.map(a => 'AS' + a).join(', ') : '–');

  function origins(list) {
    if (!list.length) {
      return '–';
    }
    return list.map(o => el('span', {class: o.expected ? 'origin' : 'origin bad', title: o.expected ? null : 'not expected'},
        'AS' + o.origin + ' (' + o.peers + ')')).reduce((acc, e, i) => acc.concat(i ? [', ', e] : [e]), []);
  }

  function eventRow(e) {
    return el('tr', {'data-event-id': e.id, 'data-kind': e.kind, 'data-prefix': e.prefix},
        el('td', {}, el('span', {class: 'severity ' + e.severity}, e.severity)),
        el('td', {}, e.kind),
        el('td', {}, e.prefix + (e.prefix !== e.monitored_prefix ? ' (in ' + e.monitored_prefix + ')' : '')),
        el('td', {}, asns(e.origin_asns)),
        el('td', {}, asns(e.expected_origin_asns)),
        el('td', {}, e.peers),
        el('td', {title: time(e.opened_at_ms)}, time(e.opened_at_ms) + ' (' + ago(e.opened_at_ms) + ')'),
        el('td', {class: 'why'}, e.detail || ''));
  }

  function prefixRow(p) {
    const opened = Object.entries(p.events_opened || {}).filter(([, n]) => n > 0).map(([k, n]) => k + ' ' + n);
    const more = p.more_specifics.length ? el('details', {},
        el('summary', {}, p.more_specifics_tracked + (p.more_specifics_overflow ? ' (+' + p.more_specifics_overflow
            + ' updates untracked)' : '')),
        el('ul', {}, p.more_specifics.map(m => el('li', {}, m.prefix + ': ' + m.visible_peers + ' / ' + m.reporting_peers
            + ' peers, ', origins(m.origins))))) : String(p.more_specifics_tracked);
    const rpki = p.rpki ? Object.entries(p.rpki).filter(([, n]) => n > 0).map(([k, n]) => k + ' ' + n).join(', ') || '–'
        : 'not configured';
    return el('tr', {'data-prefix': p.prefix, class: p.open_events.length ? 'has-events' : null},
        el('td', {}, el('strong', {}, p.prefix), el('br'), el('small', {}, p.description || '')),
        el('td', {}, p.group),
        el('td', {}, p.seen ? p.visible_peers + ' / ' + p.reporting_peers + ' (' + p.max_visible_peers + ')' : 'no update yet'),
        el('td', {}, asns(p.expected_origins)),
        el('td', {}, origins(p.origins)),
        el('td', {}, p.upstreams.length ? p.upstreams.map(u => 'AS' + u.asn + ' (' + u.peers + ')'
            + (u.allowed === false ? ' not allowed' : '')).join(', ') : '–'),
        el('td', {}, rpki),
        el('td', {}, more),
        el('td', {}, opened.join(', ') || 'none'));
  }

  /** Events open at the previous refresh and gone now closed in between. */
  function noteClosed(open, now) {
    const ids = new Set(open.map(e => e.id));
    if (previous) {
      previous.forEach((e, id) => {
        if (!ids.has(id)) {
          closed.unshift({event: e, after: previousAt, before: now});
        }
      });
      closed.splice(MAX_CLOSED);
    }
    previous = new Map(open.map(e => [e.id, e]));
    previousAt = now;
  }

  netobs.poll(async () => {
    let prefixes;
    try {
      prefixes = await netobs.getJson('/api/bgp/prefixes');
    } catch (e) {
      if (e.status !== 404) {
        throw e;
      }
      const note = document.getElementById('unconfigured');
      note.hidden = false;
      note.textContent = e.message;
      return;
    }
    const now = Date.now();
    const open = prefixes.flatMap(p => p.open_events)
        .sort((a, b) => b.opened_at_ms - a.opened_at_ms || a.id.localeCompare(b.id));
    noteClosed(open, now);
    document.querySelector('#events tbody').replaceChildren(...open.map(eventRow));
    document.getElementById('open-count').textContent = '(' + open.length + ')';
    document.getElementById('no-events').hidden = open.length > 0;
    document.querySelector('#closed tbody').replaceChildren(...closed.map(c => el('tr', {'data-event-id': c.event.id},
        el('td', {}, c.event.kind), el('td', {}, c.event.prefix), el('td', {}, asns(c.event.origin_asns)),
        el('td', {}, time(c.event.opened_at_ms)), el('td', {}, 'between ' + time(c.after) + ' and ' + time(c.before)),
        el('td', {class: 'why'}, c.event.detail || ''))));
    document.querySelector('#prefixes tbody').replaceChildren(...prefixes.map(prefixRow));
  });
})();

// The traceroute path of each canary of a target, as /api/paths/<target> serves it: per TTL every
// address seen answering there on the current path (several for a load-balanced hop, '*' where no reply
// ever came) with the newest trace's latency and loss; whether it reached the destination; when it
// last changed and how often; the open PATH_CHANGED event, if any.
'use strict';

const netobsPaths = (() => {
  const {el, time, ago, ms, percent} = netobs;

  function loss(v) {
    return el('span', {class: v >= 100 ? 'bad' : v > 0 ? 'warn' : null}, percent(v));
  }

  function hop(h, isDestination) {
    const addresses = h.addresses.length ? h.addresses.map(a => el('div', {class: 'address'}, a)) : '*';
    return el('tr', {'data-ttl': h.ttl, title: h.addresses.length > 1 ? 'load-balanced: ' + h.addresses.length + ' addresses seen at this TTL' : null},
        el('td', {}, h.ttl), el('td', {class: 'addresses'}, addresses, isDestination ? el('div', {class: 'note'},
            'destination') : null),
        el('td', {}, ms(h.latency_ms)), el('td', {}, loss(h.loss_percent)));
  }

  function fact(name, value, title) {
    return el('div', {}, el('dt', {}, name), el('dd', {title: title || null}, value));
  }

  function lastChange(p) {
    // since_ms is when the current path was first seen: the last change once there was one.
    return p.changes > 0 ? time(p.since_ms) + ' (' + ago(p.since_ms) + ')' : 'none since ' + time(p.since_ms);
  }

  function one(p) {
    const last = p.hops.length;
    const change = p.open_change;
    return el('div', {class: 'path', 'data-canary': p.canary_id},
        el('h3', {}, 'Path from ' + p.canary_id + (p.pop ? ' (' + p.pop + ')' : '')),
        el('dl', {class: 'facts'},
            fact('destination', el('span', {class: p.destination_reached ? null : 'bad'},
                p.destination_reached ? 'reached in ' + last + (last === 1 ? ' hop' : ' hops') : 'not reached (last answer at TTL ' + last + ')')),
            fact('last path change', lastChange(p)),
            fact('path changes', p.changes),
            fact('newest trace', ago(p.last_result_ms), time(p.last_result_ms) + ', ' + p.results
                + ' consecutive traces of this path')),
        change ? el('p', {class: 'reasons'}, 'Path change open since ' + time(change.opened_at_ms) + ': '
            + change.detail) : null,
        el('div', {class: 'table-wrap'}, el('table', {class: 'compact hops'},
            el('thead', {}, el('tr', {}, ['TTL', 'address', 'latency', 'loss'].map(h => el('th', {}, h)))),
            el('tbody', {}, p.hops.map(h => hop(h, p.destination_reached && h.ttl === last))))));
  }

  /** One block per canary, or a note when no canary got an answering hop yet (paths null: /api said 404). */
  function render(paths) {
    if (!paths) {
      return [el('p', {class: 'note'}, 'No traceroute path yet: no result of this target had an answering hop.')];
    }
    return paths.paths.map(one);
  }

  return {render};
})();

// netobs status page: what every page shares. Plain ES2017, no build step; everything the pages
// read comes from this app's own /api (getJson refuses anything else), so the page works behind any
// instance and follows /api's forwarding between instances.
'use strict';

const netobs = (() => {
  const API = '/api/';
  const POLL_MS = 5000;

  /** GET a relative /api URL as JSON; throws an Error carrying .status and the API's error text. */
  async function getJson(path) {
    if (!path.startsWith(API)) {
      throw new Error('not an /api path: ' + path);
    }
    const resp = await fetch(path, {headers: {Accept: 'application/json'}, cache: 'no-store'});
    const body = await resp.json().catch(() => null);
    if (!resp.ok) {
      const err = new Error((body && body.error) || ('HTTP ' + resp.status));
      err.status = resp.status;
      throw err;
    }
    return body;
  }

  /** A target or prefix as a path segment: '/' and ':' kept, as /api expects (the route takes the rest). */
  function pathOf(value) {
    return encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
  }

  /**
   * Runs refresh() now and then every POLL_MS after each run ends, while the tab is visible; the
   * #live element says when the data was last updated or why it was not.
   */
  function poll(refresh) {
    const live = document.getElementById('live');
    let timer = null;
    async function tick() {
      clearTimeout(timer);
      try {
        await refresh();
        live.textContent = 'updated ' + time(Date.now());
        live.className = 'live ok';
      } catch (e) {
        live.textContent = (e.status === 503 ? 'not ready (' + e.message + ')' : 'error: ' + e.message)
            + ', retrying';
        live.className = 'live failing';
      }
      if (!document.hidden) {
        timer = setTimeout(tick, POLL_MS);
      }
    }
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) {
        tick();
      }
    });
    tick();
  }

  /** Builds an element: el('td', {class: 'x', title: 't'}, 'text', child...). Text is never parsed as HTML. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== null && v !== undefined && v !== false) {
        e.setAttribute(k, v === true ? '' : String(v));
      }
    });
    children.flat().forEach(c => {
      if (c !== null && c !== undefined) {
        e.append(c instanceof Node ? c : document.createTextNode(String(c)));
      }
    });
    return e;
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  /** Local time of day, with the date when it is not today. */
  function time(ms) {
    if (ms === null || ms === undefined) {
      return '–';
    }
    const d = new Date(ms);
    const hms = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    return d.toDateString() === new Date().toDateString() ? hms
        : d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + hms;
  }

  function ago(ms) {
    if (ms === null || ms === undefined) {
      return '';
    }
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 120) {
      return s + ' s ago';
    }
    if (s < 7200) {
      return Math.round(s / 60) + ' min ago';
    }
    return Math.round(s / 3600) + ' h ago';
  }

  function ms(v) {
    if (v === null || v === undefined) {
      return '–';
    }
    return (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)) + ' ms';
  }

  /** A ratio (0..1) as a percentage. */
  function ratio(v) {
    return v === null || v === undefined ? '–' : (100 * v).toFixed(v >= 0.9995 || v === 0 ? 0 : 1) + ' %';
  }

  function percent(v) {
    return v === null || v === undefined ? '–' : v.toFixed(v === 0 ? 0 : 1) + ' %';
  }

  /** The state badge of a status row (down, silent, degraded, up). */
  function badge(state) {
    const s = String(state).toLowerCase();
    return el('span', {class: 'badge ' + s, 'data-state': s}, s);
  }

  function targetHref(target) {
    return 'target.html?target=' + encodeURIComponent(target);
  }

  return {getJson, pathOf, poll, el, time, ago, ms, ratio, percent, badge, targetHref};
})();

// Time-series charts of closed windows, drawn with uPlot (served from its webjar at /vendor/uplot.js).
// Each chart's container carries data-points (values drawn) and data-series (lines), and the uPlot
// instance is kept in window.netobsCharts by chart id, so a test or a curious user can read exactly
// what is drawn.
'use strict';

const netobsCharts = (() => {
  const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7ea4', '#57606a'];
  const HEIGHT = 200;
  const plots = {};
  window.netobsCharts = plots;

  /**
   * Series of a chart from closed windows: x is the window start (Unix seconds); one line per entry of
   * lines, whose value(w) reads a window; a window without a value is a gap, not a zero.
   *
   * @param windows closed windows of one probe type (across canaries: canary_id absent)
   * @param lines [{label, canary (null = across canaries), value: w => number|null, dash}]
   */
  function columns(windows, lines) {
    const xs = [...new Set(windows.map(w => w.window_start_ms))].sort((a, b) => a - b);
    const index = new Map(xs.map((x, i) => [x, i]));
    const ys = lines.map(line => {
      const col = new Array(xs.length).fill(null);
      windows.filter(w => (w.canary_id || null) === line.canary).forEach(w => {
        const v = line.value(w);
        col[index.get(w.window_start_ms)] = v === null || v === undefined ? null : v;
      });
      return col;
    });
    return [xs.map(x => x / 1000), ...ys];
  }

  /**
   * Draws the chart, or updates it in place when its lines are the same as last time.
   *
   * @param container the element the chart lives in (its width is the chart's)
   * @param id        a stable id (e.g. "latency-http"), also set as data-chart
   * @param lines     [{label, dash}] in the order of data's y columns
   * @param data      [xs, ys...] from columns()
   * @param unit      appended to the y axis values ("ms", "%")
   * @param yRange    fixed [min, max] or null for automatic
   */
  function draw(container, id, lines, data, unit, yRange) {
    const key = lines.map(l => l.label).join('\u001f');
    const points = data.slice(1).reduce((n, col) => n + col.filter(v => v !== null).length, 0);
    container.dataset.chart = id;
    container.dataset.points = String(points);
    container.dataset.series = String(lines.length);
    const existing = plots[id];
    if (existing && existing.key === key && existing.root.parentNode === container) {
      existing.setData(data);
      return existing;
    }
    if (existing) {
      existing.destroy();
    }
    const plot = new uPlot({
      width: Math.max(container.clientWidth, 280),
      height: HEIGHT,
      scales: {
        x: {time: true, range: (u, min, max) => xRange(u.data && u.data[0], min, max)},
        y: yRange ? {range: () => yRange} : {},
      },
      series: [
        {label: 'window', value: (u, v) => (v === null ? '–' : netobs.time(v * 1000))},
        ...lines.map((l, i) => ({
          label: l.label,
          stroke: PALETTE[i % PALETTE.length],
          width: l.dash ? 1 : 2,
          dash: l.dash ? [4, 4] : undefined,
          points: {show: true, size: 4},
          value: (u, v) => (v === null ? '–' : format(v) + ' ' + unit),
        })),
      ],
      axes: [{}, {size: 64, values: (u, vals) => vals.map(v => format(v) + ' ' + unit)}],
    }, data, container);
    plot.key = key;
    plots[id] = plot;
    if (window.ResizeObserver && !container.dataset.observed) {
      container.dataset.observed = 'yes';
      new ResizeObserver(() => {
        const p = plots[id];
        if (p && container.clientWidth > 0) {
          p.setSize({width: Math.max(container.clientWidth, 280), height: HEIGHT});
        }
      }).observe(container);
    }
    return plot;
  }

  /**
   * The x range: the windows drawn. uPlot widens a time scale with a single point to 86,400 / ms units after it
   * (years, with Unix seconds), so the range is taken from the data itself: one window gets a minute either side.
   */
  function xRange(xs, min, max) {
    if (!xs || xs.length === 0) {
      return [min, max];
    }
    const first = xs[0];
    const last = xs[xs.length - 1];
    return first === last ? [first - 60, last + 60] : [first, last];
  }

  /** Three significant digits below 100 (loopback latencies are fractions of a millisecond). */
  function format(v) {
    return Math.abs(v) >= 100 ? String(Math.round(v)) : Number(v.toPrecision(3)).toString();
  }

  return {columns, draw};
})();

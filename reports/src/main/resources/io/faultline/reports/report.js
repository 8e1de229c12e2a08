// Faultline run report: draws the charts and the timeline from the JSON in #chart-data onto canvases.
// Every string from the run is drawn on a canvas or set with textContent, never parsed as HTML.
(function () {
  'use strict';
  var started = performance.now();
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    document.body.setAttribute('data-render-errors', errors.join(' | '));
  });

  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var OUTCOMES = ['ok', 'fail', 'info', 'pending'];
  var OUTCOME_COLOUR = { ok: '#2a9d3a', fail: '#d23c3c', info: '#e0a800', pending: '#888888' };
  var KIND_COLOUR = {
    partition: 'rgba(70,110,230,0.16)', kill: 'rgba(220,50,50,0.16)', pause: 'rgba(150,80,200,0.16)',
    clock: 'rgba(240,160,20,0.20)', 'link-fault': 'rgba(20,170,170,0.16)', loss: 'rgba(120,120,120,0.20)',
    netem: 'rgba(200,90,40,0.16)'
  };
  var KIND_SOLID = {
    partition: '#466ee6', kill: '#dc3232', pause: '#9650c8', clock: '#f0a014', 'link-fault': '#14aaaa', loss: '#787878',
    netem: '#c85a28'
  };
  var F_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];
  var QUANTILE_DASH = [[], [6, 3], [2, 3], [1, 1]];
  var QUANTILE_NAMES = ['p50', 'p95', 'p99', 'max'];
  var OUTCOME_DASH = { ok: [], fail: [6, 3], info: [2, 3], pending: [1, 1] };
  var ops = data.ops;
  var n = ops.invokeUs.length;

  function fColour(i) { return F_COLOURS[i % F_COLOURS.length]; }

  function canvasFor(canvas, height) {
    var dpr = window.devicePixelRatio || 1;
    var width = Math.max(300, canvas.parentElement.clientWidth);
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    var ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return { ctx: ctx, w: width, h: height };
  }

  function niceStep(span, count) {
    var raw = span / count;
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = [1, 2, 5, 10].find(function (k) { return k * p >= raw; });
    return m * p;
  }

  // A plot frame: time (seconds) across, value up, linear or log; draws axes and the fault windows.
  function frame(c, yMin, yMax, log, yLabel) {
    var f = { left: 60, right: c.w - 10, top: 22, bottom: c.h - 28 };
    var tMax = data.endUs / 1e6;
    f.x = function (us) { return f.left + (us / 1e6) / tMax * (f.right - f.left); };
    if (log) {
      var lo = Math.log10(Math.max(yMin, 1e-3)), hi = Math.log10(Math.max(yMax, yMin * 10, 1e-2));
      f.y = function (v) { return f.bottom - (Math.log10(Math.max(v, 1e-3)) - lo) / (hi - lo) * (f.bottom - f.top); };
    } else {
      f.y = function (v) { return f.bottom - (v - yMin) / ((yMax - yMin) || 1) * (f.bottom - f.top); };
    }
    var ctx = c.ctx;
    shadeWindows(ctx, f);
    ctx.strokeStyle = '#999'; ctx.fillStyle = '#333'; ctx.lineWidth = 1; ctx.setLineDash([]);
    ctx.font = '11px sans-serif';
    ctx.beginPath(); ctx.moveTo(f.left, f.top); ctx.lineTo(f.left, f.bottom); ctx.lineTo(f.right, f.bottom); ctx.stroke();
    var step = niceStep(tMax, 10);
    ctx.textAlign = 'center';
    for (var t = 0; t <= tMax + 1e-9; t += step) {
      var x = f.x(t * 1e6);
      ctx.fillText(String(Math.round(t * 1000) / 1000), x, f.bottom + 14);
    }
    ctx.fillText('time (s)', (f.left + f.right) / 2, c.h - 2);
    ctx.textAlign = 'right';
    if (log) {
      for (var e = Math.floor(Math.log10(Math.max(yMin, 1e-3))); e <= Math.ceil(Math.log10(Math.max(yMax, 1e-2))); e++) {
        var v = Math.pow(10, e), y = f.y(v);
        if (y >= f.top - 1 && y <= f.bottom + 1) { ctx.fillText(v >= 1 ? String(v) : v.toPrecision(1), f.left - 4, y + 4); }
      }
    } else {
      var ys = niceStep((yMax - yMin) || 1, 5);
      for (var w = yMin; w <= yMax + 1e-9; w += ys) { ctx.fillText(String(Math.round(w * 100) / 100), f.left - 4, f.y(w) + 4); }
    }
    ctx.save(); ctx.translate(12, (f.top + f.bottom) / 2); ctx.rotate(-Math.PI / 2); ctx.textAlign = 'center';
    ctx.fillText(yLabel, 0, 0); ctx.restore();
    return f;
  }

  function shadeWindows(ctx, f) {
    ctx.font = '10px sans-serif'; ctx.textAlign = 'left';
    data.windows.forEach(function (w, i) {
      var x0 = f.x(w.fromUs), x1 = Math.max(f.x(w.toUs), x0 + 1);
      ctx.fillStyle = KIND_COLOUR[w.kind] || 'rgba(0,0,0,0.1)';
      ctx.fillRect(x0, f.top, x1 - x0, f.bottom - f.top);
      ctx.fillStyle = KIND_SOLID[w.kind] || '#333';
      ctx.fillText(w.label, x0 + 2, f.top - 10 + (i % 2) * 9);
    });
    data.actions.forEach(function (a) {
      if (!a.marker) { return; }
      var x = f.x(a.fromUs);
      ctx.strokeStyle = '#555'; ctx.setLineDash([2, 2]);
      ctx.beginPath(); ctx.moveTo(x, f.top); ctx.lineTo(x, f.bottom); ctx.stroke(); ctx.setLineDash([]);
    });
  }

  function legend(id, items) {
    var box = document.getElementById(id);
    if (!box) { return; }
    box.textContent = '';
    items.forEach(function (item) {
      var span = document.createElement('span');
      span.className = 'key';
      var swatch = document.createElement('i');
      swatch.style.background = item.colour;
      span.appendChild(swatch);
      span.appendChild(document.createTextNode(item.label));
      box.appendChild(span);
    });
  }

  function latencyRange() {
    var lo = Infinity, hi = 0;
    for (var i = 0; i < n; i++) {
      var l = ops.latencyUs[i];
      if (l >= 0) { if (l < lo) { lo = l; } if (l > hi) { hi = l; } }
    }
    return lo === Infinity ? [0.01, 1] : [Math.max(lo / 1000, 0.01), Math.max(hi / 1000, 0.1)];
  }

  function drawLatency() {
    var holder = document.getElementById('latency-panels');
    if (!holder) { return; }
    var range = latencyRange();
    holder.textContent = '';
    data.fs.forEach(function (fname, fi) {
      var title = document.createElement('h3');
      title.textContent = 'latency of ' + fname;
      holder.appendChild(title);
      var canvas = document.createElement('canvas');
      canvas.className = 'chart';
      holder.appendChild(canvas);
      var c = canvasFor(canvas, 220);
      var f = frame(c, range[0], range[1], true, 'latency (ms)');
      for (var i = 0; i < n; i++) {
        if (ops.f[i] !== fi || ops.latencyUs[i] < 0) { continue; }
        c.ctx.fillStyle = OUTCOME_COLOUR[OUTCOMES[ops.outcome[i]]];
        c.ctx.fillRect(f.x(ops.invokeUs[i]) - 1, f.y(ops.latencyUs[i] / 1000) - 1, 2, 2);
      }
    });
    legend('latency-legend', OUTCOMES.slice(0, 3).map(function (o) { return { label: o, colour: OUTCOME_COLOUR[o] }; }));
  }

  function drawQuantiles() {
    var canvas = document.getElementById('quantiles');
    if (!canvas) { return; }
    var range = latencyRange();
    var c = canvasFor(canvas, 260);
    var f = frame(c, range[0], range[1], true, 'latency (ms)');
    var items = [];
    data.quantiles.forEach(function (series, si) {
      var fi = data.fs.indexOf(series.f);
      for (var q = 0; q < 4; q++) {
        c.ctx.strokeStyle = fColour(fi); c.ctx.setLineDash(QUANTILE_DASH[q]); c.ctx.lineWidth = q === 3 ? 0.7 : 1.4;
        c.ctx.beginPath();
        var drawing = false;
        series.buckets.forEach(function (b, bi) {
          if (!b) { drawing = false; return; }
          var x = f.x((bi + 0.5) * data.bucketUs), y = f.y(b[q] / 1000);
          if (drawing) { c.ctx.lineTo(x, y); } else { c.ctx.moveTo(x, y); drawing = true; }
        });
        c.ctx.stroke();
        items.push({ label: series.f + ' ' + QUANTILE_NAMES[q], colour: fColour(fi) });
      }
    });
    c.ctx.setLineDash([]);
    legend('quantiles-legend', items);
  }

  function drawRates() {
    var canvas = document.getElementById('rates');
    if (!canvas) { return; }
    var c = canvasFor(canvas, 260);
    var max = 1;
    data.rates.forEach(function (s) { s.perSecond.forEach(function (v) { if (v > max) { max = v; } }); });
    var f = frame(c, 0, max * 1.05, false, 'ops / s');
    var items = [];
    data.rates.forEach(function (s) {
      var fi = data.fs.indexOf(s.f);
      c.ctx.strokeStyle = fColour(fi); c.ctx.setLineDash(OUTCOME_DASH[s.outcome] || []); c.ctx.lineWidth = 1.4;
      c.ctx.beginPath();
      s.perSecond.forEach(function (v, bi) {
        var x = f.x((bi + 0.5) * data.bucketUs), y = f.y(v);
        if (bi === 0) { c.ctx.moveTo(x, y); } else { c.ctx.lineTo(x, y); }
      });
      c.ctx.stroke();
      items.push({ label: s.f + ' ' + s.outcome, colour: fColour(fi) });
    });
    c.ctx.setLineDash([]);
    legend('rates-legend', items);
  }

  function faultLegend() {
    var kinds = [];
    data.windows.forEach(function (w) { if (kinds.indexOf(w.kind) < 0) { kinds.push(w.kind); } });
    legend('fault-legend', kinds.map(function (k) { return { label: k, colour: KIND_SOLID[k] || '#333' }; }));
  }

  window.FaultlineTimeline = null;
  function timeline() {
    var scroller = document.getElementById('timeline-scroll');
    if (!scroller) { return; }
    var canvas = document.getElementById('timeline-canvas');
    var spacer = document.getElementById('timeline-spacer');
    var tip = document.getElementById('timeline-tip');
    var HEADER = 22, GUTTER = 64, viewH = 560;
    var columns = data.columns, nemesisColumn = columns.length - 1;
    var durationMs = Math.max(1, data.endUs / 1000);
    var scale = Math.min(2, Math.max(0.02, 20000 / durationMs)); // pixels per millisecond
    var pending = [];
    var maxLatency = 0;
    for (var i = 0; i < n; i++) {
      if (ops.latencyUs[i] < 0) { pending.push(i); } else if (ops.latencyUs[i] > maxLatency) { maxLatency = ops.latencyUs[i]; }
    }
    var colW, dpr, ctx, viewW;

    function layout() {
      viewW = Math.max(300, scroller.clientWidth);
      colW = Math.max(46, Math.floor((viewW - GUTTER - 16) / columns.length));
      dpr = window.devicePixelRatio || 1;
      canvas.style.width = viewW + 'px'; canvas.style.height = viewH + 'px';
      canvas.width = Math.round(viewW * dpr); canvas.height = Math.round(viewH * dpr);
      spacer.style.height = Math.ceil(durationMs * scale + HEADER + 40) + 'px';
      spacer.style.width = (GUTTER + colW * columns.length) + 'px';
      spacer.style.marginTop = (-viewH) + 'px';
      ctx = canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    }

    function upperBound(us) { // first op invoked after us
      var lo = 0, hi = n;
      while (lo < hi) { var mid = (lo + hi) >>> 1; if (ops.invokeUs[mid] <= us) { lo = mid + 1; } else { hi = mid; } }
      return lo;
    }

    function visible(callback) {
      var t0 = scroller.scrollTop / scale * 1000, t1 = t0 + (viewH - HEADER) / scale * 1000;
      var hi = upperBound(t1);
      for (var i = hi - 1; i >= 0 && ops.invokeUs[i] >= t0 - maxLatency; i--) {
        if (ops.latencyUs[i] >= 0 && ops.invokeUs[i] + ops.latencyUs[i] >= t0) { callback(i); }
      }
      pending.forEach(function (j) { if (ops.invokeUs[j] <= t1) { callback(j); } });
      return [t0, t1];
    }

    function yOf(us) { return HEADER + us / 1000 * scale - scroller.scrollTop; }
    function xOf(column) { return GUTTER + column * colW - scroller.scrollLeft; }

    function draw() {
      ctx.clearRect(0, 0, viewW, viewH);
      var t0 = scroller.scrollTop / scale * 1000;
      data.windows.forEach(function (w) {
        var y0 = Math.max(HEADER, yOf(w.fromUs)), y1 = Math.min(viewH, yOf(w.toUs));
        if (y1 > y0) { ctx.fillStyle = KIND_COLOUR[w.kind] || 'rgba(0,0,0,0.1)'; ctx.fillRect(GUTTER, y0, viewW - GUTTER, y1 - y0); }
      });
      ctx.font = '10px sans-serif'; ctx.textAlign = 'left';
      visible(function (i) {
        var x = xOf(ops.column[i]) + 2, w = colW - 4;
        var y0 = yOf(ops.invokeUs[i]);
        var y1 = ops.latencyUs[i] < 0 ? viewH : yOf(ops.invokeUs[i] + ops.latencyUs[i]);
        var h = Math.max(1, y1 - y0);
        ctx.fillStyle = OUTCOME_COLOUR[OUTCOMES[ops.outcome[i]]];
        ctx.fillRect(x, y0, w, h);
        if (h >= 12 && w >= 40) {
          ctx.save(); ctx.beginPath(); ctx.rect(x, y0, w, h); ctx.clip();
          ctx.fillStyle = '#fff'; ctx.fillText(ops.text[i], x + 2, y0 + 10); ctx.restore();
        }
      });
      data.actions.forEach(function (a) {
        var y0 = yOf(a.fromUs), y1 = Math.max(y0 + 2, yOf(a.toUs));
        if (y1 < HEADER || y0 > viewH) { return; }
        var x = xOf(nemesisColumn) + 2;
        ctx.fillStyle = a.marker ? '#777' : '#333';
        ctx.fillRect(x, y0, colW - 4, y1 - y0);
        if (y1 - y0 >= 12) {
          ctx.save(); ctx.beginPath(); ctx.rect(x, y0, colW - 4, y1 - y0); ctx.clip();
          ctx.fillStyle = '#fff'; ctx.fillText(a.f, x + 2, Math.max(HEADER + 10, y0 + 10)); ctx.restore();
        }
      });
      // time gutter and column headers, drawn over the bars
      ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, GUTTER, viewH); ctx.fillRect(0, 0, viewW, HEADER);
      ctx.fillStyle = '#333'; ctx.textAlign = 'right';
      var stepMs = niceStep(80 / scale, 1);
      for (var t = Math.floor(t0 / 1000 / stepMs) * stepMs; yOf(t * 1000) < viewH; t += stepMs) {
        var y = yOf(t * 1000);
        if (y >= HEADER) { ctx.fillText((t / 1000).toFixed(stepMs < 1000 ? 3 : 1) + ' s', GUTTER - 4, y + 3); }
      }
      ctx.textAlign = 'center';
      columns.forEach(function (name, ci) { ctx.fillText(name, xOf(ci) + colW / 2, 15, colW - 2); });
    }

    var queued = false;
    function redraw() {
      if (queued) { return; }
      queued = true;
      requestAnimationFrame(function () { queued = false; draw(); });
    }

    function zoom(factor) {
      var centre = (scroller.scrollTop + viewH / 2) / scale;
      scale = Math.min(50, Math.max(0.001, scale * factor));
      layout();
      scroller.scrollTop = Math.max(0, centre * scale - viewH / 2);
      draw();
    }

    scroller.addEventListener('scroll', redraw);
    document.getElementById('timeline-zoom-in').addEventListener('click', function () { zoom(2); });
    document.getElementById('timeline-zoom-out').addEventListener('click', function () { zoom(0.5); });
    canvas.addEventListener('mousemove', function (ev) {
      var rect = canvas.getBoundingClientRect();
      var px = ev.clientX - rect.left, py = ev.clientY - rect.top;
      var column = Math.floor((px + scroller.scrollLeft - GUTTER) / colW);
      var us = (py - HEADER + scroller.scrollTop) / scale * 1000;
      var found = null;
      if (column === nemesisColumn) {
        data.actions.forEach(function (a) { if (a.fromUs <= us && us <= Math.max(a.toUs, a.fromUs + 2000 / scale)) { found = a.text; } });
      } else {
        visible(function (i) {
          var end = ops.latencyUs[i] < 0 ? Infinity : ops.invokeUs[i] + Math.max(ops.latencyUs[i], 1000 / scale);
          if (ops.column[i] === column && ops.invokeUs[i] <= us && us <= end) { found = ops.text[i]; }
        });
      }
      if (found === null) { tip.style.display = 'none'; return; }
      tip.textContent = found;
      tip.style.display = 'block';
      tip.style.left = (px + 14) + 'px';
      tip.style.top = (py + 14) + 'px';
    });
    canvas.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
    layout();
    draw();
    window.FaultlineTimeline = { draw: draw, zoom: zoom };
    if (location.hash === '#measure-timeline') {
      // A self-check for browser tests: draw 50 frames across the whole timeline, zoomed out and in.
      var t = performance.now(), steps = 50, total = spacer.offsetHeight;
      for (var k = 0; k <= steps; k++) { scroller.scrollTop = total * k / steps; draw(); }
      zoom(0.25); zoom(4);
      document.body.setAttribute('data-timeline-frames', String(steps + 3));
      document.body.setAttribute('data-timeline-ms', String(Math.round(performance.now() - t)));
    }
  }

  function drawAll() {
    drawLatency();
    drawQuantiles();
    drawRates();
    faultLegend();
  }

  drawAll();
  timeline();
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { drawAll(); if (window.FaultlineTimeline) { window.FaultlineTimeline.zoom(1); } }, 150);
  });
  document.body.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
  document.body.setAttribute('data-rendered-ops', String(n));
  document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
})();

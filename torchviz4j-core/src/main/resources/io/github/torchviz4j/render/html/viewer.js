/*
 * torchviz4j interactive viewer. Plain JavaScript, no libraries, no network.
 * Labels, names and module paths are data: they reach the page only through textContent, canvas
 * fillText and XML text nodes, never as markup.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- data
  var graph = JSON.parse(document.getElementById('tv-graph').textContent);
  var layout = JSON.parse(document.getElementById('tv-layout').textContent);
  var nodes = graph.nodes;
  var edges = graph.edges;
  var N = nodes.length;
  var E = edges.length;
  var box = new Float64Array(layout.boxes); // x, y, w, h, first baseline per node
  var FONT_SIZE = layout.fontSize;
  var LINE_HEIGHT = layout.lineHeight;
  var FONT = '"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace';
  var ROLE_FILL = { output: '#caff70', view_base: '#a2cd5a', leaf: '#add8e6', 'function': '#d3d3d3', saved: '#ffa500', module: '#ffffe0', note: '#ffffff' };
  var ROLE_MEANING = {
    output: 'output: where backward() starts',
    view_base: 'base of an output that is a view',
    leaf: 'leaf tensor that needs gradients (a parameter when named)',
    'function': 'backward function (grad_fn)',
    saved: 'tensor saved for the backward pass',
    module: 'a module drawn as one box',
    note: 'legend or note'
  };
  var UP = 1, DOWN = 2, SELF = 4;

  // Each node's fill as the SVG and PNG paint it: its role's colour, or its gradient's when the
  // graph shows gradients. Nodes are painted in batches, one per distinct fill.
  var FILLS = [];
  var fillIndex = new Uint32Array(N);
  var fillByColour = new Map();
  var idIndex = new Map();
  var lines = new Array(N);
  for (var i = 0; i < N; i++) {
    idIndex.set(nodes[i].id, i);
    var nodeFill = /^#[0-9a-f]{6}$/.test(nodes[i].fill) ? nodes[i].fill : ROLE_FILL[nodes[i].role] || '#ffffff';
    if (!fillByColour.has(nodeFill)) { fillByColour.set(nodeFill, FILLS.length); FILLS.push(nodeFill); }
    fillIndex[i] = fillByColour.get(nodeFill);
    lines[i] = nodes[i].label.split('\n');
  }
  var F = FILLS.length;
  var tail = new Int32Array(E), head = new Int32Array(E);
  var edgeBounds = new Float64Array(4 * E);
  for (var e = 0; e < E; e++) {
    tail[e] = idIndex.get(edges[e].tail);
    head[e] = idIndex.get(edges[e].head);
    var p = layout.paths[e], a = layout.arrows[e];
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var k = 0; k < p.length; k += 2) {
      x0 = Math.min(x0, p[k]); x1 = Math.max(x1, p[k]); y0 = Math.min(y0, p[k + 1]); y1 = Math.max(y1, p[k + 1]);
    }
    for (k = 0; k < a.length; k += 2) {
      x0 = Math.min(x0, a[k]); x1 = Math.max(x1, a[k]); y0 = Math.min(y0, a[k + 1]); y1 = Math.max(y1, a[k + 1]);
    }
    edgeBounds[4 * e] = x0; edgeBounds[4 * e + 1] = y0; edgeBounds[4 * e + 2] = x1; edgeBounds[4 * e + 3] = y1;
  }
  // Compressed adjacency: edges out of and into each node.
  function adjacency(ends) {
    var start = new Int32Array(N + 1), list = new Int32Array(E);
    for (var j = 0; j < E; j++) start[ends[j] + 1]++;
    for (j = 0; j < N; j++) start[j + 1] += start[j];
    var fill = start.slice(0, N);
    for (j = 0; j < E; j++) list[fill[ends[j]]++] = j;
    return { start: start, list: list };
  }
  var outAdj = adjacency(tail), inAdj = adjacency(head);

  // ---------------------------------------------------------------- modules
  // A module level as torchview counts it: every dotted part is one level, so 'layer1.0.conv1' has
  // the levels 'layer1' (depth 1), 'layer1.0' (depth 2) and 'layer1.0.conv1' (depth 3).
  function levelsOf(path) {
    if (!path) return [];
    var parts = path.split('.'), out = [], prefix = '';
    for (var j = 0; j < parts.length; j++) {
      prefix = j === 0 ? parts[0] : prefix + '.' + parts[j];
      out.push(prefix);
    }
    return out;
  }
  var moduleInfo = new Map();
  (graph.modules || []).forEach(function (m) { moduleInfo.set(m.path, m); });
  var clusters = new Map(); // path -> cluster
  var clusterList = [];
  var nodeClusters = new Array(N); // outermost first
  for (i = 0; i < N; i++) {
    var levels = levelsOf(nodes[i].module);
    var chain = [];
    for (var l = 0; l < levels.length; l++) {
      var c = clusters.get(levels[l]);
      if (!c) {
        var info = moduleInfo.get(levels[l]);
        c = {
          path: levels[l], className: info ? info.className : '', parameters: info ? info.parameters : 0,
          depth: l + 1, parent: l > 0 ? clusters.get(levels[l - 1]) : null, children: [],
          count: 0, x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity, collapsed: false, index: clusterList.length,
          firstRun: Infinity
        };
        if (c.parent) c.parent.children.push(c);
        clusters.set(levels[l], c);
        clusterList.push(c);
      }
      c.count++;
      if (nodes[i].sequenceNr != null) c.firstRun = Math.min(c.firstRun, nodes[i].sequenceNr);
      chain.push(c);
    }
    nodeClusters[i] = chain;
  }
  // The module tree depth first, siblings in the order their forwards ran (the smallest autograd
  // sequence number inside them), as torchview lists modules.
  function executionOrder() {
    function byRun(p, q) {
      return (p.firstRun - q.firstRun) || p.path.localeCompare(q.path, 'en', { numeric: true });
    }
    var out = [];
    function visit(c) { out.push(c); c.children.slice().sort(byRun).forEach(visit); }
    clusterList.filter(function (c) { return !c.parent; }).sort(byRun).forEach(visit);
    return out;
  }
  var CLUSTER_PAD = 7, CLUSTER_TITLE = 15;
  (function clusterBoxes() {
    // The layout's cluster boxes where it has them (ELK's compound layout keeps modules apart);
    // otherwise the bounding box of the module's nodes.
    var laid = new Map();
    (layout.clusters || []).forEach(function (lc) { laid.set(lc.path, lc.box); });
    var byDepth = clusterList.slice().sort(function (p, q) { return q.depth - p.depth; });
    for (var j = 0; j < N; j++) {
      var chain = nodeClusters[j];
      if (!chain.length) continue;
      var inner = chain[chain.length - 1];
      inner.x0 = Math.min(inner.x0, box[5 * j]); inner.y0 = Math.min(inner.y0, box[5 * j + 1]);
      inner.x1 = Math.max(inner.x1, box[5 * j] + box[5 * j + 2]); inner.y1 = Math.max(inner.y1, box[5 * j + 1] + box[5 * j + 3]);
    }
    byDepth.forEach(function (c) {
      var b = laid.get(c.path);
      if (b) { c.x0 = b[0]; c.y0 = b[1]; c.x1 = b[0] + b[2]; c.y1 = b[1] + b[3]; }
      else { c.x0 -= CLUSTER_PAD; c.x1 += CLUSTER_PAD; c.y0 -= CLUSTER_PAD + CLUSTER_TITLE; c.y1 += CLUSTER_PAD; }
      if (c.parent) {
        var q = c.parent;
        q.x0 = Math.min(q.x0, c.x0); q.y0 = Math.min(q.y0, c.y0); q.x1 = Math.max(q.x1, c.x1); q.y1 = Math.max(q.y1, c.y1);
      }
    });
  })();
  var hasModules = clusterList.length > 0;
  var hiddenBy = new Array(N).fill(null); // the outermost collapsed cluster hiding a node
  var visibleCount = N;
  function updateHidden() {
    visibleCount = 0;
    for (var j = 0; j < N; j++) {
      var chain = nodeClusters[j], by = null;
      for (var l2 = 0; l2 < chain.length; l2++) {
        if (chain[l2].collapsed) { by = chain[l2]; break; }
      }
      hiddenBy[j] = by || diffHides(j);
      if (!hiddenBy[j]) visibleCount++;
    }
    remap();
  }
  function shownCluster(c) { // drawn at all: no collapsed ancestor
    for (var q = c.parent; q; q = q.parent) if (q.collapsed) return false;
    return true;
  }


  // ---------------------------------------------------------------- compaction
  // A collapsed module keeps its place but not its height: every stretch of y that only hidden
  // nodes occupy shrinks to COMPACT points, so a collapsed 48-layer model reads as 48 boxes one
  // below the other. The map is monotonic and changes y only: orthogonal edges stay orthogonal.
  var COMPACT = 56;
  var ny = new Float64Array(N), nb = new Float64Array(N);
  var P = new Array(E), A = new Array(E), EB = new Float64Array(4 * E);
  var mappedHeight = layout.height;
  function remap() {
    var occupied = [];
    for (var n = 0; n < N; n++) {
      if (!hiddenBy[n]) occupied.push([box[5 * n + 1] - 16, box[5 * n + 1] + box[5 * n + 3] + 4]);
    }
    occupied.sort(function (p, q) { return p[0] - q[0]; });
    var merged = [];
    occupied.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push([r[0], r[1]]);
    });
    var pieces = [];
    clusterList.forEach(function (c) {
      if (!c.collapsed || !shownCluster(c)) return;
      var a = c.y0, b = c.y1;
      for (var j = 0; j < merged.length && a < b; j++) {
        var o = merged[j];
        if (o[1] <= a) continue;
        if (o[0] >= b) break;
        if (o[0] > a) pieces.push([a, o[0]]);
        a = Math.max(a, o[1]);
      }
      if (a < b) pieces.push([a, b]);
    });
    pieces.sort(function (p, q) { return p[0] - q[0]; });
    var segs = [];
    pieces.forEach(function (r) {
      var last = segs[segs.length - 1];
      if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]); else segs.push([r[0], r[1]]);
    });
    segs = segs.filter(function (r) { return r[1] - r[0] > COMPACT; });
    var removedBefore = new Float64Array(segs.length + 1);
    for (var j = 0; j < segs.length; j++) removedBefore[j + 1] = removedBefore[j] + (segs[j][1] - segs[j][0] - COMPACT);
    function f(y) {
      var lo = 0, hi = segs.length - 1, at = -1;
      while (lo <= hi) { var mid = (lo + hi) >> 1; if (segs[mid][0] <= y) { at = mid; lo = mid + 1; } else hi = mid - 1; }
      if (at < 0) return y;
      var sg = segs[at];
      if (y >= sg[1]) return y - removedBefore[at + 1];
      return sg[0] - removedBefore[at] + (y - sg[0]) * COMPACT / (sg[1] - sg[0]);
    }
    var identity = segs.length === 0;
    for (n = 0; n < N; n++) {
      ny[n] = identity ? box[5 * n + 1] : f(box[5 * n + 1]);
      nb[n] = box[5 * n + 4] - box[5 * n + 1] + ny[n];
    }
    for (var e = 0; e < E; e++) {
      var src = layout.paths[e], dst = new Float64Array(src.length);
      for (var k = 0; k < src.length; k += 2) { dst[k] = src[k]; dst[k + 1] = identity ? src[k + 1] : f(src[k + 1]); }
      P[e] = dst;
      src = layout.arrows[e];
      var arr = new Float64Array(src.length);
      for (k = 0; k < src.length; k += 2) { arr[k] = src[k]; arr[k + 1] = identity ? src[k + 1] : f(src[k + 1]); }
      A[e] = arr;
      EB[4 * e] = edgeBounds[4 * e]; EB[4 * e + 2] = edgeBounds[4 * e + 2];
      EB[4 * e + 1] = identity ? edgeBounds[4 * e + 1] : f(edgeBounds[4 * e + 1]);
      EB[4 * e + 3] = identity ? edgeBounds[4 * e + 3] : f(edgeBounds[4 * e + 3]);
    }
    clusterList.forEach(function (c) { c.my0 = identity ? c.y0 : f(c.y0); c.my1 = identity ? c.y1 : f(c.y1); });
    mappedHeight = identity ? layout.height : f(layout.height);
  }
  // ---------------------------------------------------------------- state
  var canvas = document.getElementById('canvas');
  var ctx = canvas.getContext('2d');
  var view = { s: 1, tx: 0, ty: 0 };
  var cssW = 1, cssH = 1, ratio = 1;
  var selected = -1; // node index
  var selectedCluster = null;
  var traceMode = 'both';
  var trace = new Uint8Array(N);
  var traceCount = { up: 0, down: 0 };
  var matches = [], matchAt = -1, isMatch = new Uint8Array(N), lastQuery = '';
  var drawTimes = [];
  var scheduled = false;
  var api = { ready: false };
  window.torchviz4j = api;

  // ---------------------------------------------------------------- view
  function resize() {
    ratio = window.devicePixelRatio || 1;
    var r = canvas.getBoundingClientRect();
    cssW = Math.max(1, r.width); cssH = Math.max(1, r.height);
    canvas.width = Math.round(cssW * ratio); canvas.height = Math.round(cssH * ratio);
    schedule();
  }
  function fitScale() {
    return Math.min(cssW / Math.max(1, layout.width), (cssH - 24) / Math.max(1, mappedHeight));
  }
  function clampScale(s) { return Math.min(8, Math.max(Math.min(0.5 * fitScale(), 0.05), s)); }
  function fit() {
    var s = Math.min(2, fitScale());
    view.s = s; view.tx = (cssW - layout.width * s) / 2; view.ty = (cssH - 24 - mappedHeight * s) / 2;
    schedule();
  }
  // Labels are 10 pt: drawn smaller than 0.6 of that they cannot be read.
  var READABLE_SCALE = 0.6;
  function initialView() {
    if (fitScale() >= READABLE_SCALE || !graph.outputs.length) { fit(); return; }
    // Too big to read whole: open at full size on the first output, where backward() starts.
    centerOnNode(idIndex.get(graph.outputs[0]), 1);
  }
  function centerOn(x, y, s) {
    view.s = clampScale(s); view.tx = cssW / 2 - x * view.s; view.ty = (cssH - 24) / 2 - y * view.s;
    schedule();
  }
  function centerOnNode(n, s) {
    centerOn(box[5 * n] + box[5 * n + 2] / 2, ny[n] + box[5 * n + 3] / 2, s === undefined ? view.s : s);
  }
  function zoomAt(factor, x, y) {
    var s = clampScale(view.s * factor);
    view.tx = x - (x - view.tx) * (s / view.s); view.ty = y - (y - view.ty) * (s / view.s); view.s = s;
    schedule();
  }
  function panBy(dx, dy) { view.tx += dx; view.ty += dy; schedule(); }
  function toWorld(x, y) { return { x: (x - view.tx) / view.s, y: (y - view.ty) / view.s }; }

  // ---------------------------------------------------------------- drawing
  function schedule() {
    if (!scheduled) { scheduled = true; requestAnimationFrame(frame); }
  }
  function frame() {
    scheduled = false;
    var t0 = performance.now();
    draw(ctx, cssW, cssH, ratio, view);
    var t1 = performance.now();
    drawTimes.push(t1 - t0);
    if (drawTimes.length > 600) drawTimes.shift();
    updateStatus();
    if (!api.ready) {
      api.ready = true;
      api.loadMs = t1;
      document.body.setAttribute('data-ready', 'true');
    }
  }

  function draw(g, w, h, pixelRatio, v) {
    var s = v.s;
    g.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, w, h);
    g.setTransform(pixelRatio * s, 0, 0, pixelRatio * s, pixelRatio * v.tx, pixelRatio * v.ty);
    var wx0 = -v.tx / s, wy0 = -v.ty / s, wx1 = (w - v.tx) / s, wy1 = (h - v.ty) / s;
    var px = 1 / s; // one screen pixel in world units
    var tracing = selected >= 0 && traceMode !== 'off';
    var showText = FONT_SIZE * s >= 4;
    var detailed = 14 * s >= 3;

    // Expanded module clusters, outer first.
    for (var ci = 0; ci < clusterList.length; ci++) {
      var c = clusterList[ci];
      if (c.collapsed || !shownCluster(c) || c.x1 < wx0 || c.x0 > wx1 || c.my1 < wy0 || c.my0 > wy1) continue;
      g.fillStyle = c.depth % 2 ? 'rgba(90,110,200,0.06)' : 'rgba(90,160,120,0.07)';
      g.fillRect(c.x0, c.my0, c.x1 - c.x0, c.my1 - c.my0);
      g.setLineDash([4 * Math.max(1, px), 3 * Math.max(1, px)]);
      g.strokeStyle = c === selectedCluster ? '#ff1744' : '#7a7aa8';
      g.lineWidth = Math.max(0.8, px);
      g.strokeRect(c.x0, c.my0, c.x1 - c.x0, c.my1 - c.my0);
      g.setLineDash([]);
      var sw = (c.x1 - c.x0) * s, tfs = Math.min(11, 22 * s * 0.6);
      if (sw >= 40 && tfs >= 6) { // the title in screen pixels, as large as its strip allows
        g.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
        g.fillStyle = '#3d3d6b';
        g.font = tfs + 'px ' + FONT;
        g.textAlign = 'left';
        g.textBaseline = 'alphabetic';
        g.fillText('\u25be ' + c.path + (c.className ? '  ' + c.className : '') + diffTitle(c), c.x0 * s + v.tx + 4, c.my0 * s + v.ty + tfs + 3, sw - 8);
        g.setTransform(pixelRatio * s, 0, 0, pixelRatio * s, pixelRatio * v.tx, pixelRatio * v.ty);
      }
    }

    // Edges, batched by style.
    var buckets = [[], [], [], [], [], []]; // plain, dotted, up, down, dim, dim dotted
    for (var e = 0; e < E; e++) {
      var hb = hiddenBy[tail[e]];
      if (hb && hb === hiddenBy[head[e]]) continue;
      if (EB[4 * e + 2] < wx0 || EB[4 * e] > wx1 || EB[4 * e + 3] < wy0 || EB[4 * e + 1] > wy1) continue;
      if (isDiff && diffTakesEdge(e)) continue;
      var dotted = edges[e].kind === 'view';
      var b = dotted ? 1 : 0;
      if (tracing) {
        var tt = trace[tail[e]], th = trace[head[e]];
        if ((tt & UP) && (th & (UP | SELF))) b = 2;
        else if ((th & DOWN) && (tt & (DOWN | SELF))) b = 3;
        else b = dotted ? 5 : 4;
      }
      buckets[b].push(e);
    }
    var edgeStyles = [
      ['#000', 1, false], ['#000', 1, true], ['#1565c0', 2.2, false], ['#d84315', 2.2, false],
      ['rgba(0,0,0,0.15)', 1, false], ['rgba(0,0,0,0.15)', 1, true]];
    for (b = 0; b < 6; b++) {
      var list = buckets[b];
      if (!list.length) continue;
      var st = edgeStyles[b];
      g.strokeStyle = st[0];
      g.fillStyle = st[0];
      g.lineWidth = Math.max(st[1], st[1] * 0.7 * px);
      g.setLineDash(st[2] ? [1, 5] : []);
      g.beginPath();
      for (var j = 0; j < list.length; j++) {
        var path = P[list[j]];
        g.moveTo(path[0], path[1]);
        for (var k = 2; k < path.length; k += 2) g.lineTo(path[k], path[k + 1]);
      }
      g.stroke();
      g.setLineDash([]);
      if (detailed) {
        g.beginPath();
        for (j = 0; j < list.length; j++) {
          var arrow = A[list[j]];
          if (!arrow.length) continue;
          g.moveTo(arrow[0], arrow[1]);
          for (k = 2; k < arrow.length; k += 2) g.lineTo(arrow[k], arrow[k + 1]);
          g.closePath();
        }
        g.fill();
      }
    }
    if (isDiff) drawDiffEdges(g, px, detailed);

    // Collapsed modules: one box each, over the edges that enter them.
    for (ci = 0; ci < clusterList.length; ci++) {
      c = clusterList[ci];
      if (!c.collapsed || !shownCluster(c) || c.x1 < wx0 || c.x0 > wx1 || c.my1 < wy0 || c.my0 > wy1) continue;
      g.fillStyle = '#fff4d6';
      g.fillRect(c.x0, c.my0, c.x1 - c.x0, c.my1 - c.my0);
      g.strokeStyle = c === selectedCluster ? '#ff1744' : '#8a6d3b';
      g.lineWidth = Math.max(c === selectedCluster ? 3 : 1.2, (c === selectedCluster ? 3 : 1.2) * px);
      g.strokeRect(c.x0, c.my0, c.x1 - c.x0, c.my1 - c.my0);
      var cw = (c.x1 - c.x0) * s, chh = (c.my1 - c.my0) * s;
      if (cw >= 30 && chh >= 14) { // labels in screen pixels, centred in the visible part of the box
        g.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
        var sx0 = c.x0 * s + v.tx, sy0 = Math.max(c.my0 * s + v.ty, 0), sy1 = Math.min(c.my1 * s + v.ty, h);
        var cx = sx0 + cw / 2, cy = (sy0 + sy1) / 2, two = chh >= 36;
        g.fillStyle = '#3b2a05';
        g.textAlign = 'center';
        g.textBaseline = 'middle';
        g.font = '600 13px ' + FONT;
        g.fillText('\u25b8 ' + c.path, cx, two ? cy - 9 : cy, cw - 8);
        if (two) {
          g.font = '11px ' + FONT;
          g.fillText((c.className ? c.className + ' \u00b7 ' : '') + c.count + ' nodes' +
            (c.parameters ? ' \u00b7 ' + formatCount(c.parameters) + ' params' : ''), cx, cy + 9, cw - 8);
        }
        g.textBaseline = 'alphabetic';
        g.setTransform(pixelRatio * s, 0, 0, pixelRatio * s, pixelRatio * v.tx, pixelRatio * v.ty);
      }
    }

    // Nodes, batched by fill.
    var fills = [];
    for (var r = 0; r < 2 * F; r++) fills.push([]);
    var drawn = [];
    for (var n = 0; n < N; n++) {
      if (hiddenBy[n]) continue;
      var x = box[5 * n], y = ny[n];
      if (x > wx1 || y > wy1 || x + box[5 * n + 2] < wx0 || y + box[5 * n + 3] < wy0) continue;
      var dim = tracing && !trace[n];
      fills[fillIndex[n] + (dim ? F : 0)].push(n);
      drawn.push(n);
    }
    var stroke = detailed && 14 * s >= 3;
    for (r = 0; r < 2 * F; r++) {
      var group = fills[r];
      if (!group.length) continue;
      var dimmed = r >= F;
      g.globalAlpha = dimmed ? 0.25 : 1;
      g.fillStyle = FILLS[r % F];
      g.beginPath();
      for (j = 0; j < group.length; j++) {
        n = group[j];
        g.rect(box[5 * n], ny[n], box[5 * n + 2], box[5 * n + 3]);
      }
      g.fill();
      if (stroke) {
        g.strokeStyle = '#000';
        g.lineWidth = Math.max(0.8, 0.7 * px);
        g.stroke();
      }
    }
    g.globalAlpha = 1;
    if (isDiff) drawDiffBorders(g, px, drawn);
    if (showText) {
      g.font = FONT_SIZE + 'px ' + FONT;
      g.textAlign = 'center';
      g.textBaseline = 'alphabetic';
      g.fillStyle = '#000';
      for (j = 0; j < drawn.length; j++) {
        n = drawn[j];
        g.globalAlpha = tracing && !trace[n] ? 0.35 : 1;
        var cxn = box[5 * n] + box[5 * n + 2] / 2, base = nb[n], ls = lines[n];
        for (k = 0; k < ls.length; k++) {
          if (ls[k]) g.fillText(ls[k], cxn, base + k * LINE_HEIGHT, Math.max(4, box[5 * n + 2] - 4));
        }
      }
      g.globalAlpha = 1;
    }

    // Search matches and selection on top.
    if (matches.length) {
      g.strokeStyle = '#e91e63';
      g.lineWidth = 2.5 * px;
      g.beginPath();
      for (j = 0; j < matches.length; j++) {
        n = matches[j];
        if (hiddenBy[n]) continue;
        g.rect(box[5 * n] - 2 * px, ny[n] - 2 * px, box[5 * n + 2] + 4 * px, box[5 * n + 3] + 4 * px);
      }
      g.stroke();
    }
    if (selected >= 0 && !hiddenBy[selected]) {
      n = selected;
      g.strokeStyle = '#ff1744';
      g.lineWidth = 3.5 * px;
      g.strokeRect(box[5 * n] - 3 * px, ny[n] - 3 * px, box[5 * n + 2] + 6 * px, box[5 * n + 3] + 6 * px);
    }
    lastDrawn = drawn.length;
  }
  var lastDrawn = 0;

  function formatCount(k) {
    if (k >= 1e9) return (k / 1e9).toFixed(2) + 'G';
    if (k >= 1e6) return (k / 1e6).toFixed(2) + 'M';
    if (k >= 1e4) return (k / 1e3).toFixed(1) + 'k';
    return String(k);
  }

  var statusEl = document.getElementById('status');
  var lastStatus = '';
  function updateStatus() {
    var text = N + ' nodes \u00b7 ' + E + ' edges' +
      (hasModules ? ' \u00b7 ' + clusterList.length + (clusterList.length === 1 ? ' module' : ' modules') : '') +
      (visibleCount < N ? ' \u00b7 ' + visibleCount + ' shown' : '') +
      (graph.parameters ? ' \u00b7 ' + formatCount(graph.parameters) + ' parameters' : '') +
      ' \u00b7 zoom ' + Math.round(view.s * 100) + '%' +
      (selected >= 0 && traceMode !== 'off' ? ' \u00b7 ' + traceCount.up + ' upstream, ' + traceCount.down + ' downstream' : '');
    if (text !== lastStatus) { statusEl.textContent = text; lastStatus = text; }
  }

  // ---------------------------------------------------------------- hit testing
  function nodeAt(wx, wy) {
    for (var n = N - 1; n >= 0; n--) {
      if (hiddenBy[n]) continue;
      var x = box[5 * n], y = ny[n];
      if (wx >= x && wy >= y && wx <= x + box[5 * n + 2] && wy <= y + box[5 * n + 3]) return n;
    }
    return -1;
  }
  function collapsedAt(wx, wy) {
    for (var ci = 0; ci < clusterList.length; ci++) {
      var c = clusterList[ci];
      if (c.collapsed && shownCluster(c) && wx >= c.x0 && wx <= c.x1 && wy >= c.my0 && wy <= c.my1) return c;
    }
    return null;
  }
  function clusterTitleAt(wx, wy) {
    var found = null;
    for (var ci = 0; ci < clusterList.length; ci++) {
      var c = clusterList[ci];
      if (!c.collapsed && shownCluster(c) && wx >= c.x0 && wx <= c.x1 && wy >= c.my0 && wy <= c.my0 + Math.max(CLUSTER_TITLE, 16 / view.s) &&
          (!found || c.depth > found.depth)) found = c;
    }
    return found;
  }

  // ---------------------------------------------------------------- selection and trace
  function computeTrace() {
    trace.fill(0);
    traceCount.up = 0; traceCount.down = 0;
    if (selected < 0) return;
    trace[selected] = SELF;
    if (traceMode === 'up' || traceMode === 'both') traceCount.up = walk(selected, inAdj, tail, UP);
    if (traceMode === 'down' || traceMode === 'both') traceCount.down = walk(selected, outAdj, head, DOWN);
  }
  function walk(from, adj, other, flag) {
    var stack = [from], count = 0;
    while (stack.length) {
      var n = stack.pop();
      for (var j = adj.start[n]; j < adj.start[n + 1]; j++) {
        var m = other[adj.list[j]];
        if (!(trace[m] & (flag | SELF))) { trace[m] |= flag; count++; stack.push(m); }
      }
    }
    return count;
  }
  function select(n, center) {
    selected = n;
    selectedCluster = null;
    computeTrace();
    if (n >= 0 && center) {
      revealNode(n);
      var bx = box[5 * n], by = ny[n];
      var sx = bx * view.s + view.tx, sy = by * view.s + view.ty;
      if (view.s < 0.6) centerOnNode(n, 1);
      else if (sx < 0 || sy < 0 || sx + box[5 * n + 2] * view.s > cssW || sy + box[5 * n + 3] * view.s > cssH - 24) centerOnNode(n);
    }
    showDetails();
    schedule();
  }
  function selectCluster(c) {
    selected = -1;
    selectedCluster = c;
    computeTrace();
    showDetails();
    schedule();
  }
  function revealNode(n) {
    var changed = false;
    nodeClusters[n].forEach(function (c) { if (c.collapsed) { c.collapsed = false; changed = true; } });
    if (changed) { updateHidden(); renderModuleTree(); }
  }
  function setCollapsed(c, collapsed) {
    c.collapsed = collapsed;
    if (collapsed && selected >= 0 && nodeClusters[selected].indexOf(c) >= 0) selectCluster(c);
    updateHidden();
    renderModuleTree();
    schedule();
  }
  function collapseToDepth(depth) {
    clusterList.forEach(function (c) { c.collapsed = c.depth === depth; });
    updateHidden();
    if (selected >= 0 && hiddenBy[selected] && hiddenBy[selected] !== DIFF_HIDDEN) selectCluster(hiddenBy[selected]);
    renderModuleTree();
    fit();
  }

  // ---------------------------------------------------------------- DOM helpers (text only)
  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined && text !== null) x.textContent = String(text);
    return x;
  }
  function row(table, name, value, empty) {
    var tr = el('tr');
    tr.appendChild(el('th', null, name));
    var td = el('td', empty ? 'empty' : null, value);
    tr.appendChild(td);
    table.appendChild(tr);
    return td;
  }
  function shapeText(shape) { return '(' + shape.join(', ') + ')'; }
  function shortLabel(n) {
    var node = nodes[n];
    if (node.kind === 'function') return node.name;
    return (node.name ? node.name.split('\n').join('\u21b5') : '(unnamed)') + ' ' + shapeText(node.shape);
  }

  var details = document.getElementById('details');
  function showDetails() {
    while (details.firstChild) details.removeChild(details.firstChild);
    details.appendChild(el('h2', null, 'Details'));
    if (selectedCluster) { showClusterDetails(selectedCluster); return; }
    if (selected < 0) { details.appendChild(el('p', 'hint', 'Click a node to see its details.')); return; }
    var node = nodes[selected];
    details.setAttribute('data-node-id', node.id);
    details.appendChild(el('p', 'title', node.kind === 'function' ? node.name : (node.name || '(unnamed tensor)')));
    var table = el('table');
    row(table, 'kind', node.kind.replace('_', ' '));
    var roleCell = row(table, 'colour', '');
    var sw = el('span', 'swatch');
    var fill = FILLS[fillIndex[selected]];
    sw.style.background = fill;
    roleCell.appendChild(sw);
    roleCell.appendChild(document.createTextNode(' ' + (fill === ROLE_FILL[node.role]
        ? ROLE_MEANING[node.role] : node.diff ? diffColourMeaning(node)
        : 'gradient colour ' + fill + ', explained in the gradient legend box')));
    if (node.diff) row(table, 'diff', DIFF_MEANING[node.diff] || node.diff).setAttribute('data-field', 'diff');
    var nameCell = row(table, 'name', node.name || 'none', !node.name);
    nameCell.setAttribute('data-field', 'name');
    if (node.kind !== 'function') row(table, 'shape', node.kind === 'freed_tensor' ? '(freed)' : shapeText(node.shape)).setAttribute('data-field', 'shape');
    if (node.dtype) row(table, 'dtype', node.dtype);
    if (node.device) row(table, 'device', node.device);
    if (node.sequenceNr !== null && node.sequenceNr !== undefined) row(table, 'sequence nr', node.sequenceNr);
    var modCell = row(table, 'module', node.module || (hasModules ? '(root)' : 'not captured'), !node.module);
    modCell.setAttribute('data-field', 'module');
    var mi = moduleInfo.get(node.module);
    if (mi && mi.className) row(table, 'module class', mi.className);
    row(table, 'id', node.id);
    details.appendChild(table);

    var actions = el('div', 'actions');
    [['both', 'Up + downstream'], ['up', 'Upstream'], ['down', 'Downstream'], ['off', 'No trace']].forEach(function (m) {
      var btn = el('button', null, m[1]);
      btn.type = 'button';
      btn.setAttribute('aria-pressed', String(traceMode === m[0]));
      btn.setAttribute('data-trace', m[0]);
      btn.addEventListener('click', function () { setTrace(m[0]); });
      actions.appendChild(btn);
    });
    var chain = nodeClusters[selected];
    if (chain.length) {
      var col = el('button', null, 'Collapse ' + chain[chain.length - 1].path);
      col.type = 'button';
      col.addEventListener('click', function () { setCollapsed(chain[chain.length - 1], true); });
      actions.appendChild(col);
    }
    details.appendChild(actions);

    if (node.attributes && node.attributes.length) {
      details.appendChild(el('h3', null, 'Attributes'));
      var at = el('table');
      node.attributes.forEach(function (a) { row(at, a.name, a.text); });
      details.appendChild(at);
    }
    var saved = [], inputs = [], consumers = [];
    for (var j = outAdj.start[selected]; j < outAdj.start[selected + 1]; j++) {
      var ed = outAdj.list[j];
      if (edges[ed].kind === 'saved') saved.push(ed); else consumers.push(head[ed]);
    }
    for (j = inAdj.start[selected]; j < inAdj.start[selected + 1]; j++) inputs.push(tail[inAdj.list[j]]);
    if (saved.length) {
      details.appendChild(el('h3', null, 'Saved tensors'));
      var stab = el('table');
      saved.forEach(function (ed) {
        var h = nodes[head[ed]];
        row(stab, edges[ed].name || '(saved)', h.kind === 'freed_tensor' ? '(freed)' : shapeText(h.shape));
      });
      details.appendChild(stab);
    }
    neighbourList('Inputs (upstream)', inputs);
    neighbourList('Consumers (downstream)', consumers);
  }
  function neighbourList(title, list) {
    if (!list.length) return;
    details.appendChild(el('h3', null, title + ' \u00b7 ' + list.length));
    var box2 = el('div', 'neighbours');
    list.slice(0, 60).forEach(function (n) {
      var b = el('button', null, shortLabel(n));
      b.type = 'button';
      b.title = nodes[n].label;
      b.addEventListener('click', function () { select(n, true); });
      box2.appendChild(b);
    });
    if (list.length > 60) box2.appendChild(el('p', 'hint', '\u2026 and ' + (list.length - 60) + ' more'));
    details.appendChild(box2);
  }
  function showClusterDetails(c) {
    details.removeAttribute('data-node-id');
    details.appendChild(el('p', 'title', c.path));
    var table = el('table');
    row(table, 'kind', 'module');
    row(table, 'class', c.className || 'unknown', !c.className);
    row(table, 'nodes', c.count);
    row(table, 'parameters', c.parameters ? c.parameters.toLocaleString('en-US') : '0');
    row(table, 'state', c.collapsed ? 'collapsed' : 'expanded');
    details.appendChild(table);
    var actions = el('div', 'actions');
    var t = el('button', null, c.collapsed ? 'Expand' : 'Collapse');
    t.type = 'button';
    t.addEventListener('click', function () { setCollapsed(c, !c.collapsed); showDetails(); });
    actions.appendChild(t);
    var z = el('button', null, 'Zoom to module');
    z.type = 'button';
    z.addEventListener('click', function () { zoomToCluster(c); });
    actions.appendChild(z);
    details.appendChild(actions);
  }
  function zoomToCluster(c) {
    var s = Math.min(2, Math.min(cssW / (c.x1 - c.x0 + 40), (cssH - 24) / (c.my1 - c.my0 + 40)));
    centerOn((c.x0 + c.x1) / 2, (c.my0 + c.my1) / 2, s);
  }
  function setTrace(mode) {
    traceMode = mode;
    computeTrace();
    if (selected >= 0) showDetails();
    schedule();
  }

  // ---------------------------------------------------------------- module tree
  var tree = document.getElementById('module-tree');
  function renderModuleTree() {
    while (tree.firstChild) tree.removeChild(tree.firstChild);
    if (!hasModules) {
      tree.appendChild(el('p', 'hint', 'This graph has no module information. Capture with module scopes or named parameters to group nodes by module.'));
      return;
    }
    var actions = el('div', 'actions');
    var maxDepth = clusterList.reduce(function (m, c) { return Math.max(m, c.depth); }, 0);
    for (var d = 1; d <= maxDepth; d++) {
      (function (depth) {
        var b = el('button', null, 'Depth ' + depth);
        b.type = 'button';
        b.title = 'Collapse every module at depth ' + depth;
        b.addEventListener('click', function () { collapseToDepth(depth); });
        actions.appendChild(b);
      })(d);
    }
    var all = el('button', null, 'Expand all');
    all.type = 'button';
    all.addEventListener('click', function () { collapseToDepth(-1); });
    actions.appendChild(all);
    tree.appendChild(actions);
    var frag = document.createDocumentFragment();
    executionOrder().forEach(function (c) {
      for (var q = c.parent; q; q = q.parent) if (q.collapsed) return;
      var r = el('div', 'row' + (c.collapsed ? ' collapsed' : ''));
      r.style.paddingLeft = (c.depth - 1) * 14 + 'px';
      r.setAttribute('data-path', c.path);
      var t = el('button', 'toggle', c.collapsed ? '\u25b8' : '\u25be');
      t.type = 'button';
      t.title = (c.collapsed ? 'Expand ' : 'Collapse ') + c.path;
      t.setAttribute('aria-expanded', String(!c.collapsed));
      t.addEventListener('click', function () { setCollapsed(c, !c.collapsed); });
      r.appendChild(t);
      var name = el('button', 'name', c.path);
      name.type = 'button';
      name.title = 'Select and zoom to ' + c.path;
      name.addEventListener('click', function () { selectCluster(c); zoomToCluster(c); });
      r.appendChild(name);
      if (c.className) r.appendChild(el('span', 'class', c.className));
      frag.appendChild(r);
    });
    tree.appendChild(frag);
  }

  // ---------------------------------------------------------------- search
  var searchEl = document.getElementById('search');
  var countEl = document.getElementById('count');
  var haystack = null;
  function runSearch(query) {
    query = query.trim().toLowerCase();
    lastQuery = query;
    isMatch.fill(0);
    matches = [];
    matchAt = -1;
    if (query) {
      if (!haystack) {
        haystack = new Array(N);
        for (var j = 0; j < N; j++) {
          haystack[j] = (nodes[j].label.split('\n').join(' ') + '\u0001' + nodes[j].name + '\u0001' + nodes[j].module + '\u0001' + nodes[j].id).toLowerCase();
        }
      }
      for (j = 0; j < N; j++) if (haystack[j].indexOf(query) >= 0) { matches.push(j); isMatch[j] = 1; }
      matches.sort(function (p, q) { return box[5 * p + 1] - box[5 * q + 1] || box[5 * p] - box[5 * q]; });
    }
    updateCount();
    schedule();
  }
  function updateCount() {
    if (!lastQuery) countEl.textContent = '';
    else if (!matches.length) countEl.textContent = 'no match';
    else countEl.textContent = (matchAt >= 0 ? matchAt + 1 : 0) + ' of ' + matches.length;
  }
  function step(delta) {
    if (searchEl.value.trim().toLowerCase() !== lastQuery) runSearch(searchEl.value);
    if (!matches.length) return;
    matchAt = matchAt < 0 ? (delta > 0 ? 0 : matches.length - 1) : (matchAt + delta + matches.length) % matches.length;
    updateCount();
    select(matches[matchAt], true);
  }
  var searchTimer = 0;
  searchEl.addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { runSearch(searchEl.value); }, N > 5000 ? 150 : 0);
  });
  searchEl.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') { ev.preventDefault(); step(ev.shiftKey ? -1 : 1); }
    else if (ev.key === 'Escape') { searchEl.value = ''; runSearch(''); canvas.focus(); }
  });
  document.getElementById('next').addEventListener('click', function () { step(1); });
  document.getElementById('prev').addEventListener('click', function () { step(-1); });

  // ---------------------------------------------------------------- export
  var SVG_NS = 'http://www.w3.org/2000/svg';
  function svgEl(tag, attrs) {
    var x = document.createElementNS(SVG_NS, tag);
    for (var key in attrs) if (Object.prototype.hasOwnProperty.call(attrs, key)) x.setAttribute(key, String(attrs[key]));
    return x;
  }
  function r2(v) { return Math.round(v * 100) / 100; }
  function pointsOf(flat) {
    var out = [];
    for (var k = 0; k < flat.length; k += 2) out.push(r2(flat[k]) + ',' + r2(flat[k + 1]));
    return out;
  }
  /** The current view as an SVG document, built as DOM nodes and serialized: text stays text. */
  function exportSvgText() {
    var wx0 = -view.tx / view.s, wy0 = -view.ty / view.s, ww = cssW / view.s, wh = cssH / view.s;
    var wx1 = wx0 + ww, wy1 = wy0 + wh;
    var tracing = selected >= 0 && traceMode !== 'off';
    var svg = svgEl('svg', { width: Math.round(cssW), height: Math.round(cssH), viewBox: [r2(wx0), r2(wy0), r2(ww), r2(wh)].join(' ') });
    svg.appendChild(svgEl('rect', { x: r2(wx0), y: r2(wy0), width: r2(ww), height: r2(wh), fill: 'white' }));
    var root = svgEl('g', { 'font-family': 'DejaVu Sans Mono, Menlo, Consolas, monospace', 'font-size': FONT_SIZE });
    svg.appendChild(root);
    function inView(x0, y0, x1, y1) { return !(x1 < wx0 || x0 > wx1 || y1 < wy0 || y0 > wy1); }
    clusterList.forEach(function (c) {
      if (c.collapsed || !shownCluster(c) || !inView(c.x0, c.my0, c.x1, c.my1)) return;
      var gc = svgEl('g', { 'class': 'cluster', 'data-path': c.path });
      gc.appendChild(svgEl('rect', { x: r2(c.x0), y: r2(c.my0), width: r2(c.x1 - c.x0), height: r2(c.my1 - c.my0), fill: 'rgb(90,110,200)', 'fill-opacity': 0.06, stroke: '#7a7aa8', 'stroke-dasharray': '4,3' }));
      var t = svgEl('text', { x: r2(c.x0 + 4), y: r2(c.my0 + 11), 'font-size': 9, fill: '#3d3d6b', 'xml:space': 'preserve' });
      t.textContent = c.path + (c.className ? '  ' + c.className : '');
      gc.appendChild(t);
      root.appendChild(gc);
    });
    for (var e = 0; e < E; e++) {
      var hb = hiddenBy[tail[e]];
      if (hb && hb === hiddenBy[head[e]]) continue;
      if (!inView(EB[4 * e], EB[4 * e + 1], EB[4 * e + 2], EB[4 * e + 3])) continue;
      if (isDiff && diffCutsEdge(e)) continue;
      var color = '#000', opacity = 1;
      if (tracing) {
        var tt = trace[tail[e]], th = trace[head[e]];
        if ((tt & UP) && (th & (UP | SELF))) color = '#1565c0';
        else if ((th & DOWN) && (tt & (DOWN | SELF))) color = '#d84315';
        else opacity = 0.15;
      }
      if (isDiff && !tracing) color = DIFF_EDGE[edges[e].diff || 'same'][0];
      var ge = svgEl('g', { 'class': 'edge', 'data-kind': edges[e].kind, opacity: opacity });
      var pts = pointsOf(P[e]);
      var attrs = { d: 'M' + pts.join('L'), fill: 'none', stroke: color };
      if (edges[e].kind === 'view') attrs['stroke-dasharray'] = '1,5';
      if (isDiff && !tracing) diffSvgEdge(attrs, e);
      ge.appendChild(svgEl('path', attrs));
      if (A[e].length) ge.appendChild(svgEl('polygon', { points: pointsOf(A[e]).join(' '), fill: color, stroke: color }));
      root.appendChild(ge);
    }
    clusterList.forEach(function (c) {
      if (!c.collapsed || !shownCluster(c) || !inView(c.x0, c.my0, c.x1, c.my1)) return;
      var gc = svgEl('g', { 'class': 'module collapsed', 'data-path': c.path });
      gc.appendChild(svgEl('rect', { x: r2(c.x0), y: r2(c.my0), width: r2(c.x1 - c.x0), height: r2(c.my1 - c.my0), fill: '#fff4d6', stroke: '#8a6d3b' }));
      var t = svgEl('text', { x: r2((c.x0 + c.x1) / 2), y: r2(c.my0 + 20), 'text-anchor': 'middle', 'xml:space': 'preserve' });
      t.textContent = c.path + (c.className ? ' \u00b7 ' + c.className : '') + ' \u00b7 ' + c.count + ' nodes';
      gc.appendChild(t);
      root.appendChild(gc);
    });
    for (var n = 0; n < N; n++) {
      if (hiddenBy[n]) continue;
      var x = box[5 * n], y = ny[n], w = box[5 * n + 2], h = box[5 * n + 3];
      if (!inView(x, y, x + w, y + h)) continue;
      var gn = svgEl('g', { 'class': 'node', 'data-id': nodes[n].id, 'data-role': nodes[n].role, opacity: tracing && !trace[n] ? 0.3 : 1 });
      var rect = gn.appendChild(svgEl('rect', { x: r2(x), y: r2(y), width: r2(w), height: r2(h), fill: FILLS[fillIndex[n]], stroke: n === selected ? '#ff1744' : isMatch[n] ? '#e91e63' : 'black', 'stroke-width': n === selected || isMatch[n] ? 2.5 : 1 }));
      if (isDiff && n !== selected && !isMatch[n]) diffSvgNode(rect, gn, n);
      var ls = lines[n];
      for (var k = 0; k < ls.length; k++) {
        var t = svgEl('text', { x: r2(x + w / 2), y: r2(nb[n] + k * LINE_HEIGHT), 'text-anchor': 'middle', 'xml:space': 'preserve' });
        t.textContent = ls[k];
        gn.appendChild(t);
      }
      root.appendChild(gn);
    }
    return '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + new XMLSerializer().serializeToString(svg) + '\n';
  }
  function download(blob, fileName) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  function exportPng(callback) {
    var scale = Math.max(1, Math.min(2, 16000 / Math.max(cssW, cssH)));
    var off = document.createElement('canvas');
    off.width = Math.round(cssW * scale); off.height = Math.round(cssH * scale);
    draw(off.getContext('2d'), cssW, cssH, scale, view);
    off.toBlob(function (blob) { if (blob) callback(blob); }, 'image/png');
  }
  document.getElementById('export-svg').addEventListener('click', function () {
    download(new Blob([exportSvgText()], { type: 'image/svg+xml' }), 'torchviz4j-view.svg');
  });
  document.getElementById('export-png').addEventListener('click', function () {
    exportPng(function (blob) { download(blob, 'torchviz4j-view.png'); });
  });

  // ---------------------------------------------------------------- input
  var drag = null;
  canvas.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0) return;
    canvas.setPointerCapture(ev.pointerId);
    drag = { x: ev.clientX, y: ev.clientY, moved: false };
    canvas.focus({ preventScroll: true });
  });
  canvas.addEventListener('pointermove', function (ev) {
    var r = canvas.getBoundingClientRect();
    if (drag) {
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; canvas.classList.add('panning'); }
      if (drag.moved) { panBy(dx, dy); drag.x = ev.clientX; drag.y = ev.clientY; }
      return;
    }
    var wpt = toWorld(ev.clientX - r.left, ev.clientY - r.top);
    var over = nodeAt(wpt.x, wpt.y) >= 0 || !!collapsedAt(wpt.x, wpt.y) || !!clusterTitleAt(wpt.x, wpt.y);
    canvas.classList.toggle('over-node', over);
  });
  canvas.addEventListener('pointerup', function (ev) {
    if (!drag) return;
    var wasClick = !drag.moved;
    drag = null;
    canvas.classList.remove('panning');
    if (!wasClick) return;
    var r = canvas.getBoundingClientRect();
    var wpt = toWorld(ev.clientX - r.left, ev.clientY - r.top);
    var n = nodeAt(wpt.x, wpt.y);
    if (n >= 0) { select(n, false); return; }
    var c = collapsedAt(wpt.x, wpt.y);
    if (c) { selectCluster(c); return; }
    var title = clusterTitleAt(wpt.x, wpt.y);
    if (title) { setCollapsed(title, true); selectCluster(title); return; }
    select(-1);
  });
  canvas.addEventListener('pointercancel', function () { drag = null; canvas.classList.remove('panning'); });
  canvas.addEventListener('dblclick', function (ev) {
    var r = canvas.getBoundingClientRect();
    var wpt = toWorld(ev.clientX - r.left, ev.clientY - r.top);
    var c = collapsedAt(wpt.x, wpt.y);
    if (c) { setCollapsed(c, false); selectCluster(c); return; }
    var n = nodeAt(wpt.x, wpt.y);
    if (n >= 0) centerOnNode(n);
  });
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = canvas.getBoundingClientRect();
    var unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? cssH : 1;
    if (ev.ctrlKey || !ev.shiftKey) zoomAt(Math.exp(-ev.deltaY * unit * (ev.ctrlKey ? 0.01 : 0.0015)), ev.clientX - r.left, ev.clientY - r.top);
    else panBy(-ev.deltaX * unit, -ev.deltaY * unit);
  }, { passive: false });
  document.addEventListener('keydown', function (ev) {
    var target = ev.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
    if (ev.ctrlKey && (ev.key === 'f' || ev.key === 'F')) { ev.preventDefault(); searchEl.focus(); searchEl.select(); return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var stepPx = ev.shiftKey ? 240 : 60, handled = true;
    switch (ev.key) {
      case 'ArrowLeft': panBy(stepPx, 0); break;
      case 'ArrowRight': panBy(-stepPx, 0); break;
      case 'ArrowUp': panBy(0, stepPx); break;
      case 'ArrowDown': panBy(0, -stepPx); break;
      case '+': case '=': zoomAt(1.25, cssW / 2, cssH / 2); break;
      case '-': case '_': zoomAt(0.8, cssW / 2, cssH / 2); break;
      case 'f': case 'F': case '0': fit(); break;
      case '1': zoomAt(1 / view.s, cssW / 2, cssH / 2); break;
      case '/': searchEl.focus(); searchEl.select(); break;
      case 'n': step(1); break;
      case 'N': step(-1); break;
      case 'u': case 'U': setTrace('up'); break;
      case 'd': case 'D': setTrace('down'); break;
      case 'b': case 'B': setTrace('both'); break;
      case 't': case 'T': setTrace('off'); break;
      case 'c': case 'C':
        if (selected >= 0 && nodeClusters[selected].length) { var ch = nodeClusters[selected]; setCollapsed(ch[ch.length - 1], true); }
        break;
      case 'e': case 'E': collapseToDepth(-1); break;
      case 'p': case 'P': togglePanel(); break;
      case '?': toggleHelp(); break;
      case 'Escape': select(-1); document.getElementById('help').hidden = true; break;
      default: handled = false;
    }
    if (handled) ev.preventDefault();
  });
  function togglePanel() {
    var app = document.getElementById('app');
    app.classList.toggle('no-panel');
    document.getElementById('panel-toggle').setAttribute('aria-expanded', String(!app.classList.contains('no-panel')));
    resize();
  }
  function toggleHelp() {
    var help = document.getElementById('help');
    help.hidden = !help.hidden;
    document.getElementById('help-toggle').setAttribute('aria-expanded', String(!help.hidden));
  }
  document.getElementById('fit').addEventListener('click', fit);
  document.getElementById('zoom-in').addEventListener('click', function () { zoomAt(1.25, cssW / 2, cssH / 2); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoomAt(0.8, cssW / 2, cssH / 2); });
  document.getElementById('zoom-1').addEventListener('click', function () { zoomAt(1 / view.s, cssW / 2, cssH / 2); });
  document.getElementById('collapse-all').addEventListener('click', function () { collapseToDepth(1); });
  document.getElementById('expand-all').addEventListener('click', function () { collapseToDepth(-1); });
  document.getElementById('help-toggle').addEventListener('click', toggleHelp);
  document.getElementById('panel-toggle').addEventListener('click', togglePanel);
  window.addEventListener('resize', resize);

  // ---------------------------------------------------------------- diff
  // The drawing of a diff gives every node and edge a "diff": same (faded), added (green border),
  // removed (red dashed border), changed (orange border); modules carry their counts of changes.
  // "Changed only" hides every node that is neither changed nor next to a change, as a collapsed
  // module hides its nodes. The styles are those of drawing.Mark.
  var DIFF_STYLE = {
    same: ['#a8a8a8', 1, false], added: ['#1fa13a', 3, false], removed: ['#d62728', 3, true], changed: ['#f57c00', 3, false]
  };
  var DIFF_EDGE = {
    same: ['#bdbdbd', 1, false], added: ['#1fa13a', 2, false], removed: ['#d62728', 2, true], changed: ['#f57c00', 2, false]
  };
  var isDiff = nodes.some(function (nd) { return !!nd.diff; });
  var DIFF_HIDDEN = { path: '(unchanged)', diffHidden: true };
  var diffOnly = false;
  var diffEdgeList = [];
  var diffKeep = new Uint8Array(N);
  (function diffKeepSet() {
    if (!isDiff) return;
    function changed(n) { return nodes[n].diff && nodes[n].diff !== 'same' && nodes[n].role !== 'note'; }
    for (var n = 0; n < N; n++) if (changed(n) || nodes[n].role === 'note') diffKeep[n] = 1;
    for (var e = 0; e < E; e++) {
      if (changed(tail[e]) || changed(head[e]) || (edges[e].diff && edges[e].diff !== 'same')) {
        diffKeep[tail[e]] = 1;
        diffKeep[head[e]] = 1;
      }
    }
  })();
  function diffHides(n) { return diffOnly && !diffKeep[n] ? DIFF_HIDDEN : null; }
  function diffCutsEdge(e) { return diffOnly && (hiddenBy[tail[e]] === DIFF_HIDDEN || hiddenBy[head[e]] === DIFF_HIDDEN); }
  // Called from the edge loop for each edge in view: the diff draws it in its own style, except
  // while a selection's trace colours the edges.
  function diffTakesEdge(e) {
    if (diffCutsEdge(e)) return true;
    if (selected >= 0 && traceMode !== 'off') return false;
    diffEdgeList.push(e);
    return true;
  }
  function drawDiffEdges(g, px, detailed) {
    var byStyle = {};
    diffEdgeList.forEach(function (e) { var k = edges[e].diff || 'same'; (byStyle[k] = byStyle[k] || []).push(e); });
    diffEdgeList = [];
    ['same', 'changed', 'removed', 'added'].forEach(function (k) {
      var list = byStyle[k];
      if (!list) return;
      var st = DIFF_EDGE[k];
      g.strokeStyle = st[0];
      g.fillStyle = st[0];
      g.lineWidth = Math.max(st[1], st[1] * 0.7 * px);
      g.beginPath();
      list.forEach(function (e) {
        var path = P[e];
        g.setLineDash(st[2] ? [5, 3] : edges[e].kind === 'view' ? [1, 5] : []);
        g.moveTo(path[0], path[1]);
        for (var k2 = 2; k2 < path.length; k2 += 2) g.lineTo(path[k2], path[k2 + 1]);
      });
      g.stroke();
      g.setLineDash([]);
      if (!detailed) return;
      g.beginPath();
      list.forEach(function (e) {
        var arrow = A[e];
        if (!arrow.length) return;
        g.moveTo(arrow[0], arrow[1]);
        for (var k2 = 2; k2 < arrow.length; k2 += 2) g.lineTo(arrow[k2], arrow[k2 + 1]);
        g.closePath();
      });
      g.fill();
    });
  }
  // Borders over the nodes drawn, thick enough to see when zoomed out.
  function drawDiffBorders(g, px, drawn) {
    ['same', 'changed', 'removed', 'added'].forEach(function (k) {
      var st = DIFF_STYLE[k];
      g.strokeStyle = st[0];
      g.lineWidth = k === 'same' ? Math.max(0.8, 0.7 * px) : Math.max(st[1], 2 * px);
      g.setLineDash(st[2] ? [5, 3] : []);
      g.beginPath();
      var any = false;
      for (var j = 0; j < drawn.length; j++) {
        var n = drawn[j];
        if (nodes[n].diff !== k) continue;
        g.rect(box[5 * n], ny[n], box[5 * n + 2], box[5 * n + 3]);
        any = true;
      }
      if (any) g.stroke();
      g.setLineDash([]);
    });
  }
  var DIFF_MEANING = {
    same: 'same in both graphs', added: 'added: only in the graph after', removed: 'removed: only in the graph before',
    changed: 'changed: another op, shape, dtype or attribute at the same place (old \u2192 new in the label)'
  };
  function diffColourMeaning(node) {
    return (ROLE_MEANING[node.role] || node.role) + (node.diff === 'same' ? ', faded: the same in both graphs' : '');
  }
  // The export of the current view as SVG keeps the marks.
  function diffSvgNode(rect, group, n) {
    var st = DIFF_STYLE[nodes[n].diff];
    if (!st) return;
    rect.setAttribute('stroke', st[0]);
    rect.setAttribute('stroke-width', st[1]);
    if (st[2]) rect.setAttribute('stroke-dasharray', '5,3');
    group.setAttribute('data-diff', nodes[n].diff);
  }
  function diffSvgEdge(attrs, e) {
    var st = DIFF_EDGE[edges[e].diff || 'same'];
    attrs['stroke-width'] = st[1];
    if (st[2] && edges[e].kind !== 'view') attrs['stroke-dasharray'] = '5,3';
  }
  function diffTitle(c) {
    var m = moduleInfo.get(c.path);
    return m && m.diff ? '  ' + m.diff : '';
  }
  function setDiffOnly(on) {
    diffOnly = on;
    var button = document.getElementById('diff-changed-only');
    if (button) button.setAttribute('aria-pressed', String(on));
    updateHidden();
    if (selected >= 0 && hiddenBy[selected] === DIFF_HIDDEN) select(-1);
    if (on) diffZoomToKept(); else fit();
    schedule();
  }
  function diffZoomToKept() {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var n = 0; n < N; n++) {
      if (hiddenBy[n] || nodes[n].role === 'note') continue;
      x0 = Math.min(x0, box[5 * n]); x1 = Math.max(x1, box[5 * n] + box[5 * n + 2]);
      y0 = Math.min(y0, ny[n]); y1 = Math.max(y1, ny[n] + box[5 * n + 3]);
    }
    if (x0 === Infinity) { fit(); return; }
    centerOn((x0 + x1) / 2, (y0 + y1) / 2, Math.min(2, cssW / (x1 - x0 + 80), (cssH - 24) / (y1 - y0 + 80)));
  }
  if (isDiff) {
    (function diffToolbar() {
      var before = document.getElementById('export-svg');
      var sep = document.createElement('span');
      sep.className = 'sep';
      var button = document.createElement('button');
      button.id = 'diff-changed-only';
      button.type = 'button';
      button.title = 'Show only the changed nodes and their neighbours (X)';
      button.textContent = 'Changed only';
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', function () { setDiffOnly(!diffOnly); });
      before.parentNode.insertBefore(sep, before);
      before.parentNode.insertBefore(button, sep);
      document.addEventListener('keydown', function (ev) {
        if ((ev.key === 'x' || ev.key === 'X') && !ev.ctrlKey && !ev.metaKey && !ev.altKey
            && !(ev.target && /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName))) setDiffOnly(!diffOnly);
      });
      var rows = document.getElementById('legend-rows');
      if (rows) {
        [['added', 'added'], ['removed', 'removed'], ['changed', 'changed: old \u2192 new'], ['same', 'same in both (faded)']].forEach(function (r) {
          var row = document.createElement('div');
          row.className = 'legend-row';
          var sw = document.createElement('span');
          sw.className = 'swatch diff-' + r[0];
          var label = document.createElement('span');
          label.textContent = r[1];
          row.appendChild(sw);
          row.appendChild(label);
          rows.appendChild(row);
        });
      }
    })();
  }
  api.diffChangedOnly = function (on) { if (isDiff) setDiffOnly(!!on); };

  // ---------------------------------------------------------------- start
  if (hasModules) document.body.classList.add('has-modules');
  document.title = 'torchviz4j: ' + N + ' nodes';
  if (layout.collapsedDepth > 0) clusterList.forEach(function (c) { c.collapsed = c.depth === layout.collapsedDepth; });
  updateHidden();
  renderModuleTree();
  resize();
  // The legend folds to its title, so that it need not cover the drawing.
  (function legendToggle() {
    var toggle = document.getElementById('legend-toggle');
    var rows = document.getElementById('legend-rows');
    if (!toggle || !rows) return;
    function set(open) { rows.hidden = !open; toggle.setAttribute('aria-expanded', String(open)); }
    toggle.addEventListener('click', function () { set(rows.hidden); });
    document.addEventListener('keydown', function (e) {
      if ((e.key === 'l' || e.key === 'L') && !e.ctrlKey && !e.metaKey && !e.altKey
          && !(e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))) set(rows.hidden);
    });
  })();
  initialView();

  // Hooks for tests and measurement; the page works without them.
  api.stats = function () {
    return { nodes: N, edges: E, visibleNodes: visibleCount, drawnNodes: lastDrawn, modules: clusterList.length,
      collapsed: clusterList.filter(function (c) { return c.collapsed; }).length, scale: view.s, fitScale: fitScale(),
      matches: matches.length, selected: selected >= 0 ? nodes[selected].id : null,
      upstream: traceCount.up, downstream: traceCount.down };
  };
  api.nodeScreenCenter = function (id) {
    var n = idIndex.get(id), r = canvas.getBoundingClientRect();
    return { x: r.left + view.tx + (box[5 * n] + box[5 * n + 2] / 2) * view.s, y: r.top + view.ty + (ny[n] + box[5 * n + 3] / 2) * view.s };
  };
  /** A point inside a node's box, clear of its border and label: where its fill shows. */
  api.nodeFillPoint = function (id) {
    var n = idIndex.get(id), r = canvas.getBoundingClientRect();
    return { x: r.left + view.tx + (box[5 * n] + 3) * view.s, y: r.top + view.ty + (ny[n] + box[5 * n + 3] / 2) * view.s };
  };
  api.clusterTitleScreenPoint = function (path) {
    var c = clusters.get(path), r = canvas.getBoundingClientRect();
    return { x: r.left + view.tx + c.x0 * view.s + 30, y: r.top + view.ty + c.my0 * view.s + 7 };
  };
  api.revealNode = function (id) { var n = idIndex.get(id); revealNode(n); centerOnNode(n, Math.max(view.s, 1)); };
  api.zoomToModule = function (path) { zoomToCluster(clusters.get(path)); };
  api.fit = fit;
  api.panBy = panBy;
  api.zoomAt = zoomAt;
  api.drawTimes = function () { return drawTimes.slice(); };
  api.exportSvgText = exportSvgText;
})();

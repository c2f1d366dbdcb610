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
        var foldBy = foldHider(chain[l2]); // fold
        if (foldBy) { by = foldBy; break; }
        if (chain[l2].collapsed) { by = chain[l2]; break; }
      }
      hiddenBy[j] = by || diffHides(j);
      if (!hiddenBy[j]) visibleCount++;
    }
    remap();
  }
  function shownCluster(c) { // drawn at all: no collapsed ancestor
    for (var q = c.parent; q; q = q.parent) if (q.collapsed) return false;
    return !foldHides(c); // fold
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
    foldPieces(merged, pieces); // fold
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
    foldRoutes(); // fold
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
      foldStack(g, c, px); // fold
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
        g.fillText('\u25be ' + foldTitle(c) + (foldClass(c) ? '  ' + foldClass(c) : '') + diffTitle(c), c.x0 * s + v.tx + 4, c.my0 * s + v.ty + tfs + 3, sw - 8);
        g.setTransform(pixelRatio * s, 0, 0, pixelRatio * s, pixelRatio * v.tx, pixelRatio * v.ty);
      }
    }

    // Edges, batched by style.
    var buckets = [[], [], [], [], [], []]; // plain, dotted, up, down, dim, dim dotted
    for (var e = 0; e < E; e++) {
      var hb = hiddenBy[tail[e]];
      if ((hb && hb === hiddenBy[head[e]]) || foldDrop[e]) continue;
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
      foldStack(g, c, px); // fold
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
        g.fillText('\u25b8 ' + foldTitle(c), cx, two ? cy - 9 : cy, cw - 8);
        if (two) {
          g.font = '11px ' + FONT;
          g.fillText((foldClass(c) ? foldClass(c) + ' \u00b7 ' : '') + c.count + ' nodes' +
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

    drawBackward(g, s, px, showText);

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
    var changed = foldReveal(n); // fold
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
    backwardDetails(table, node);
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
    foldNodeActions(selected, actions); // fold
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
    foldClusterDetails(c, table, actions); // fold
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
      if (foldHides(c)) return; // fold
      var r = el('div', 'row' + (c.collapsed ? ' collapsed' : ''));
      r.style.paddingLeft = (c.depth - 1) * 14 + 'px';
      r.setAttribute('data-path', c.path);
      var t = el('button', 'toggle', c.collapsed ? '\u25b8' : '\u25be');
      t.type = 'button';
      t.title = (c.collapsed ? 'Expand ' : 'Collapse ') + c.path;
      t.setAttribute('aria-expanded', String(!c.collapsed));
      t.addEventListener('click', function () { setCollapsed(c, !c.collapsed); });
      r.appendChild(t);
      var name = el('button', 'name', treeName(c));
      name.type = 'button';
      name.title = 'Select and zoom to ' + foldTitle(c);
      name.addEventListener('click', function () { selectCluster(c); zoomToCluster(c); });
      r.appendChild(name);
      if (foldClass(c)) r.appendChild(el('span', 'class', foldClass(c)));
      foldTreeRow(c, r); // fold
      frag.appendChild(r);
    });
    tree.appendChild(frag);
  }

  /**
   * A module's name in the tree: its path without its parent's, which the rows above show
   * ('self_attn' under 'layers.0'; a folded run '1 \u2026 47'); the whole path is its tooltip.
   */
  function treeName(c) {
    var prefix = c.parent ? c.parent.path + '.' : '';
    function own(path) { return prefix && path.indexOf(prefix) === 0 ? path.slice(prefix.length) : path; }
    var g = c.foldFirst;
    return g && g.folded ? own(g.path) + ' \u2026 ' + own(g.last) : own(c.path);
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
      t.textContent = foldTitle(c) + (foldClass(c) ? '  ' + foldClass(c) : '');
      gc.appendChild(t);
      root.appendChild(gc);
    });
    for (var e = 0; e < E; e++) {
      var hb = hiddenBy[tail[e]];
      if ((hb && hb === hiddenBy[head[e]]) || foldDrop[e]) continue;
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
      t.textContent = foldTitle(c) + (foldClass(c) ? ' \u00b7 ' + foldClass(c) : '') + ' \u00b7 ' + c.count + ' nodes';
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
    exportBackwardSvg(root, inView);
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
    if (title) { if (foldTitleClick(title)) return; setCollapsed(title, true); selectCluster(title); return; }
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

  // ---------------------------------------------------------------- fold
  // Repeated blocks (RenderOptions.withFold, --fold). The page holds the complete graph, laid out
  // unfolded, and graph.folds: the runs of identical consecutive sibling modules the static
  // picture draws once (ModuleFold). The viewer opens each run folded: only its first module is
  // drawn, titled with the range and count ('layers.1 … layers.47  TransformerEncoderLayer ×47'),
  // and the copies' nodes are hidden as the insides of a collapsed module are, the height they
  // leave shrinking to a narrow band (remap). Edges between members of a folded run vanish; an edge
  // between a copy and the outside is drawn from (or into) the first module's node that the copy's
  // node stands for, as the static picture draws it: the edges out of the last copy leave the
  // first. They keep their own ELK route past the band and only gain a short orthogonal leg to the
  // first module's node, so the folded picture reads as the static one. One layout for both states
  // (rather than a second, folded layout) lets each run unfold and fold again in place, with every
  // other run and every collapsed module left as it was.
  var foldGroups = [];
  var foldCopyGroup = new Int32Array(N).fill(-1); // the run in one of whose copies a node lies
  var foldKept = new Int32Array(N).fill(-1); // the first module's node it stands for (one step)
  var foldFirstOf = new Array(N); // the runs whose first module holds a node, or undefined
  var foldDrop = new Uint8Array(E); // edges not drawn in the current fold state
  var foldShown = new Array(E); // the [tail, head] an edge is drawn between, when rerouted
  var FOLD_ARROW = 10, FOLD_ARROW_HALF = 3.5; // Graphviz's normal arrowhead, as the layout draws it
  (function foldInit() {
    var outputs = new Set(graph.outputs.map(function (id) { return idIndex.get(id); }));
    (graph.folds || []).forEach(function (f) {
      var first = clusters.get(f.path);
      if (!first) return;
      var group = { index: foldGroups.length, path: f.path, last: f.last, first: first, copies: [], count: f.count,
        title: f.title, className: f.className, folded: true };
      foldGroups.push(group);
      first.foldFirst = group;
      f.copies.forEach(function (p) {
        var c = clusters.get(p);
        if (c) { c.foldCopy = group; group.copies.push(c); }
      });
      Object.keys(f.keptNodes).forEach(function (id) {
        var n = idIndex.get(id), k = idIndex.get(f.keptNodes[id]);
        if (n === undefined || k === undefined) return;
        foldCopyGroup[n] = group.index;
        foldKept[n] = k;
      });
    });
    if (!foldGroups.length) return;
    for (var n = 0; n < N; n++) {
      if (outputs.has(n)) continue; // outputs belong to no run, as ModuleFold counts members
      nodeClusters[n].forEach(function (c) {
        if (c.foldFirst) (foldFirstOf[n] = foldFirstOf[n] || []).push(c.foldFirst);
      });
    }
  })();
  var hasFolds = foldGroups.length > 0;
  /** The cluster hiding the insides of a folded copy: its run's first module (one for all copies). */
  function foldHider(c) {
    return c.foldCopy && c.foldCopy.folded ? c.foldCopy.first : null;
  }
  /** Whether a cluster lies in a folded copy, itself or through an ancestor. */
  function foldHides(c) {
    for (var q = c; q; q = q.parent) if (q.foldCopy && q.foldCopy.folded) return true;
    return false;
  }
  /** The node drawn for a node: itself, or the first module's node it stands for while folded. */
  function foldRep(n) {
    for (var guard = 0; guard < 64 && foldCopyGroup[n] >= 0 && foldGroups[foldCopyGroup[n]].folded; guard++) n = foldKept[n];
    return n;
  }
  function foldMember(n, g) {
    return foldCopyGroup[n] === g.index || (!!foldFirstOf[n] && foldFirstOf[n].indexOf(g) >= 0);
  }
  /** An edge inside one folded run (between its copies, or between the first and a copy) is the first's own. */
  function foldInside(t, h) {
    var groups = (foldFirstOf[t] || []).slice();
    if (foldCopyGroup[t] >= 0) groups.push(foldGroups[foldCopyGroup[t]]);
    for (var j = 0; j < groups.length; j++) {
      var g = groups[j];
      if (g.folded && foldMember(h, g) && (foldCopyGroup[t] === g.index || foldCopyGroup[h] === g.index)) return true;
    }
    return false;
  }
  /** The title and class drawn for a module: a folded run's range and count. */
  function foldTitle(c) {
    return c.foldFirst && c.foldFirst.folded ? c.foldFirst.title : c.path;
  }
  function foldClass(c) {
    var g = c.foldFirst;
    if (!g) return c.className;
    return g.folded ? g.className : (c.className ? c.className + ' \u00b7 ' : '') + '1 of ' + g.count;
  }
  /** remap's hook: the height a folded run's copies cover, less what visible nodes occupy, shrinks. */
  function foldPieces(occupied, pieces) {
    foldGroups.forEach(function (g) {
      if (!g.folded || !g.copies.length || !shownCluster(g.first)) return;
      var a = Infinity, b = -Infinity;
      g.copies.forEach(function (c) { a = Math.min(a, c.y0); b = Math.max(b, c.y1); });
      for (var j = 0; j < occupied.length && a < b; j++) {
        var o = occupied[j];
        if (o[1] <= a) continue;
        if (o[0] >= b) break;
        if (o[0] > a) pieces.push([a, o[0]]);
        a = Math.max(a, o[1]);
      }
      if (a < b) pieces.push([a, b]);
    });
  }
  /**
   * remap's hook, after it mapped every route: which edges the fold state drops and the routes of
   * those it redraws between the first module's nodes. Like the static picture (ModuleFold), an
   * edge that keeps both ends is drawn as laid out, one inside a folded run is dropped, and of the
   * redrawn ones each tail, head, kind, name and shape is drawn once.
   */
  function foldRoutes() {
    foldDrop.fill(0);
    foldShown.fill(undefined);
    if (hasFolds) {
      var seen = new Set();
      for (var e = 0; e < E; e++) {
        var t = tail[e], h = head[e], rt = foldRep(t), rh = foldRep(h);
        if (rt === t && rh === h) continue;
        var key = rt + '>' + rh + '|' + edges[e].kind + '|' + edges[e].name + '|' + edges[e].shape.join(',');
        if (foldInside(t, h) || seen.has(key)) { foldDrop[e] = 1; continue; }
        seen.add(key);
        foldShown[e] = [rt, rh];
        foldReroute(e, t, h, rt, rh);
      }
    }
    foldButton();
  }
  function foldReroute(e, t, h, rt, rh) {
    var path = Array.prototype.slice.call(P[e]), arrow = Array.prototype.slice.call(A[e]);
    var out = [];
    if (rh === h) {
      // Out of a copy: from the first module's node down to where the laid-out route starts.
      var xk = box[5 * rt] + box[5 * rt + 2] / 2, yk = ny[rt] + box[5 * rt + 3];
      var xs = path[0], ys = path[1];
      out = ys > yk + 4 ? [xk, yk, xk, (yk + ys) / 2, xs, (yk + ys) / 2].concat(path) : [xk, yk].concat(path.slice(2));
    } else {
      // Into a copy: a route of its own into the first module's node, from the tail's node.
      var x0, y0;
      if (rt === t) { x0 = path[0]; y0 = path[1]; } else { x0 = box[5 * rt] + box[5 * rt + 2] / 2; y0 = ny[rt] + box[5 * rt + 3]; }
      var xh = box[5 * rh] + box[5 * rh + 2] / 2, yt = ny[rh], tipGap = arrow.length ? FOLD_ARROW : 0;
      var ym = y0 < yt - tipGap - 4 ? yt - tipGap - Math.min(12, (yt - tipGap - y0) / 2) : y0;
      out = [x0, y0, x0, ym, xh, ym, xh, yt - tipGap];
      if (arrow.length) arrow = [xh, yt, xh - FOLD_ARROW_HALF, yt - FOLD_ARROW, xh + FOLD_ARROW_HALF, yt - FOLD_ARROW];
    }
    P[e] = new Float64Array(out);
    A[e] = new Float64Array(arrow);
    var bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity, all = out.concat(arrow);
    for (var k = 0; k < all.length; k += 2) {
      bx0 = Math.min(bx0, all[k]); bx1 = Math.max(bx1, all[k]); by0 = Math.min(by0, all[k + 1]); by1 = Math.max(by1, all[k + 1]);
    }
    EB[4 * e] = bx0; EB[4 * e + 1] = by0; EB[4 * e + 2] = bx1; EB[4 * e + 3] = by1;
  }
  /** draw's hook: a folded run's first module looks like a stack of cards, one edge per copy up to two. */
  function foldStack(g, c, px) {
    if (!c.foldFirst || !c.foldFirst.folded) return;
    g.strokeStyle = '#8a6d3b';
    g.lineWidth = Math.max(1, px);
    g.setLineDash([]);
    g.beginPath();
    for (var k = 1; k <= 2; k++) {
      var d = 3 * k;
      g.moveTo(c.x0 + d, c.my1 + d); g.lineTo(c.x1 + d, c.my1 + d); g.lineTo(c.x1 + d, c.my0 + d);
    }
    g.stroke();
  }
  /** Folds or unfolds one run in place: its first module keeps its place on the screen. */
  function setFolded(g, folded) {
    setFoldedAll([g], folded, g.first);
  }
  function setFoldedAll(groups, folded, anchor) {
    var before = anchor ? anchor.my0 * view.s + view.ty : 0;
    groups.forEach(function (g) { g.folded = folded; });
    updateHidden();
    if (anchor) view.ty = before - anchor.my0 * view.s;
    renderModuleTree();
    if (selectedCluster || selected >= 0) showDetails();
    schedule();
  }
  /** The pointer's hook: a click on a folded run's title unfolds it. */
  function foldTitleClick(c) {
    if (!c.foldFirst || !c.foldFirst.folded) return false;
    setFolded(c.foldFirst, false);
    selectCluster(c);
    return true;
  }
  /** revealNode's hook: unfolds the run hiding a node; true when something changed. */
  function foldReveal(n) {
    var changed = false;
    for (var guard = 0; guard < 64 && foldCopyGroup[n] >= 0 && foldGroups[foldCopyGroup[n]].folded; guard++) {
      foldGroups[foldCopyGroup[n]].folded = false;
      changed = true;
    }
    return changed;
  }
  function foldToggleButton(g) {
    var b = el('button', null, (g.folded ? 'Unfold \u00d7' : 'Fold \u00d7') + g.count);
    b.type = 'button';
    b.setAttribute('data-fold', g.path);
    b.title = (g.folded ? 'Draw each of the ' : 'Draw once the ') + g.count + ' modules ' + g.path + ' \u2026 ' + g.last;
    b.addEventListener('click', function () { setFolded(g, !g.folded); });
    return b;
  }
  /** The details panel's hooks: a module's run, and the run a node's module begins. */
  function foldClusterDetails(c, table, actions) {
    var g = c.foldFirst;
    if (!g) return;
    row(table, 'repeats', g.count + ' alike: ' + g.path + ' \u2026 ' + g.last);
    actions.appendChild(foldToggleButton(g));
  }
  function foldNodeActions(n, actions) {
    var chain = nodeClusters[n];
    for (var l = chain.length - 1; l >= 0; l--) {
      if (chain[l].foldFirst) { actions.appendChild(foldToggleButton(chain[l].foldFirst)); return; }
    }
  }
  /** The module tree's hook: a run's first module gets its fold toggle. */
  function foldTreeRow(c, r) {
    if (!c.foldFirst) return;
    var b = foldToggleButton(c.foldFirst);
    b.className = 'fold-toggle';
    r.classList.add('fold-row');
    r.appendChild(b);
  }
  var foldAllButton = document.getElementById('unfold-all');
  function foldButton() {
    if (!foldAllButton) return;
    var any = foldGroups.some(function (g) { return g.folded; });
    foldAllButton.textContent = any ? 'Unfold all' : 'Fold all';
    foldAllButton.title = any ? 'Draw every copy of every repeated block' : 'Draw each run of repeated blocks once';
  }
  if (foldAllButton) {
    foldAllButton.addEventListener('click', function () {
      var any = foldGroups.some(function (g) { return g.folded; });
      setFoldedAll(foldGroups, !any, foldGroups.length ? foldGroups[0].first : null);
    });
  }
  if (hasFolds) document.body.classList.add('has-folds');
  // Hooks for tests: the runs, and the edges drawn in the current state, as tail>head ids.
  api.folds = function () {
    return foldGroups.map(function (g) {
      return { path: g.path, folded: g.folded, count: g.count, title: foldTitle(g.first), className: foldClass(g.first) };
    });
  };
  api.mappedHeight = function () { return mappedHeight; };
  api.collapsedShown = function () {
    return clusterList.filter(function (c) { return c.collapsed && shownCluster(c); }).map(foldTitle);
  };
  api.foldShownEdges = function () {
    var out = [];
    for (var e = 0; e < E; e++) {
      if (foldDrop[e]) continue;
      var hb = hiddenBy[tail[e]];
      if (hb && hb === hiddenBy[head[e]]) continue;
      var ends = foldShown[e] || [tail[e], head[e]];
      out.push(nodes[ends[0]].id + '>' + nodes[ends[1]].id);
    }
    return out;
  };
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

  // ---------------------------------------------------------------- backward stepper
  // With a replayed backward pass (--backward, showBackward): the gradient on each edge, as the
  // pictures label it, and a stepper through the functions in the order the engine runs them.
  // Step k shows the gradients produced so far; the current function is outlined, the gradients
  // it received drawn orange and those it sent purple, with one line on its local derivative.
  var backward = (function () {
    var steps = graph.backwardSteps || [], entries = graph.backward || [];
    if (!steps.length && !entries.length) return null;
    var EXPLAIN = {
      TanhBackward0: ['y = tanh(x): grad · (1 − y²), with y saved in the forward pass',
        'y = tanh(x)：grad · (1 − y²)。y は順伝播で保存した出力'],
      SigmoidBackward0: ['y = sigmoid(x): grad · y · (1 − y)', 'y = sigmoid(x)：grad · y · (1 − y)'],
      ReluBackward0: ['relu: grad where the output is > 0, 0 elsewhere', 'relu：出力が正の要素には grad、それ以外は 0'],
      GeluBackward0: ['gelu: grad · gelu′(x)', 'gelu：grad · gelu′(x)'],
      AddmmBackward0: ['out = bias + mat1 · mat2: mat1 gets grad · mat2ᵀ, mat2 gets mat1ᵀ · grad, bias the sum of grad over the batch',
        'out = bias + mat1 · mat2：mat1 へ grad · mat2ᵀ、mat2 へ mat1ᵀ · grad、bias へ grad のバッチ方向の和'],
      MmBackward0: ['out = a · b: a gets grad · bᵀ, b gets aᵀ · grad', 'out = a · b：a へ grad · bᵀ、b へ aᵀ · grad'],
      BmmBackward0: ['out = a · b per batch: a gets grad · bᵀ, b gets aᵀ · grad', 'バッチごとに out = a · b：a へ grad · bᵀ、b へ aᵀ · grad'],
      TBackward0: ['out = xᵀ: x gets gradᵀ', 'out = xᵀ：x へ gradᵀ'],
      TransposeBackward0: ['transpose: grad transposed back', '転置：grad を転置し直して渡す'],
      PermuteBackward0: ['permute: grad permuted back', 'permute：grad の次元を元の順に戻して渡す'],
      MulBackward0: ['out = a · b: a gets grad · b, b gets grad · a (each summed to its shape)',
        'out = a · b：a へ grad · b、b へ grad · a（それぞれ元の形まで和をとる）'],
      DivBackward0: ['out = a / b: a gets grad / b, b gets −grad · a / b²', 'out = a / b：a へ grad / b、b へ −grad · a / b²'],
      AddBackward0: ['out = a + α·b: a gets grad, b gets α · grad (each summed to its shape)',
        'out = a + α·b：a へ grad、b へ α · grad（それぞれ元の形まで和をとる）'],
      SubBackward0: ['out = a − α·b: a gets grad, b gets −α · grad', 'out = a − α·b：a へ grad、b へ −α · grad'],
      SumBackward0: ['sum: every input element gets grad', 'sum：入力のすべての要素へ grad をそのまま配る'],
      SumBackward1: ['sum over dims: grad expanded back over the summed dims', '次元ごとの sum：和をとった次元に grad を広げて配る'],
      MeanBackward0: ['mean of n elements: every element gets grad / n', 'n 要素の mean：各要素へ grad / n'],
      MeanBackward1: ['mean over dims: grad / n expanded over the averaged dims', '次元ごとの mean：grad / n を平均した次元に広げて配る'],
      PowBackward0: ['out = xⁿ: grad · n · xⁿ⁻¹', 'out = xⁿ：grad · n · xⁿ⁻¹'],
      ExpBackward0: ['y = exp(x): grad · y', 'y = exp(x)：grad · y'],
      LogBackward0: ['log(x): grad / x', 'log(x)：grad / x'],
      SqrtBackward0: ['y = √x: grad / (2y)', 'y = √x：grad / (2y)'],
      NegBackward0: ['−x: −grad', '−x：−grad'],
      ConvolutionBackward0: ['convolution: input gets grad convolved with the weight (transposed convolution), weight gets input ⋆ grad, bias the sum of grad over batch and positions',
        '畳み込み：入力へ grad と重みの転置畳み込み、重みへ入力と grad の相関、bias へ grad のバッチと位置についての和'],
      NativeLayerNormBackward0: ['layer norm, x̂ = (x − μ)/σ: weight gets Σ grad · x̂, bias Σ grad, x gets (g − mean(g) − x̂ · mean(g · x̂)) / σ with g = grad · weight',
        'レイヤー正規化 x̂ = (x − μ)/σ：weight へ Σ grad · x̂、bias へ Σ grad、x へ (g − mean(g) − x̂ · mean(g · x̂)) / σ（g = grad · weight）'],
      NativeBatchNormBackward0: ['batch norm: as layer norm, with mean and variance over the batch', 'バッチ正規化：レイヤー正規化と同じ形で、平均と分散はバッチ方向'],
      SoftmaxBackward0: ['y = softmax(x): y · (grad − Σ grad · y)', 'y = softmax(x)：y · (grad − Σ grad · y)'],
      LogSoftmaxBackward0: ['log_softmax: grad − softmax(x) · Σ grad', 'log_softmax：grad − softmax(x) · Σ grad'],
      NllLossBackward0: ['nll_loss: −1/N (times the weight) at each target class, 0 elsewhere', 'nll_loss：正解クラスの位置に −1/N（重み付き）、それ以外は 0'],
      MseLossBackward0: ['mse_loss: 2 · (x − target) · grad / N', 'mse_loss：2 · (x − target) · grad / N'],
      MaxPool2DWithIndicesBackward0: ['max pool: grad goes to the element that was the maximum of its window', '最大値プーリング：各窓で最大だった要素にだけ grad を渡す'],
      AvgPool2DBackward0: ['average pool: grad / window size to every element of the window', '平均プーリング：窓の各要素へ grad / 窓の大きさ'],
      ViewBackward0: ['view: grad reshaped to the input\u2019s shape', 'view：grad を入力の形に戻して渡す'],
      ReshapeAliasBackward0: ['reshape: grad reshaped to the input\u2019s shape', 'reshape：grad を入力の形に戻して渡す'],
      UnsafeViewBackward0: ['reshape: grad reshaped to the input\u2019s shape', 'reshape：grad を入力の形に戻して渡す'],
      ExpandBackward0: ['expand: grad summed over the expanded dims', 'expand：広げた次元について grad の和をとる'],
      SqueezeBackward0: ['squeeze: grad unsqueezed back', 'squeeze：grad の次元を戻して渡す'],
      UnsqueezeBackward0: ['unsqueeze: grad squeezed back', 'unsqueeze：足した次元を grad から除いて渡す'],
      CloneBackward0: ['clone: grad passes unchanged', 'clone：grad をそのまま渡す'],
      SelectBackward0: ['select: grad put back at the selected index, zeros elsewhere', 'select：選んだ位置に grad を戻し、ほかは 0'],
      SliceBackward0: ['slice: grad put back into the slice, zeros elsewhere', 'slice：切り出した範囲に grad を戻し、ほかは 0'],
      CatBackward0: ['cat: grad split back into the inputs\u2019 pieces', 'cat：grad を各入力の部分に分けて渡す'],
      EmbeddingBackward0: ['embedding: each row of grad added to the weight row that was looked up', 'embedding：grad の各行を、引いた重みの行に足す'],
      AccumulateGrad: ['adds grad to the parameter\u2019s .grad (here only recorded: .grad is untouched)',
        'パラメーターの .grad に grad を足し込む（ここでは記録するだけで .grad は変えない）']
    };
    var TEXT = {
      heading: ['backward(), step by step', '逆伝播をステップごとに'],
      start: ['every gradient of the pass: press \u25b6| to run it one function at a time',
        '逆伝播で流れるすべての勾配。\u25b6| で 1 関数ずつ実行'],
      step: ['step', 'ステップ'], of: ['of', '/'],
      received: ['received', '受け取った勾配'], sent: ['sent', '送った勾配'],
      seed: ['starts from', '出発点'], none: ['no explanation for this function yet', 'この関数の説明はまだありません'],
      lang: ['JA', 'EN']
    };
    function startsJa(l) { return /^ja\b/i.test(l || ''); }
    var lang = startsJa(document.documentElement.lang) || (navigator.languages || [navigator.language]).slice(0, 1).some(startsJa) ? 1 : 0;
    // Each recorded gradient on its drawn edge: entries match edges by their ends, in order.
    var queues = new Map(), edgeOf = new Array(entries.length).fill(-1);
    for (var e2 = 0; e2 < E; e2++) {
      var key = edges[e2].tail + '\u0000' + edges[e2].head;
      if (!queues.has(key)) queues.set(key, []);
      queues.get(key).push(e2);
    }
    entries.forEach(function (g, i) {
      var q = queues.get(g.tail + '\u0000' + g.head);
      if (q && q.length) edgeOf[i] = q.shift();
    });
    var labelOf = new Array(E).fill(null);
    (layout.edgeLabels || []).forEach(function (l) { labelOf[l[0]] = l; });
    var entryOfEdge = new Int32Array(E).fill(-1);
    edgeOf.forEach(function (e3, i) { if (e3 >= 0) entryOfEdge[e3] = i; });
    return { steps: steps, entries: entries, edgeOf: edgeOf, labelOf: labelOf, entryOfEdge: entryOfEdge,
      explain: EXPLAIN, text: TEXT, lang: lang, at: -1, timer: null };
  })();

  function gradientText(g) {
    if (!g.defined) return 'none';
    var shape = '(' + g.shape.join(', ') + ')';
    function num(v) { return v === null ? 'nan' : Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(+v.toFixed(4)); }
    if (g.values && g.values.length <= 16) return (g.values.length === 1 ? num(g.values[0]) : '[' + g.values.map(num).join(', ') + ']') + '  ' + shape;
    return shape + '  |grad| ' + (g.norm === null ? 'nan' : num(g.norm));
  }
  // Whether the gradient of entry i is already computed at the current step.
  function backwardShown(i) {
    var g = backward.entries[i];
    return backward.at < 0 || g.step === null || g.step <= backward.at;
  }
  function currentFunction() {
    return backward.at >= 0 ? idIndex.get(backward.steps[backward.at].function) : -1;
  }

  // Called by draw(): labels of the gradients computed so far, the current step's edges and function.
  function drawBackward(g, s, px, showText) {
    if (!backward) return;
    var b = backward, fn = currentFunction(), fnId = fn >= 0 ? nodes[fn].id : null;
    if (fn >= 0 && !hiddenBy[fn]) {
      var styles = [['#ef6c00', function (en) { return en.tail === fnId; }], ['#6a1b9a', function (en) { return en.step === b.at; }]];
      styles.forEach(function (st) {
        g.strokeStyle = st[0];
        g.lineWidth = Math.max(2.5, 2.5 * px);
        g.beginPath();
        b.entries.forEach(function (en, i) {
          var e = b.edgeOf[i];
          if (e < 0 || !st[1](en)) return;
          var path = P[e];
          g.moveTo(path[0], path[1]);
          for (var k = 2; k < path.length; k += 2) g.lineTo(path[k], path[k + 1]);
        });
        g.stroke();
      });
      g.strokeStyle = '#ef6c00';
      g.lineWidth = Math.max(3, 3 * px);
      g.strokeRect(box[5 * fn] - 3 * px, ny[fn] - 3 * px, box[5 * fn + 2] + 6 * px, box[5 * fn + 3] + 6 * px);
    }
    if (!showText) return;
    g.font = FONT_SIZE + 'px ' + FONT;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (var e = 0; e < E; e++) {
      var l = b.labelOf[e], i = b.entryOfEdge[e];
      if (!l || i < 0 || !backwardShown(i)) continue;
      var hb = hiddenBy[tail[e]];
      if (hb && hb === hiddenBy[head[e]]) continue;
      var dy = P[e][1] - layout.paths[e][1];
      var current = fn >= 0 && (b.entries[i].step === b.at || b.entries[i].tail === fnId);
      g.fillStyle = '#fff';
      g.fillRect(l[1], l[2] + dy, l[3], l[4]);
      g.fillStyle = current ? (b.entries[i].step === b.at ? '#6a1b9a' : '#b35c00') : '#a61b1b';
      g.font = (current ? '600 ' : '') + FONT_SIZE + 'px ' + FONT;
      g.fillText(l[5], l[1] + l[3] / 2, l[2] + dy + l[4] / 2, l[3] + 40);
    }
    g.textBaseline = 'alphabetic';
  }

  // Called by showDetails(): a parameter's traced gradient, a function's place in the pass.
  function backwardDetails(table, node) {
    if (!backward) return;
    if (node.tracedGrad) {
      var g = backward.entries.filter(function (en) { return en.tail === node.id && en.defined; })[0];
      row(table, 'traced grad', g ? gradientText(g) : '|grad| ' + node.tracedGrad.norm);
    }
    for (var k = 0; k < backward.steps.length; k++) {
      if (backward.steps[k].function === node.id) row(table, 'backward step', (k + 1) + ' of ' + backward.steps.length);
    }
  }

  // Called by exportSvgText(): the labels shown, as the canvas paints them.
  function exportBackwardSvg(root, inView) {
    if (!backward) return;
    var b = backward, fn = currentFunction(), fnId = fn >= 0 ? nodes[fn].id : null;
    for (var e = 0; e < E; e++) {
      var l = b.labelOf[e], i = b.entryOfEdge[e];
      if (!l || i < 0 || !backwardShown(i)) continue;
      var hb = hiddenBy[tail[e]];
      if (hb && hb === hiddenBy[head[e]]) continue;
      var dy = P[e][1] - layout.paths[e][1];
      if (!inView(l[1], l[2] + dy, l[1] + l[3], l[2] + dy + l[4])) continue;
      var current = fn >= 0 && (b.entries[i].step === b.at || b.entries[i].tail === fnId);
      var gl = svgEl('g', { 'class': 'edge-label', 'data-tail': edges[e].tail, 'data-head': edges[e].head });
      gl.appendChild(svgEl('rect', { x: r2(l[1]), y: r2(l[2] + dy), width: r2(l[3]), height: r2(l[4]), fill: 'white' }));
      var t = svgEl('text', { x: r2(l[1] + l[3] / 2), y: r2(l[2] + dy + l[4] / 2), 'text-anchor': 'middle', 'dominant-baseline': 'central',
        fill: current ? (b.entries[i].step === b.at ? '#6a1b9a' : '#b35c00') : '#a61b1b', 'xml:space': 'preserve' });
      t.textContent = l[5];
      gl.appendChild(t);
      root.appendChild(gl);
    }
  }

  function renderStepper() {
    if (!backward) return;
    var b = backward, L = b.lang, T = b.text;
    document.getElementById('step-heading').textContent = T.heading[L];
    document.getElementById('step-lang').textContent = T.lang[L];
    var count = document.getElementById('step-count'), explain = document.getElementById('step-explain');
    var grads = document.getElementById('step-grads');
    grads.textContent = '';
    if (b.at < 0) {
      count.textContent = b.steps.length + ' functions';
      explain.textContent = T.start[L];
      return;
    }
    var st = b.steps[b.at], fnId = st.function;
    count.textContent = T.step[L] + ' ' + (b.at + 1) + ' ' + T.of[L] + ' ' + b.steps.length + ': ' + st.name;
    explain.textContent = b.explain[st.name] ? b.explain[st.name][L] : T.none[L];
    b.entries.forEach(function (en) {
      var into = en.tail === fnId, out = en.step === b.at;
      if (!into && !out) return;
      var line = el('div', into ? 'in' : 'out', (into ? (en.step === null ? T.seed[L] : T.received[L]) : T.sent[L]) + ' ' +
        (into ? '\u2190 ' + shortLabel(idIndex.get(en.head)) : '\u2192 ' + shortLabel(idIndex.get(en.tail))) + ': ' + gradientText(en));
      grads.appendChild(line);
    });
  }
  function stepTo(at) {
    if (!backward) return;
    backward.at = Math.max(-1, Math.min(backward.steps.length - 1, at));
    var fn = currentFunction();
    if (fn >= 0 && hiddenBy[fn]) revealNode(fn);
    renderStepper();
    schedule();
  }
  function play(on) {
    if (!backward) return;
    if (backward.timer) { clearInterval(backward.timer); backward.timer = null; }
    if (on) {
      if (backward.at >= backward.steps.length - 1) stepTo(-1);
      backward.timer = setInterval(function () {
        if (backward.at >= backward.steps.length - 1) play(false); else stepTo(backward.at + 1);
      }, 1200);
    }
    var button = document.getElementById('step-play');
    button.setAttribute('aria-pressed', String(!!backward.timer));
    button.textContent = backward.timer ? '\u23f8' : '\u25b6';
  }
  if (backward) {
    document.getElementById('stepper').hidden = false;
    document.getElementById('step-first').addEventListener('click', function () { play(false); stepTo(-1); });
    document.getElementById('step-prev').addEventListener('click', function () { play(false); stepTo(backward.at - 1); });
    document.getElementById('step-next').addEventListener('click', function () { play(false); stepTo(backward.at + 1); });
    document.getElementById('step-play').addEventListener('click', function () { play(!backward.timer); });
    document.getElementById('step-lang').addEventListener('click', function () { backward.lang = 1 - backward.lang; renderStepper(); });
    document.addEventListener('keydown', function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || (ev.target && /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName))) return;
      if (ev.key === '.') { play(false); stepTo(backward.at + 1); } else if (ev.key === ',') { play(false); stepTo(backward.at - 1); }
    });
    renderStepper();
  }
  api.stepper = {
    step: function (at) { stepTo(at); return api.stepper.state(); },
    next: function () { stepTo(backward ? backward.at + 1 : -1); return api.stepper.state(); },
    language: function (l) { if (backward) { backward.lang = l === 'ja' ? 1 : 0; renderStepper(); } },
    state: function () {
      if (!backward) return null;
      var b = backward;
      return { at: b.at, steps: b.steps.map(function (s) { return s.name; }),
        name: b.at >= 0 ? b.steps[b.at].name : null, function: b.at >= 0 ? b.steps[b.at].function : null,
        panel: document.getElementById('stepper').innerText,
        labels: b.entries.map(function (en, i) {
          var e = b.edgeOf[i], l = e >= 0 ? b.labelOf[e] : null;
          return { tail: en.tail, head: en.head, step: en.step, shown: backwardShown(i), text: l ? l[5] : null };
        }) };
    },
    /** The screen box of the label on edge tail -> head, where its text is painted. */
    labelScreenBox: function (tailId, headId) {
      var r = canvas.getBoundingClientRect();
      for (var e = 0; e < E; e++) {
        var l = backward && backward.labelOf[e];
        if (!l || edges[e].tail !== tailId || edges[e].head !== headId) continue;
        var dy = P[e][1] - layout.paths[e][1];
        return { x: r.left + view.tx + l[1] * view.s, y: r.top + view.ty + (l[2] + dy) * view.s, w: l[3] * view.s, h: l[4] * view.s };
      }
      return null;
    }
  };

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

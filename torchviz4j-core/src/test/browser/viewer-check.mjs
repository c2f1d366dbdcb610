// Drives the torchviz4j HTML viewer in Debian's headless Chromium (playwright-core, no browser download).
// Usage: node viewer-check.mjs plan.json
// Prints one line per result, read by HtmlViewerBrowserTest / HtmlViewerScaleTest:
//   CHECK <name>\t<pass|fail>\t<detail>
//   VALUE <name>\t<value>
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fillAt, foldChecks } from './fold-check.mjs';

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic'];

function oneLine(value) {
  return String(typeof value === 'string' ? value : JSON.stringify(value)).replace(/[\r\n\t]/g, ' ');
}
function check(name, ok, detail) {
  console.log(`CHECK ${name}\t${ok ? 'pass' : 'fail'}\t${oneLine(detail ?? '')}`);
}
function value(name, v) {
  console.log(`VALUE ${name}\t${oneLine(v)}`);
}

const browser = await chromium.launch({ executablePath: plan.chromium, headless: true, args: FLAGS });
try {
  const context = await browser.newContext({ viewport: { width: plan.width || 1400, height: plan.height || 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors = [], dialogs = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('request', (r) => { const u = r.url(); if (!/^(file|data|blob):/.test(u)) requests.push(u); });

  const started = Date.now();
  await page.goto(pathToFileURL(plan.html).href, { waitUntil: 'load', timeout: 180000 });
  await page.waitForFunction(() => window.torchviz4j && window.torchviz4j.ready, null, { timeout: 180000 });
  const wall = Date.now() - started;
  const stats = () => page.evaluate(() => window.torchviz4j.stats());
  const first = await stats();
  check('loads', first.nodes === plan.expectNodes, { stats: first, expectNodes: plan.expectNodes });
  // It opens fitted when the whole graph is readable, else at full size on the output.
  check('opens-readable', first.fitScale >= 0.6 ? first.scale === Math.min(2, first.fitScale) : first.scale === 1, first);
  value('load_ms', await page.evaluate(() => window.torchviz4j.loadMs));
  value('load_wall_ms', wall);
  value('html_bytes', fs.statSync(plan.html).size);
  if (plan.screenshot) await page.screenshot({ path: plan.screenshot });

  if (plan.mode === 'perf') {
    await measureFrames(page, 'fit', async () => page.evaluate(() => window.torchviz4j.fit()));
    await measureFrames(page, 'zoom100', async () => page.evaluate((id) => { window.torchviz4j.fit(); window.torchviz4j.revealNode(id); }, plan.centerNode));
    if (plan.searchQuery) {
      const t = await page.evaluate(async (q) => {
        const input = document.getElementById('search');
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return { ms: performance.now() - t0, stats: window.torchviz4j.stats() };
      }, plan.searchQuery);
      value('search_ms', t.ms.toFixed(1));
      check('perf-search-finds', t.stats.matches > 0, t.stats);
    }
    if (plan.collapseDepth) {
      const t = await page.evaluate(async () => {
        const button = document.getElementById('collapse-all');
        const before = window.torchviz4j.stats().visibleNodes;
        const t0 = performance.now();
        button.click();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return { ms: performance.now() - t0, before, after: window.torchviz4j.stats().visibleNodes };
      });
      value('collapse_all_ms', t.ms.toFixed(1));
      check('perf-collapse-reduces', t.after < t.before, t);
      await measureFrames(page, 'collapsed_fit', async () => page.evaluate(() => window.torchviz4j.fit()));
    }
    if (plan.screenshotAfter) await page.screenshot({ path: plan.screenshotAfter });
  } else if (plan.mode === 'fold') {
    await foldChecks(page, plan, check);
  } else if (plan.mode === 'stepper') {
    await stepper(page);
  } else {
    await functional(page, stats);
    if (plan.screenshotAfter) await page.screenshot({ path: plan.screenshotAfter });
  }
  check('no-console-errors', consoleErrors.length === 0, consoleErrors);
  check('no-dialogs', dialogs.length === 0, dialogs);
  check('no-network', requests.length === 0, requests);
} finally {
  await browser.close();
}

/** Changes the view on every animation frame; reports the viewer's draw time and the frame interval. */
async function measureFrames(page, name, setup) {
  await setup();
  const r = await page.evaluate(async () => {
    const api = window.torchviz4j;
    const canvas = document.getElementById('canvas');
    const cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2;
    const before = api.drawTimes().length;
    const intervals = [];
    let last = await new Promise((res) => requestAnimationFrame(res));
    for (let i = 0; i < 90; i++) {
      if (i % 30 < 15) api.zoomAt(i % 2 ? 1.03 : 0.98, cx, cy); else api.panBy(i % 2 ? 37 : -23, i % 3 ? 29 : -41);
      const now = await new Promise((res) => requestAnimationFrame(res));
      intervals.push(now - last);
      last = now;
    }
    await new Promise((res) => requestAnimationFrame(res));
    const draws = api.drawTimes().slice(before);
    return { draws, intervals, drawn: api.stats().drawnNodes };
  });
  const q = (xs, p) => { const s = xs.slice().sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  value(`${name}_draw_ms_median`, q(r.draws, 0.5).toFixed(2));
  value(`${name}_draw_ms_p95`, q(r.draws, 0.95).toFixed(2));
  value(`${name}_frame_interval_ms_median`, q(r.intervals, 0.5).toFixed(2));
  value(`${name}_frame_interval_ms_p95`, q(r.intervals, 0.95).toFixed(2));
  value(`${name}_nodes_drawn`, r.drawn);
}

async function functional(page, stats) {
  const api = (f, arg) => page.evaluate(f, arg);
  // Structure: nothing external, nothing injected.
  const dom = await api(() => ({
    external: Array.from(document.querySelectorAll('[src],[href]')).map((e) => e.getAttribute('src') || e.getAttribute('href')).filter((u) => /^\s*(https?:)?\/\//i.test(u)),
    injected: document.querySelectorAll('img, iframe, object, embed, b, i, svg').length,
    scripts: document.querySelectorAll('script').length,
    handlers: Array.from(document.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).map((a) => a.name)).filter((n) => n.startsWith('on')),
  }));
  check('no-external-urls', dom.external.length === 0, dom.external);
  check('no-injected-elements-on-load', dom.injected === 0 && dom.scripts === 3 && dom.handlers.length === 0, dom);

  // Legend: the seed's colours with their meanings.
  const legend = await api(() => document.getElementById('legend').textContent);
  check('legend', /where backward\(\) starts/.test(legend) && /parameter/.test(legend) && /backward function/.test(legend) && /saved/.test(legend) && /view/.test(legend), legend);
  // The legend folds to its title (button or L) and opens again.
  const legendHeight = () => api(() => document.getElementById('legend').getBoundingClientRect().height);
  const openHeight = await legendHeight();
  await page.click('#legend-toggle');
  const foldedHeight = await legendHeight();
  await page.focus('#canvas');
  await page.keyboard.press('l');
  const reopenedHeight = await legendHeight();
  check('legend-folds', foldedHeight < openHeight / 2 && Math.abs(reopenedHeight - openHeight) < 1,
    { openHeight, foldedHeight, reopenedHeight });

  // Fills: each listed node is painted on the canvas in its own colour (a gradient's colour when
  // the graph shows gradients), read back from the canvas pixels inside its box.
  if (plan.expectFills) {
    const seen = [];
    for (const f of plan.expectFills) {
      await api((id) => window.torchviz4j.revealNode(id), f.id);
      await page.waitForTimeout(50);
      const actual = await fillAt(page, f.id);
      seen.push({ id: f.id, expect: f.fill, actual });
    }
    check('canvas-fills', seen.every((x) => x.actual === x.expect), seen);
  }

  // Diff: the changed node's border is painted in its colour; "Changed only" leaves the changed
  // nodes, their neighbours and the legend notes, and a second click shows everything again.
  if (plan.diff) {
    const readPixel = (p) => api((q) => {
      const canvas = document.getElementById('canvas');
      const r = canvas.getBoundingClientRect();
      const k = canvas.width / r.width;
      const pixel = document.createElement('canvas');
      pixel.width = 1;
      pixel.height = 1;
      pixel.getContext('2d').drawImage(canvas, Math.round((q.x - r.left) * k), Math.round((q.y - r.top) * k), 1, 1, 0, 0, 1, 1);
      const d = pixel.getContext('2d').getImageData(0, 0, 1, 1).data;
      return '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('');
    }, p);
    await api((id) => window.torchviz4j.revealNode(id), plan.diff.changed);
    await page.waitForTimeout(50);
    const scale = (await stats()).scale;
    const inside = await api((id) => window.torchviz4j.nodeFillPoint(id), plan.diff.changed);
    const border = await readPixel({ x: inside.x - 3 * scale, y: inside.y });
    check('diff-border-colour', border === plan.diff.borderColour, { border, expect: plan.diff.borderColour });
    const centre = await api((id) => window.torchviz4j.nodeScreenCenter(id), plan.diff.changed);
    await page.mouse.click(centre.x, centre.y);
    await page.waitForTimeout(50);
    const detail = await api(() => { const d = document.querySelector('#details [data-field="diff"]'); return d ? d.textContent : null; });
    check('diff-details', detail !== null && detail.startsWith('changed'), detail);
    await page.keyboard.press('Escape');
    const button = await api(() => { const b = document.getElementById('diff-changed-only'); return b ? b.textContent : null; });
    check('diff-button', button === 'Changed only', button);
    const all = (await stats()).visibleNodes;
    await page.click('#diff-changed-only');
    await page.waitForTimeout(50);
    const only = await stats();
    check('diff-changed-only', only.visibleNodes === plan.diff.expectVisible && all === plan.expectNodes,
      { all, only: only.visibleNodes, expect: plan.diff.expectVisible });
    if (plan.diff.screenshot) await page.screenshot({ path: plan.diff.screenshot });
    await page.click('#diff-changed-only');
    await page.waitForTimeout(50);
    check('diff-shows-all-again', (await stats()).visibleNodes === all, await stats());
    // The SVG export of the view keeps the marks: the changed node's border is orange.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    const exported = `${plan.downloads}/diff-view.svg`;
    await download.saveAs(exported);
    const marked = await api((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return Array.from(doc.querySelectorAll('g.node[data-diff="changed"] rect')).map((r) => r.getAttribute('stroke'));
    }, fs.readFileSync(exported, 'utf8'));
    check('diff-export-svg', marked.length >= 1 && marked.every((c) => c === plan.diff.borderColour), marked);
  }

  // Search by typing, then Enter.
  if (plan.search) {
    await page.fill('#search', plan.search.query);
    await page.press('#search', 'Enter');
    await page.waitForTimeout(50);
    const s = await stats();
    const count = await api(() => document.getElementById('count').textContent);
    const detailsId = await api(() => document.getElementById('details').getAttribute('data-node-id'));
    check('search-finds', s.matches === plan.search.expectMatches && s.selected === plan.search.expectSelected && detailsId === plan.search.expectSelected && count === `1 of ${plan.search.expectMatches}`,
      { stats: s, count, detailsId, expect: plan.search });
    if (plan.search.expectMatches > 1) {
      await page.click('#next');
      const s2 = await stats();
      const count2 = await api(() => document.getElementById('count').textContent);
      check('search-next', count2 === `2 of ${plan.search.expectMatches}` && s2.selected !== s.selected, { count2, s2 });
      await page.click('#prev');
      const count3 = await api(() => document.getElementById('count').textContent);
      check('search-previous', count3 === `1 of ${plan.search.expectMatches}`, count3);
    }
    await page.fill('#search', '');
    await page.press('#search', 'Escape');
  }

  // Click a node on the canvas: details show its data verbatim; upstream and downstream light up.
  for (const click of plan.clicks || []) {
    await api((id) => window.torchviz4j.revealNode(id), click.id);
    await page.waitForTimeout(50);
    const at = await api((id) => window.torchviz4j.nodeScreenCenter(id), click.id);
    await page.mouse.click(at.x, at.y);
    await page.waitForTimeout(50);
    const s = await stats();
    const shown = await api(() => {
      const d = document.getElementById('details');
      const field = (f) => { const c = d.querySelector(`td[data-field="${f}"]`); return c ? c.textContent : null; };
      return { id: d.getAttribute('data-node-id'), title: d.querySelector('.title') && d.querySelector('.title').textContent, name: field('name'), module: field('module'), shape: field('shape'), text: d.textContent };
    });
    const ok = s.selected === click.id && shown.id === click.id && shown.name === click.expectName && shown.module === click.expectModule &&
      (click.expectShape == null || shown.shape === click.expectShape) &&
      s.upstream === click.expectUpstream && s.downstream === click.expectDownstream &&
      (click.expectText || []).every((t) => shown.text.includes(t));
    check(`click-details-${click.id}`, ok, { stats: s, shown, expect: click });
    if (click.screenshot) await page.screenshot({ path: click.screenshot });
  }
  const afterClicks = await api(() => ({ injected: document.querySelectorAll('img, iframe, object, embed, b, i, svg').length, scripts: document.querySelectorAll('script').length }));
  check('no-injected-elements-after-clicks', afterClicks.injected === 0 && afterClicks.scripts === 3, afterClicks);

  // Pan and zoom: keyboard, wheel, drag, fit.
  await page.keyboard.press('Escape');
  await page.focus('#canvas');
  await page.keyboard.press('f');
  const fitScale = (await stats()).scale;
  await page.keyboard.press('+');
  const zoomed = (await stats()).scale;
  check('keyboard-zoom', zoomed > fitScale * 1.1, { fitScale, zoomed });
  await page.mouse.move(500, 400);
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(50);
  const wheeled = (await stats()).scale;
  check('wheel-zoom', wheeled < zoomed * 0.9, { zoomed, wheeled });
  const anyId = plan.panNode;
  const p0 = await api((id) => window.torchviz4j.nodeScreenCenter(id), anyId);
  await page.mouse.move(300, 300);
  await page.mouse.down();
  await page.mouse.move(340, 320, { steps: 4 });
  await page.mouse.move(380, 350, { steps: 4 });
  await page.mouse.up();
  const p1 = await api((id) => window.torchviz4j.nodeScreenCenter(id), anyId);
  check('drag-pan', Math.abs(p1.x - p0.x - 80) < 1 && Math.abs(p1.y - p0.y - 50) < 1, { p0, p1 });
  await page.keyboard.press('ArrowLeft');
  const p2 = await api((id) => window.torchviz4j.nodeScreenCenter(id), anyId);
  check('keyboard-pan', Math.abs(p2.x - p1.x - 60) < 1, { p1, p2 });
  await page.click('#fit');
  check('fit-button', Math.abs((await stats()).scale - fitScale) < 1e-9, await stats());

  // Modules: collapse by clicking the cluster title on the canvas, expand from the module tree.
  if (plan.collapse) {
    await api(() => window.torchviz4j.fit());
    const before = (await stats()).visibleNodes;
    await api((p) => window.torchviz4j.zoomToModule(p), plan.collapse.path);
    await page.waitForTimeout(50);
    const at = await api((p) => window.torchviz4j.clusterTitleScreenPoint(p), plan.collapse.path);
    await page.mouse.click(at.x, at.y);
    await page.waitForTimeout(50);
    const collapsed = (await stats()).visibleNodes;
    check('collapse-reduces-visible-nodes', collapsed === before - plan.collapse.expectHidden, { before, collapsed, expectHidden: plan.collapse.expectHidden });
    if (plan.collapse.screenshot) { await api(() => window.torchviz4j.fit()); await page.waitForTimeout(50); await page.screenshot({ path: plan.collapse.screenshot }); }
    const clicked = await api((p) => {
      const row = Array.from(document.querySelectorAll('#module-tree .row')).find((r) => r.dataset.path === p);
      if (!row) return false;
      row.querySelector('button.toggle').click();
      return true;
    }, plan.collapse.path);
    await page.waitForTimeout(50);
    const expanded = (await stats()).visibleNodes;
    check('expand-restores-visible-nodes', clicked && expanded === before, { clicked, before, expanded });
    await page.click('#collapse-all');
    await page.waitForTimeout(50);
    const all = await stats();
    check('collapse-all', all.visibleNodes === plan.collapse.expectVisibleAllCollapsed && all.collapsed === plan.collapse.expectCollapsedModules, { all, expect: plan.collapse });
    if (plan.collapse.screenshotAll) { await api(() => window.torchviz4j.fit()); await page.waitForTimeout(50); await page.screenshot({ path: plan.collapse.screenshotAll }); }
    await page.click('#expand-all');
    await page.waitForTimeout(50);
    check('expand-all', (await stats()).visibleNodes === before, await stats());
  }

  // Export: SVG and PNG downloads of the current view.
  await api(() => window.torchviz4j.fit());
  await page.waitForTimeout(50);
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const svgPath = `${plan.downloads}/${svgDownload.suggestedFilename()}`;
  await svgDownload.saveAs(svgPath);
  const svgText = fs.readFileSync(svgPath, 'utf8');
  const svg = await api((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = doc.getElementsByTagName('parsererror').length > 0;
    const texts = Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent);
    const forbidden = doc.querySelectorAll('script, foreignObject, img, image, a').length;
    const handlers = Array.from(doc.getElementsByTagName('*')).flatMap((e) => Array.from(e.attributes).map((a) => a.name)).filter((n) => n.startsWith('on'));
    const fills = Object.fromEntries(Array.from(doc.querySelectorAll('g.node')).map((g) => [g.getAttribute('data-id'), g.querySelector('rect').getAttribute('fill')]));
    return { error, texts, forbidden, handlers, fills, nodes: doc.querySelectorAll('g.node').length, root: doc.documentElement.localName };
  }, svgText);
  if (plan.expectFills) {
    const wrong = plan.expectFills.filter((f) => svg.fills[f.id] !== f.fill).map((f) => ({ id: f.id, expect: f.fill, actual: svg.fills[f.id] }));
    check('export-svg-fills', wrong.length === 0, wrong);
  }
  const missing = (plan.expectSvgTexts || []).filter((t) => !svg.texts.includes(t));
  check('export-svg', svgDownload.suggestedFilename() === 'torchviz4j-view.svg' && !svg.error && svg.root === 'svg' && svg.forbidden === 0 &&
    svg.handlers.length === 0 && svg.nodes === plan.expectNodes && missing.length === 0, { file: svgPath, error: svg.error, nodes: svg.nodes, forbidden: svg.forbidden, handlers: svg.handlers, missing });
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const pngPath = `${plan.downloads}/${pngDownload.suggestedFilename()}`;
  await pngDownload.saveAs(pngPath);
  const png = fs.readFileSync(pngPath);
  check('export-png', pngDownload.suggestedFilename() === 'torchviz4j-view.png' && png.length > 1000 && png.subarray(1, 4).toString('latin1') === 'PNG', { file: pngPath, bytes: png.length });
}

/** The backward stepper (--backward): steps through the seed neuron's pass and looks at the painted labels. */
async function stepper(page) {
  const api = (f, arg) => page.evaluate(f, arg);
  const state = () => api(() => window.torchviz4j.stepper.state());
  // Counts the canvas pixels of one colour (within a tolerance) inside a screen box.
  const painted = (box, rgb) => api(([b, c]) => {
    const canvas = document.getElementById('canvas'), r = canvas.getBoundingClientRect(), k = canvas.width / r.width;
    const w = Math.max(1, Math.ceil(b.w * k)), h = Math.max(1, Math.ceil(b.h * k));
    // Copied to a fresh canvas: repeated readbacks of the viewer's own canvas make Chromium warn.
    const copy = document.createElement('canvas');
    copy.width = w;
    copy.height = h;
    copy.getContext('2d').drawImage(canvas, Math.floor((b.x - r.left) * k), Math.floor((b.y - r.top) * k), w, h, 0, 0, w, h);
    const data = copy.getContext('2d').getImageData(0, 0, w, h).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - c[0]) < 40 && Math.abs(data[i + 1] - c[1]) < 40 && Math.abs(data[i + 2] - c[2]) < 40) n++;
    }
    return n;
  }, [box, rgb]);
  const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (plan.expectNoStepper) {
    const hidden = await api(() => document.getElementById('stepper').hidden);
    check('stepper-absent', hidden && (await state()) === null, { hidden });
    return;
  }
  const [tail, head] = plan.intoAddmm;

  const start = await state();
  const visible = await api(() => !document.getElementById('stepper').hidden);
  check('stepper-visible', visible && start.at === -1 && start.labels.every((l) => l.shown) &&
    JSON.stringify(start.steps) === JSON.stringify(plan.expectSteps), { visible, start });
  const startBox = await api(([t, h]) => window.torchviz4j.stepper.labelScreenBox(t, h), [tail, head]);
  check('stepper-labels-painted', startBox && await painted(startBox, [0xa6, 0x1b, 0x1b]) > 10, startBox);

  await page.click('#step-next');
  await frame();
  const first = await state();
  const label = first.labels.find((l) => l.tail === tail && l.head === head);
  const later = first.labels.filter((l) => l.step !== null && l.step > 0);
  check('stepper-first-step', first.at === 0 && first.name === 'TanhBackward0' && label && label.shown && label.text === '0.42' &&
    later.length > 0 && later.every((l) => !l.shown), first);
  check('stepper-explains-tanh', first.panel.includes('grad · (1 − y²)') && first.panel.includes('0.42'), first.panel);
  const firstBox = await api(([t, h]) => window.torchviz4j.stepper.labelScreenBox(t, h), [tail, head]);
  check('stepper-sent-label-painted', await painted(firstBox, [0x6a, 0x1b, 0x9a]) > 10, firstBox);

  await page.click('#step-lang');
  const ja = await state();
  check('stepper-japanese', ja.panel.includes('ステップ 1 / 5') && ja.panel.includes('順伝播で保存した出力'), ja.panel);
  await page.click('#step-lang');

  await page.keyboard.press('.');
  await frame();
  const addmm = await state();
  const into = addmm.labels.find((l) => l.tail === tail && l.head === head);
  check('stepper-addmm-receives-0.42', addmm.name === 'AddmmBackward0' && into.shown && into.text === '0.42' &&
    addmm.panel.includes('mat2ᵀ') && /received .*0\.42/.test(addmm.panel), addmm);
  const addmmBox = await api(([t, h]) => window.torchviz4j.stepper.labelScreenBox(t, h), [tail, head]);
  check('stepper-received-label-painted', await painted(addmmBox, [0xb3, 0x5c, 0x00]) > 10, addmmBox);
  if (plan.stepScreenshot) await page.screenshot({ path: plan.stepScreenshot });
  const exported = await api(() => window.torchviz4j.exportSvgText());
  const exportedLabels = (exported.match(/class="edge-label"/g) || []).length;
  check('stepper-svg-export', exportedLabels === 4 && exported.includes('>0.42</text>') && exported.includes('[0.42, 0.8399]'),
    { exportedLabels });

  const weightAt = await api((id) => window.torchviz4j.nodeScreenCenter(id), plan.weightId);
  await page.mouse.click(weightAt.x, weightAt.y);
  const weightDetails = await api(() => document.getElementById('details').innerText);
  check('stepper-details-traced-grad', /traced grad\s+\[0\.42, 0\.8399\]/.test(weightDetails), weightDetails);
  for (let i = 0; i < 10; i++) await page.keyboard.press('.');
  const end = await state();
  check('stepper-runs-to-the-end', end.at === plan.expectSteps.length - 1 && end.labels.every((l) => l.shown), end);
  await page.keyboard.press(',');
  check('stepper-steps-back', (await state()).at === plan.expectSteps.length - 2, await state());
}

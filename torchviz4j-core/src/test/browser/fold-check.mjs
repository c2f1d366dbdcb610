// The viewer's fold section (HtmlViewerFoldTest): a graph drawn with fold on opens folded, unfolds
// by a click on the run's title, by the details panel and by "Unfold all", and folds again.
// Every state is compared with what the static folded picture draws (ModuleFold), computed in Java.

/** Runs the fold checks on a loaded page; `check(name, ok, detail)` reports each. */
export async function foldChecks(page, plan, check) {
  if (plan.expectBoxes) {
    await foldBoxChecks(page, plan, check);
    return;
  }
  if (plan.equivalenceOnly) {
    await foldEquivalenceChecks(page, plan, check);
    return;
  }
  const api = (f, arg) => page.evaluate(f, arg);
  const stats = () => api(() => window.torchviz4j.stats());
  const folds = () => api(() => window.torchviz4j.folds());
  const shownEdges = async () => (await api(() => window.torchviz4j.foldShownEdges())).slice().sort();
  const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const expectFoldedEdges = plan.expectFoldedEdges.slice().sort();
  const expectAllEdges = plan.expectAllEdges.slice().sort();
  const fit = async () => { await api(() => window.torchviz4j.fit()); await page.waitForTimeout(50); };
  const visible = async () => (await stats()).visibleNodes;
  const buttonText = () => api(() => document.getElementById('unfold-all').textContent);
  const shot = async (file) => { if (file) { await page.screenshot({ path: file }); } };

  // Opens folded: the static picture's nodes and edges, the run titled with its range and count.
  const s0 = await stats();
  const f0 = await folds();
  const edges0 = await shownEdges();
  const toolbar = await api(() => {
    const b = document.getElementById('unfold-all');
    return { shown: !!b && getComputedStyle(b).display !== 'none', legend: document.getElementById('legend').textContent };
  });
  check('fold-opens-folded', s0.visibleNodes === plan.expectFoldedNodes && f0.length === plan.expectGroups &&
    f0.every((g) => g.folded) && f0[0].title === plan.expectTitle && f0[0].className === plan.expectClass,
  { stats: s0, folds: f0, expect: { nodes: plan.expectFoldedNodes, groups: plan.expectGroups, title: plan.expectTitle, className: plan.expectClass } });
  check('fold-edges-as-static-picture', sameList(edges0, expectFoldedEdges),
    { shown: edges0.length, expected: expectFoldedEdges.length, extra: edges0.filter((e) => !expectFoldedEdges.includes(e)).slice(0, 10),
      missing: expectFoldedEdges.filter((e) => !edges0.includes(e)).slice(0, 10) });
  check('fold-controls', toolbar.shown && (await buttonText()) === 'Unfold all' && /repeated block/.test(toolbar.legend), toolbar);
  // The module tree names each module within its parent: the run as 'first … last'.
  const treeRow = await api((p) => {
    const row = document.querySelector('#module-tree .row[data-path="' + p + '"] button.name');
    return row ? { text: row.textContent, tooltip: row.title } : null;
  }, plan.group);
  check('fold-tree-name', treeRow !== null && treeRow.text === plan.expectTreeName && treeRow.tooltip.endsWith(plan.expectTitle),
    treeRow);
  await fit();
  await shot(plan.screenshotFolded);
  // The folded view as SVG: the count in the run's title, no copy's node.
  const svg = await api(() => {
    const doc = new DOMParser().parseFromString(window.torchviz4j.exportSvgText(), 'image/svg+xml');
    return { texts: Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent),
      ids: Array.from(doc.querySelectorAll('g.node')).map((g) => g.getAttribute('data-id')) };
  });
  check('fold-svg-folded', svg.texts.includes(plan.expectTitle + '  ' + plan.expectClass) && !svg.ids.includes(plan.copyNode) &&
    svg.ids.includes(plan.keptNode), { titles: svg.texts.filter((t) => t.includes('\u00d7')), nodes: svg.ids.length });
  // The folded view is short: the copies' height shrinks.
  const foldedHeight = await api(() => window.torchviz4j.mappedHeight());

  // A click on the run's title unfolds it in place; the details panel offers to fold it again.
  await api((p) => window.torchviz4j.zoomToModule(p), plan.group);
  await page.waitForTimeout(50);
  const at = await api((p) => window.torchviz4j.clusterTitleScreenPoint(p), plan.group);
  await page.mouse.click(at.x, at.y);
  await page.waitForTimeout(50);
  const s1 = await stats();
  const edges1 = await shownEdges();
  const foldButton = await api(() => {
    const b = document.querySelector('#details button[data-fold]');
    return b ? b.textContent : null;
  });
  check('fold-title-click-unfolds', s1.visibleNodes === plan.expectNodes && sameList(edges1, expectAllEdges) &&
    foldButton === 'Fold \u00d7' + plan.expectCount && (await folds()).every((g) => !g.folded),
  { stats: s1, edges: edges1.length, expectEdges: expectAllEdges.length, foldButton });
  const unfoldedHeight = await api(() => window.torchviz4j.mappedHeight());
  check('fold-unfolded-is-taller', unfoldedHeight > 2 * foldedHeight, { foldedHeight, unfoldedHeight });
  await page.click('#details button[data-fold]');
  await page.waitForTimeout(50);
  const s2 = await stats();
  const unfoldButton = await api(() => {
    const b = document.querySelector('#details button[data-fold]');
    return b ? b.textContent : null;
  });
  check('fold-details-button-folds-again', s2.visibleNodes === plan.expectFoldedNodes && sameList(await shownEdges(), expectFoldedEdges) &&
    unfoldButton === 'Unfold \u00d7' + plan.expectCount, { stats: s2, unfoldButton });

  // "Unfold all" shows every copy's nodes, painted in their colours; "Fold all" returns.
  await page.click('#unfold-all');
  await page.waitForTimeout(50);
  const s3 = await stats();
  await api((id) => window.torchviz4j.revealNode(id), plan.copyNode);
  await page.waitForTimeout(50);
  const pixel = await fillAt(page, plan.copyNode);
  check('fold-unfold-all', s3.visibleNodes === plan.expectNodes && sameList(await shownEdges(), expectAllEdges) &&
    (await buttonText()) === 'Fold all' && pixel === plan.copyFill, { stats: s3, pixel, expectFill: plan.copyFill });
  await fit();
  await shot(plan.screenshotUnfolded);
  await page.click('#unfold-all');
  await page.waitForTimeout(50);
  const s4 = await stats();
  check('fold-fold-all-returns', s4.visibleNodes === plan.expectFoldedNodes && sameList(await shownEdges(), expectFoldedEdges) &&
    (await buttonText()) === 'Unfold all', s4);

  // Search for a node inside a folded copy: the run unfolds to show it.
  await page.fill('#search', plan.copyNode);
  await page.press('#search', 'Enter');
  await page.waitForTimeout(50);
  const s5 = await stats();
  check('fold-search-reveals', s5.selected === plan.copyNode && s5.visibleNodes === plan.expectNodes && (await folds()).every((g) => !g.folded), s5);
}

/** The colour the canvas paints inside a node's box. */
export async function fillAt(page, id) {
  return page.evaluate((nodeId) => {
    const p = window.torchviz4j.nodeFillPoint(nodeId);
    const canvas = document.getElementById('canvas');
    const r = canvas.getBoundingClientRect();
    const k = canvas.width / r.width;
    // Copied to a fresh 1x1 canvas: repeated readbacks of the viewer's own canvas make Chromium warn.
    const pixel = document.createElement('canvas');
    pixel.width = 1;
    pixel.height = 1;
    pixel.getContext('2d').drawImage(canvas, Math.round((p.x - r.left) * k), Math.round((p.y - r.top) * k), 1, 1, 0, 0, 1, 1);
    const d = pixel.getContext('2d').getImageData(0, 0, 1, 1).data;
    return '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('');
  }, id);
}

/** Modules collapsed to boxes (--depth) and folded: one box per run, as the static picture. */
async function foldBoxChecks(page, plan, check) {
  const api = (f, arg) => page.evaluate(f, arg);
  const boxes = () => api(() => window.torchviz4j.collapsedShown());
  const visible = async () => (await api(() => window.torchviz4j.stats())).visibleNodes;
  const b0 = await boxes();
  const v0 = await visible();
  check('fold-boxes-folded', JSON.stringify(b0) === JSON.stringify(plan.expectBoxes) && v0 === plan.expectFoldedVisible,
    { boxes: b0, visible: v0, expect: { boxes: plan.expectBoxes, visible: plan.expectFoldedVisible } });
  await api(() => window.torchviz4j.fit());
  await page.waitForTimeout(50);
  if (plan.screenshotFolded) await page.screenshot({ path: plan.screenshotFolded });
  await page.click('#unfold-all');
  await page.waitForTimeout(50);
  const b1 = await boxes();
  check('fold-boxes-unfolded', b1.length === plan.expectUnfoldedBoxes && (await visible()) === plan.expectFoldedVisible, { boxes: b1 });
  await api(() => window.torchviz4j.fit());
  await page.waitForTimeout(50);
  if (plan.screenshotUnfolded) await page.screenshot({ path: plan.screenshotUnfolded });
  await page.click('#unfold-all');
  await page.waitForTimeout(50);
  check('fold-boxes-fold-again', JSON.stringify(await boxes()) === JSON.stringify(plan.expectBoxes), await boxes());
}

/** Runs inside a run's first module: folded, the page draws the static picture's nodes and edges. */
async function foldEquivalenceChecks(page, plan, check) {
  const api = (f, arg) => page.evaluate(f, arg);
  const state = async () => ({
    visible: (await api(() => window.torchviz4j.stats())).visibleNodes,
    edges: (await api(() => window.torchviz4j.foldShownEdges())).slice().sort(),
    folds: await api(() => window.torchviz4j.folds()),
  });
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const foldedEdges = plan.expectFoldedEdges.slice().sort();
  const allEdges = plan.expectAllEdges.slice().sort();
  const s0 = await state();
  check('fold-nested-folded', s0.visible === plan.expectFoldedNodes && same(s0.edges, foldedEdges) &&
    same(s0.folds.map((g) => g.title + '  ' + g.className), plan.expectTitles),
  { visible: s0.visible, folds: s0.folds, extra: s0.edges.filter((e) => !foldedEdges.includes(e)), missing: foldedEdges.filter((e) => !s0.edges.includes(e)) });
  await page.click('#unfold-all');
  await page.waitForTimeout(50);
  const s1 = await state();
  check('fold-nested-unfolded', s1.visible === plan.expectNodes && same(s1.edges, allEdges), { visible: s1.visible, edges: s1.edges.length });
  await page.click('#unfold-all');
  await page.waitForTimeout(50);
  const s2 = await state();
  check('fold-nested-folded-again', s2.visible === plan.expectFoldedNodes && same(s2.edges, foldedEdges), { visible: s2.visible });
}

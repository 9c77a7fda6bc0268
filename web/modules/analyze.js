// The Analyze page (#/analyze): a model file in, its per-layer costs, the
// arena of every memory planner against the lower bound, a memory timeline and
// the board check out. Everything is computed in this browser by the
// analyzer's own wasm module (modules/analyzer.js: the same C++ as `derive
// analyze --json`); the file is read with File.arrayBuffer and never sent
// anywhere.
//
// Loaded on demand from app.js with modules/analyzer.js, so the trainer's
// first load carries neither this code nor the analyzer's wasm.
import { h } from './dom.js';
import { bytesText, grouped, table } from './tables.js';
import { practiceSection, usingEntry, usingModelFile } from './real-links.js';

const SVG = 'http://www.w3.org/2000/svg';
const shape = (t) => (t && Array.isArray(t.shape) ? `[${t.shape.join(', ')}]` : '');

function svg(name, attributes = {}, ...kids) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  el.append(...kids);
  return el;
}

// Live bytes per step of one plan as a step chart, the peak marked.
function timelinePicture(plan) {
  const live = plan.timeline;
  if (!Array.isArray(live) || live.length === 0) return null;
  const width = 640;
  const height = 220;
  const left = 70;
  const bottom = 30;
  const top = 14;
  const peak = Math.max(...live, 1);
  const x = (i) => left + ((width - left - 10) * i) / Math.max(live.length, 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / peak);
  let d = `M ${x(0)} ${y(0)}`;
  live.forEach((v, i) => { d += ` V ${y(v)} H ${x(i + 1)}`; });
  const at = live.indexOf(peak);
  const title = `Live activation bytes at each step under ${plan.planner}: peak ${grouped(peak)} B at step ${at}`;
  return h('figure', { class: 'picture' },
    svg('svg', { class: 'plot', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
      svg('title', {}, title),
      svg('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - 10, y2: height - bottom }),
      svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom }),
      svg('text', { x: left - 6, y: top + 4, 'text-anchor': 'end' }, grouped(peak)),
      svg('text', { x: left - 6, y: height - bottom, 'text-anchor': 'end' }, '0'),
      svg('text', { x: (left + width) / 2, y: height - 8, 'text-anchor': 'middle' }, 'step (operator)'),
      svg('path', { d, fill: 'none', stroke: 'currentColor', 'stroke-width': 2, class: 'series' }),
      svg('circle', { cx: (x(at) + x(at + 1)) / 2, cy: y(peak), r: 5, class: 'peak' })),
    h('figcaption', null, `Peak ${bytesText(peak)} at step ${at}` +
      (Array.isArray(plan.peak_tensors) && plan.peak_tensors.length ? `; alive then: ${plan.peak_tensors.join(', ')}` : '')));
}

function unknownOps(list) {
  if (!Array.isArray(list) || list.length === 0) return null;
  const names = list.map((u) => (typeof u === 'string' ? u : `${u.op ?? u.name} × ${u.count}`));
  return h('p', { class: 'notice', role: 'note' }, `Not modelled (counted as no MACs and named here, never silently): ${names.join(', ')}.`);
}

// What the document could not count: layers whose shapes defeat their cost
// rule (totals.uncosted) and tensors of unknown size (memory.complete false),
// so that no number on the page is a silent zero or a claimed total.
function incompleteNotice(result) {
  const uncosted = result.totals?.uncosted;
  const unknown = result.memory?.unknown_size_tensors;
  const lines = [];
  if (Array.isArray(uncosted) && uncosted.length)
    lines.push(`Uncosted (shapes not known or not valid; no MACs counted, the layer's note says why): ${uncosted.map((u) => `${u.op} × ${u.count}`).join(', ')}.`);
  if (result.memory?.complete === false && Array.isArray(unknown))
    lines.push(`Incomplete plan: ${unknown.length} tensor${unknown.length === 1 ? ' has' : 's have'} unknown sizes and ${unknown.length === 1 ? 'is' : 'are'} not planned (${unknown.join('; ')}); every arena below leaves ${unknown.length === 1 ? 'it' : 'them'} out.`);
  return lines.length ? h('div', { class: 'notice', role: 'note' }, lines.map((l) => h('p', null, l))) : null;
}

// A layer's number: its index, prefixed "k:" in a subgraph k that control
// flow calls (the CLI's table numbers them the same way).
function layerIndex(layer) {
  return layer.subgraph ? `${layer.subgraph}:${layer.index}` : String(layer.index);
}

// memory.what_ifs: TinyEngine's in-place depthwise, MCUNetV2's patches and
// int4 activations, each planned with best and with tflm-greedy.
function peakWhatIfs(memory) {
  const whatIfs = memory?.what_ifs;
  if (!Array.isArray(whatIfs) || whatIfs.length === 0) return null;
  const best = (memory.plans || []).find((p) => p.planner === 'best')?.arena_bytes;
  return table('What would change the peak', ['change', 'arena with best', 'arena with tflm-greedy', 'vs best today'],
    whatIfs.map((w) => [w.description, bytesText(w.arena_bytes?.best), bytesText(w.arena_bytes?.['tflm-greedy']),
      typeof best === 'number' && best > 0 ? `${(((w.arena_bytes.best - best) / best) * 100).toFixed(1)} %` : '']));
}

// `title`: the board's name from the table (the document names it by id).
function boardVerdict(board, title) {
  if (!board) return null;
  const line = (what, fits, margin) => `${what}: ${fits ? 'fits' : 'does not fit'}` +
    (typeof margin === 'number' ? ` (${margin >= 0 ? 'margin' : 'short by'} ${bytesText(Math.abs(margin))})` : '');
  return h('section', { class: 'card board', 'aria-label': 'Board check' },
    h('h2', null, `On ${title || board.name}`),
    h('p', null, line(`SRAM (arena with ${board.planner})`, board.fits_sram, board.sram_margin_bytes)),
    h('p', null, line('Flash (model)', board.fits_flash, board.flash_margin_bytes)),
    Array.isArray(board.would_fit) && board.would_fit.length
      ? h('div', null, h('p', null, 'It would fit with:'), h('ul', null, board.would_fit.map((a) => h('li', null, a)))) : null,
    Array.isArray(board.notes) && board.notes.length ? h('ul', { class: 'meta' }, board.notes.map((n) => h('li', null, n))) : null);
}

// "Practise on this layer": the catalogue's questions that are this layer
// (the analyzer's per-layer "practice", src/analyze/practice.hpp), each a
// link to its card with the layer's numbers: #/ex/ID?p=name:value,...&from=...
// `title(id)`: the exercise's title, or undefined.
export function practiceLinks(layer, file, title) {
  const practice = Array.isArray(layer.practice) ? layer.practice : [];
  if (practice.length === 0) return '';
  const from = encodeURIComponent(`layer ${layer.index}, ${layer.op}, of ${file}`);
  return h('details', { class: 'practice' }, h('summary', null, 'Practise on this layer'),
    h('ul', null, practice.map((p) => {
      const given = Object.entries(p.params || {}).map(([name, value]) => `${name}:${value}`).join(',');
      return h('li', null, h('a', { href: `#/ex/${p.exercise}?p=${given}&from=${from}` }, title?.(p.exercise) || p.exercise));
    })));
}

function report(result, boardName, boardTitle, title, reals) {
  const layers = result.layers || [];
  const plans = result.memory?.plans || [];
  const bound = result.memory?.lower_bound_bytes;
  const picker = h('select', { id: 'plan-picker' }, plans.map((p) => h('option', { value: p.planner }, p.planner)));
  const timeline = h('div');
  const showPlan = () => timeline.replaceChildren(timelinePicture(plans.find((p) => p.planner === picker.value) || plans[0]) || '');
  picker.addEventListener('change', showPlan);
  const out = [
    h('section', { class: 'card', 'aria-label': 'Totals' },
      h('h2', null, `${result.file} (${result.format}, ${grouped(result.bytes)} B)`),
      h('p', null, `${grouped(result.totals?.params)} parameters · ${grouped(result.totals?.macs)} MACs · weights ${bytesText(result.totals?.weight_bytes)}`),
      unknownOps(result.totals?.unknown_ops)),
    h('section', { class: 'card', 'aria-label': 'Memory' },
      h('h2', null, 'Activation memory'),
      h('p', null, `Lower bound (the most bytes alive at once): ${bytesText(bound)}`),
      table('Arena per planner', ['planner', 'arena', 'over the bound', 'checked'], plans.map((p) => [
        p.planner, bytesText(p.arena_bytes),
        typeof bound === 'number' && bound > 0 ? `${(((p.arena_bytes - bound) / bound) * 100).toFixed(1)} %` : '',
        p.checked ? 'yes' : 'NO'])),
      incompleteNotice(result),
      peakWhatIfs(result.memory)),
  ];
  if (plans.some((p) => Array.isArray(p.timeline))) {
    out.push(h('section', { class: 'card', 'aria-label': 'Memory timeline' }, h('h2', null, 'Memory timeline'),
      h('p', null, h('label', { for: 'plan-picker' }, 'Planner '), picker), timeline));
    showPlan();
  }
  if (boardName) out.push(boardVerdict(result.board, boardTitle));
  // The exercises on this board's numbers (@board:<id>) and on this file's layers.
  if (boardName) out.push(practiceSection(usingEntry(reals, 'board', boardName), boardTitle || boardName));
  out.push(practiceSection(usingModelFile(reals, result.file), result.file));
  out.push(table(`Layers of ${result.file}`, ['#', 'op', 'output', 'params', 'MACs', 'weight bytes', 'activation bytes', 'practice'],
    layers.map((l) => [layerIndex(l), l.op, (l.outputs || []).map(shape).join(' '), grouped(l.params), grouped(l.macs),
      grouped(l.weight_bytes), grouped(l.activation_bytes), practiceLinks(l, result.file, title)])));
  return out.filter(Boolean);
}

// The page's content. `analyzer` is loadAnalyzer's {analyze}; `boards` its
// board table, for the picker; `title(id)` an exercise's title, for the
// practice links; `reals` the catalogue's real variants (engine.realVariants()).
export function analyzePage(analyzer, boards, title, reals = []) {
  const input = h('input', { type: 'file', id: 'model-file', accept: '.tflite,.onnx' });
  const boardPicker = h('select', { id: 'board-picker' }, h('option', { value: '' }, 'no board'),
    (Array.isArray(boards) ? boards : []).map((b) => h('option', { value: b.id }, b.name)));
  const status = h('p', { class: 'status', role: 'status' });
  const results = h('div', { class: 'analysis' });
  let bytes = null;
  let name = '';
  let latest = 0; // the run whose result may be shown: a newer file or board wins
  const run = async () => {
    if (!bytes) return;
    const mine = ++latest;
    const started = performance.now();
    const result = await analyzer.analyze(bytes, { file: name, board: boardPicker.value });
    const ms = performance.now() - started;
    if (mine !== latest) return;
    if (result.error) {
      status.textContent = `Could not analyse ${name}: ${result.error}`;
      status.classList.add('error');
      results.replaceChildren();
      return;
    }
    status.classList.remove('error');
    status.textContent = `Analysed ${name} in ${ms.toFixed(1)} ms, in this browser.`;
    results.replaceChildren(...report(result, boardPicker.value, boardPicker.selectedOptions[0]?.textContent, title, reals));
  };
  const open = async (file) => {
    name = file.name;
    status.textContent = `Reading ${name}…`;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      bytes = null;
      status.textContent = `Could not read ${name}: ${error.message || error}`;
      status.classList.add('error');
      results.replaceChildren();
      return;
    }
    run();
  };
  input.addEventListener('change', () => input.files[0] && open(input.files[0]));
  boardPicker.addEventListener('change', run);
  const zone = h('div', { class: 'card dropzone' },
    h('p', null, h('label', { for: 'model-file' }, 'Model file (.tflite or .onnx) '), input),
    h('p', null, h('label', { for: 'board-picker' }, 'Board '), boardPicker),
    h('p', { class: 'meta' }, 'Or drop a file here. It is read in this browser and never leaves this machine.'));
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const file = event.dataTransfer?.files?.[0];
    if (file) open(file);
  });
  return [h('h1', { tabindex: '-1' }, 'Analyze a model'),
    h('p', { class: 'lead' }, 'Parameters, MACs and weight bytes per layer, the activation arena under each memory planner against the lower bound no plan can beat, and whether it fits a board.'),
    zone, status, results];
}

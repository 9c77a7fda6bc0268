// Pictures drawn with a card's own numbers, as inline SVG built with DOM APIs,
// one drawing per picture kind. The catalogue says which kind a card shows and
// which values it plots (src/exercise/picture.cpp, docs/catalogue-format.md);
// the engine evaluates them for the variant, and the curves between them come
// from the engine too (engine.calc); JavaScript only places the points. Labels that would give the answer away carry
// class "answer" and stay hidden until the card is solved or its solution shown.
import { svg, h } from './dom.js';

// The drawing is W user units wide and fills the card's width (up to a
// maximum, see style.css). On a phone the viewBox is narrower, so the same
// 12-13 unit text renders at about 12 px instead of shrinking to 9.
let W = 400, H = 230;
const L = 58, R = 14, T = 14, B = 44;

function calc(engine, expression) {
  const r = engine.calc(expression);
  if (r.error) throw new Error(r.error);
  return r;
}
// "200,000,000 FLOP/s = 200 MFLOP/s" -> "200 MFLOP/s"
const short = (text) => text.split(' = ')[1] || text;
const minus = (s) => String(s).replace('-', '−');
const text = (x, y, s, attrs) => svg('text', { x, y, ...attrs }, s);
const line = (x1, y1, x2, y2, cls) => svg('line', { x1, y1, x2, y2, class: cls });
const power = (x, y, k, anchor) => text(x, y, ['10', svg('tspan', { dy: -6, class: 'sup' }, minus(k))], { 'text-anchor': anchor });

function frame(label, ...kids) {
  return frameOf(H, label, ...kids);
}
function frameOf(height, label, ...kids) {
  return svg('svg', { viewBox: `0 0 ${W} ${height}`, class: 'plot', role: 'img', 'aria-label': label }, svg('title', null, label), ...kids);
}

function axes(xLabel, yLabel) {
  return [
    line(L, T, L, H - B, 'axis'), line(L, H - B, W - R, H - B, 'axis'),
    text((L + W - R) / 2, H - 6, xLabel, { 'text-anchor': 'middle', class: 'label' }),
    text(13, (T + H - B) / 2, yLabel, { 'text-anchor': 'middle', class: 'label', transform: `rotate(-90 13 ${(T + H - B) / 2})` }),
  ];
}

// Roofline (Williams, Waterman & Patterson, 2009) on log-log axes.
function roofline(engine, pic) {
  const c = (e) => calc(engine, e), { peak, bandwidth: bw } = pic;
  const ridge = c(`ridge_point(${peak}, ${bw})`);
  // The kernel's intensity, as FLOPs per one byte, in the engine's words.
  const mine = pic.intensity != null ? c(`arithmetic_intensity(${pic.intensity}, 1)`) : null;
  const xs = mine ? [ridge.value, mine.value] : [ridge.value];
  const lo = Math.floor(Math.log10(Math.min(...xs))) - 1, hi = Math.ceil(Math.log10(Math.max(...xs))) + 1;
  const at = (x) => c(`attainable_flops_per_s(${x}, ${peak}, ${bw})`).value;
  const ylo = Math.floor(Math.log10(at(10 ** lo))), yhi = Math.ceil(Math.log10(peak) + 0.3);
  const X = (x) => L + ((Math.log10(x) - lo) / (hi - lo)) * (W - L - R);
  const Y = (y) => H - B - ((Math.log10(y) - ylo) / (yhi - ylo)) * (H - T - B);
  const kids = axes('arithmetic intensity (FLOP/B, log)', 'attainable FLOP/s (log)');
  const every = (n) => (n > 6 ? 2 : 1);
  // The first x label starts at the axis instead of centring on it, so it
  // clears the lowest y label in the corner; on a narrow drawing every other
  // decade is labelled so "10⁻¹" and "10⁰" do not touch.
  for (let k = lo; k <= hi; k += (W - L - R) / (hi - lo) < 45 ? 2 : every(hi - lo)) kids.push(line(X(10 ** k), H - B, X(10 ** k), H - B + 4, 'axis'), power(k === lo ? X(10 ** k) - 2 : X(10 ** k), H - B + 20, k, k === lo ? 'start' : 'middle'));
  for (let k = ylo; k <= yhi; k += every(yhi - ylo)) kids.push(line(L - 4, Y(10 ** k), L, Y(10 ** k), 'axis'), power(L - 7, Y(10 ** k) + 4, k, 'end'));
  const roofPeak = short(c(`attainable_flops_per_s(${10 ** hi}, ${peak}, ${bw})`).text);
  const slope = short(c(`tensor_bytes(${bw}, 1)`).text) + '/s';
  const rx = X(ridge.value), ry = Y(peak);
  kids.push(
    svg('polyline', { points: `${X(10 ** lo)},${Y(at(10 ** lo))} ${rx},${ry} ${W - R},${ry}`, class: 'curve c0' }),
    line(rx, ry, rx, H - B, 'guide'),
    text(W - R - 2, ry - 6, `peak ${roofPeak}`, { 'text-anchor': 'end', class: 'note' }),
    text((X(10 ** lo) + rx) / 2 + 8, (Y(at(10 ** lo)) + ry) / 2 + 8, `slope ${slope}`, { class: 'note' }),
  );
  const ridgeLabel = mine ? `ridge ${ridge.text}` : 'ridge';
  kids.push(text(rx + 4, H - B - 6, ridgeLabel, { class: 'note' }));
  if (!mine) kids.push(text(rx + 4, H - B - 20, `I* = ${ridge.text}`, { class: 'note answer' }));
  if (mine) {
    const mx = X(mine.value), my = Y(at(mine.value));
    kids.push(svg('circle', { cx: mx, cy: my, r: 4.5, class: 'dot' }),
      text(mx, my + 18, 'this layer', { 'text-anchor': mx > W - 70 ? 'end' : 'middle', class: 'note strong' }),
      text(mx, my + 31, mine.text, { 'text-anchor': mx > W - 70 ? 'end' : 'middle', class: 'note answer' }));
  }
  const caption = pic.caption ?? 'Attainable performance is the lower of the slanted memory roof and the flat compute roof; they meet at the ridge point.';
  return [frame('Roofline plot', ...kids), caption];
}

// The real line and the integer grid of asymmetric quantization (Jacob et al., 2018):
// r = S (q − Z). The top ruler shows the whole range; the lower one zooms into
// a few levels around the point the question is about.
// focus: what the close-up shows ("value": x rounds to q, "round-trip": and
// back to x̂, "zero-point": r = 0 rounds to Z, "step": one step S); answer:
// which labels are hidden until solved ("level", "zero-point", "none").
function quantGrid(engine, pic) {
  const c = (e) => calc(engine, e), p = pic, { bits, scale: S, zero_point: Z } = pic;
  const focus = pic.focus ?? (p.x != null ? 'value' : 'step'), answer = pic.answer ?? 'none';
  const top = c(`quant_levels(${bits})`).value - 1;
  const q = p.q ?? (p.x != null ? c(`quantize(${p.x}, ${S}, ${Z}, ${bits})`).value : null);
  const f0 = c(`dequantize(0, ${S}, ${Z})`).value, f1 = c(`dequantize(${top}, ${S}, ${Z})`).value;
  const level = (r) => ((r - f0) / (f1 - f0)) * top; // where a real value falls, in level units (layout only)
  const QL = 26, X = (k) => QL + (k / top) * (W - QL - R);
  const kids = [];
  // Whole range.
  const y1 = 40, y2 = 82;
  kids.push(line(X(0), y1, X(top), y1, 'axis'), line(X(0), y2, X(top), y2, 'axis'),
    text(X(0), y1 - 22, 'real value r', { class: 'label' }), text(X(0), y2 + 31, `integer q (${bits} bits)`, { class: 'label' }));
  const step = top < 32 ? 1 : (top + 1) / 16;
  for (let k = 0; k <= top; k += step) kids.push(line(X(k), y2 - 4, X(k), y2 + 4, 'axis'));
  kids.push(line(X(top), y2 - 4, X(top), y2 + 4, 'axis'), text(X(0), y2 + 17, '0', { 'text-anchor': 'middle' }), text(X(top), y2 + 17, top, { 'text-anchor': 'end' }));
  if (p.x_min != null) kids.push(text(X(level(p.x_min)), y1 - 6, minus(p.x_min), { 'text-anchor': 'middle' }));
  if (p.x_max != null) kids.push(text(X(level(p.x_max)), y1 - 6, minus(p.x_max), { 'text-anchor': 'end' }));
  const z = X(level(0));
  kids.push(line(z, y1, z, y2, 'guide'), text(z + 3, y1 + 14, '0', { class: 'note' }),
    text(z + 4, y2 - 8, answer === 'zero-point' ? 'Z' : `Z = ${Z}`, { class: 'note strong' }));
  if (p.x != null) kids.push(svg('circle', { cx: X(level(p.x)), cy: y1, r: 4, class: 'dot' }), text(X(level(p.x)), y1 - 6, `x = ${minus(p.x)}`, { 'text-anchor': 'middle', class: 'note strong' }));
  // Close-up: seven levels around the point of interest, in a tinted panel
  // joined to the window it magnifies on the integer axis.
  const centre = q ?? (focus === 'zero-point' ? Z : 1);
  const first = Math.max(0, Math.min(top - 6, centre - 3));
  const zx = (k) => QL + ((k - first + 0.5) / 7) * (W - QL - R);
  const marks = p.x != null || focus === 'zero-point';
  const y3 = marks ? 190 : 158, hide = answer !== 'none';
  const top3 = y3 - (marks ? 62 : 32), bottom3 = y3 + 28, wl = X(first) - 3, wr = X(first + 6) + 3;
  kids.unshift(
    svg('path', { d: `M${wl},${y2 + 6} L${zx(first - 0.5)},${top3} H${zx(first + 6.5)} L${wr},${y2 + 6} Z`, class: 'zoom' }),
    svg('rect', { x: zx(first - 0.5), y: top3, width: zx(first + 6.5) - zx(first - 0.5), height: bottom3 - top3, rx: 6, class: 'zoom' }));
  kids.push(text(zx(first - 0.5) + 8, top3 + 15, 'close-up', { class: 'label' }),
    svg('rect', { x: wl, y: y2 - 6, width: wr - wl, height: 12, rx: 2, class: 'window' }),
    line(zx(first - 0.5) + 8, y3, zx(first + 6.5) - 8, y3, 'axis'));
  for (let k = first; k <= first + 6; k++) kids.push(line(zx(k), y3 - 5, zx(k), y3 + 5, 'axis'), text(zx(k), y3 + 20, k, { 'text-anchor': 'middle', class: hide ? 'answer' : null }));
  const mark = (r, label, cls) => {
    const x = zx(level(r));
    kids.push(svg('circle', { cx: x, cy: y3 - 28, r: 4, class: cls }), text(x, y3 - 36, label, { 'text-anchor': 'middle', class: 'note strong' }));
    return x;
  };
  const arrow = (from, to, label) => kids.push(svg('path', { d: `M${from},${y3 - 24} L${to},${y3 - 6}`, class: 'guide' }), svg('circle', { cx: to, cy: y3, r: 4, class: 'dot' }), text((from + to) / 2 + 6, y3 - 12, label, { class: 'note' }));
  let height = bottom3 + 8;
  if (p.x != null) {
    const from = mark(p.x, 'x', 'dot hollow');
    arrow(from, zx(q), 'round');
    if (focus === 'round-trip') kids.push(text(zx(q), bottom3 + 16, 'x̂ = S (q − Z)', { 'text-anchor': 'middle', class: 'note' })), height += 16;
  } else if (focus === 'zero-point') {
    arrow(mark(0, 'r = 0', 'dot hollow'), zx(Z), 'round');
  } else {
    kids.push(svg('path', { d: `M${zx(first)},${bottom3 + 4} v6 H${zx(first + 1)} v-6`, class: 'guide' }), text(zx(first + 0.5), bottom3 + 24, 'one step = S', { 'text-anchor': 'middle', class: 'note' }));
    height += 22;
  }
  return [frameOf(height, 'Quantization grid', ...kids), pic.caption ?? 'The real range laid over the integer levels (top), and a close-up of a few neighbouring levels (bottom).'];
}

// Softened softmax (Hinton, Vinyals & Dean, 2015) of each class against T.
// item and symbol name the curves ("class", "z" unless the catalogue says otherwise).
function softProb(engine, pic) {
  const c = (e) => calc(engine, e);
  const z = pic.logits, t0 = pic.temperature, k0 = pic.index, list = `[${z.join(', ')}]`;
  const who = pic.item ?? 'class', sym = pic.symbol ?? 'z';
  const tmax = Math.max(10, Math.ceil(t0 * 2)), n = 60;
  const X = (t) => L + (t / tmax) * (W - L - R), Y = (v) => H - B - v * (H - T - B);
  const kids = axes('temperature T', 'probability');
  const tstep = tmax <= 10 ? 2 : tmax <= 30 ? 5 : 10;
  for (let t = 0; t <= tmax; t += tstep) kids.push(line(X(t), H - B, X(t), H - B + 4, 'axis'), text(X(t), H - B + 16, t, { 'text-anchor': 'middle' }));
  for (const v of [0, 0.5, 1]) kids.push(line(L - 4, Y(v), L, Y(v), 'axis'), text(L - 7, Y(v) + 4, v, { 'text-anchor': 'end' }));
  const rows = [];
  for (let i = 1; i <= n; i++) rows.push([(tmax * i) / n, c(`softmax(${list}, ${(tmax * i) / n})`).value]);
  z.forEach((zi, j) => {
    kids.push(svg('polyline', { points: rows.map(([t, v]) => `${X(t)},${Y(v[j])}`).join(' '), class: `curve c${j % 5}` }),
      line(W - R - 16, T + 8 + j * 16, W - R, T + 8 + j * 16, `curve c${j % 5}`),
      text(W - R - 22, T + 12 + j * 16, `${who} ${j}, ${sym} = ${minus(zi)}`, { class: 'note', 'text-anchor': 'end' }));
  });
  const pk = c(`softmax_prob(${list}, ${k0}, ${t0})`).value;
  kids.push(line(X(t0), T, X(t0), H - B, 'guide'), text(X(t0) + 4, H - B - 6, `T = ${t0}`, { class: 'note strong' }),
    svg('circle', { cx: X(t0), cy: Y(pk), r: 4.5, class: 'dot' }), text(X(t0) - 6, Y(pk) - 8, `p${toSub(k0)}`, { 'text-anchor': 'end', class: 'note strong' }));
  return [frame('Softmax probabilities against temperature', ...kids),
    pic.caption ?? 'Raising T flattens every class towards the same probability; the dot is the value asked for.'];
}
const toSub = (k) => String(k).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);

// An arena over time, as TensorFlow Lite Micro's greedy planner lays it out
// (greedy_memory_planner.cc): buffer i is a box over its steps
// first_use..last_use and its bytes offsets[i]..offsets[i] + sizes[i]. The
// arena's top and the live-set bound are the answers, hidden until solved.
function memoryTimeline(engine, pic) {
  const { sizes, offsets, first_use: first, last_use: last } = pic, unit = pic.unit ? ` (${pic.unit})` : '';
  const arena = c0(engine, `first_fit_arena_bytes([${sizes.join(', ')}], [${first.join(', ')}], [${last.join(', ')}])`);
  const s0 = Math.min(...first), s1 = Math.max(...last) + 1, top = Math.max(arena, pic.bound ?? 0) * 1.12 || 1;
  const X = (s) => L + ((s - s0) / (s1 - s0)) * (W - L - R), Y = (v) => H - B - (v / top) * (H - T - B);
  const kids = axes('operator (step)', `arena offset${unit}`);
  for (let s = s0; s < s1; s++) kids.push(text((X(s) + X(s + 1)) / 2, H - B + 16, s, { 'text-anchor': 'middle' }));
  kids.push(text(L - 7, Y(0) + 4, 0, { 'text-anchor': 'end' }));
  sizes.forEach((size, i) => {
    const x = X(first[i]) + 1, y = Y(offsets[i] + size), w = X(last[i] + 1) - X(first[i]) - 2, hgt = Y(offsets[i]) - y;
    kids.push(svg('rect', { x, y, width: w, height: Math.max(hgt, 1), rx: 2, class: `box c${i % 5}` }));
    if (hgt >= 13) kids.push(text(x + w / 2, y + hgt / 2 + 4, `t${i}`, { 'text-anchor': 'middle', class: 'note strong' }));
  });
  kids.push(line(L, Y(arena), W - R, Y(arena), 'guide'), text(W - R - 2, Y(arena) - 5, `arena ${arena}`, { 'text-anchor': 'end', class: 'note answer' }));
  if (pic.bound != null) kids.push(line(L, Y(pic.bound), W - R, Y(pic.bound), 'guide'), text(L + 4, Y(pic.bound) - 5, `live-set bound ${pic.bound}`, { class: 'note answer' }));
  return [frame('Memory timeline of the arena', ...kids),
    pic.caption ?? 'Each buffer is a box over the steps it is alive and the bytes it holds; boxes alive at the same step never overlap.'];
}
const c0 = (engine, expression) => calc(engine, expression).value;

const PICTURES = { roofline, 'quant-grid': quantGrid, 'softmax-temperature': softProb, 'memory-timeline': memoryTimeline };

// A <figure> for a card's picture (card.picture), or null when its kind is
// unknown here or the engine refused a value (the card then has no picture).
export function pictureFor(engine, pic) {
  const draw = PICTURES[pic.kind];
  if (!draw) return null;
  try {
    W = matchMedia('(max-width: 520px)').matches ? 310 : 400;
    const [plot, caption] = draw(engine, pic);
    return h('figure', { class: 'picture' }, plot, h('figcaption', null, caption));
  } catch {
    return null;
  }
}

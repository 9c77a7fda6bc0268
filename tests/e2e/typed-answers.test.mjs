// The forms a person types, in the web trainer (issue 7, "Reading answers"):
// a bare prefix or a number word with no unit (`14.45M`, `14.45 million` in an
// MMACs question), arithmetic (`8/255`, `2^4`, `16 × 4`), approximation marks
// and words (`~0.0314`, `≈13.6`, `about 13.6`), unit words (`megabytes`,
// `MiB`, `Mparams`), a trailing full stop, and several parts in one field
// (`3.125, 1.5`). docs/grading.md states the rules.
//
// No number here is copied from the seed or the catalogue: each expected value
// is computed from the variant's own parameters (as the native CLI shows them)
// and checked against the CLI's answer, and each form is then written from that
// value. Every form is graded in the page and by the native CLI, and the two
// must agree with the expectation: the page runs the same C++ through wasm, so
// a difference is a bug.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { answer, deriveJson, newPage, openExercise, setup } from './harness.mjs';

let env, p;
before(async () => {
  env = await setup();
  p = await newPage(env.browser);
});
after(async () => {
  await p?.context.close();
  await env?.close();
});

// A form the page never grades (a verdict that never comes) fails the test
// after this long instead of hanging the run.
const TIMEOUT = 60_000;

// Variants other than 0, so the numbers are the generator's, not the canonical ones.
const show = (id, variant) => deriveJson('exercise', 'show', id, '--variant', String(variant));

// `expected` agrees with the CLI's answer to 9 significant figures.
function assertSameAnswer(expected, cli, what) {
  assert.ok(Math.abs(expected - cli) <= 1e-9 * Math.abs(cli), `${what}: computed ${expected}, the CLI says ${cli}`);
}

// A number as a person would write it: at most `figures` significant figures,
// no exponent, no trailing zeros.
const written = (x, figures = 12) => String(Number(x.toPrecision(figures)));

// The requested precision of the card's first answer field, from its hint
// ("give 3 significant figures", "give 2 decimal places"): the value rounded
// as the question asks.
async function roundedAsAsked(id, value) {
  const hint = await p.page.locator(`[data-exercise="${id}"] .hint`).first().textContent();
  const significant = hint.match(/(\d+) significant/);
  if (significant) return written(value, Number(significant[1]));
  const decimals = hint.match(/(\d+) decimal/);
  if (decimals) return String(Number(value.toFixed(Number(decimals[1]))));
  throw new Error(`${id}: no precision in the hint "${hint}"`);
}

// Grades every form in the page and with the CLI; each must give `expected`
// ('correct' or 'incorrect'). Returns the page's verdict texts by form.
async function gradeForms(id, variant, forms) {
  const texts = {};
  for (const [typed, expected] of forms) {
    const page = await answer(p.page, id, [typed]);
    const cli = deriveJson('exercise', 'check', id, '--variant', String(variant), '--answer', typed);
    const cliVerdict = cli.correct ? 'correct' : 'incorrect';
    assert.equal(cliVerdict, expected, `CLI, ${id} v${variant}, "${typed}": ${cli.feedback}`);
    texts[typed] = await p.page.locator(`[data-exercise="${id}"] [data-verdict]`).textContent();
    assert.equal(page, expected, `page, ${id} v${variant}, "${typed}": ${texts[typed]}`);
    assert.ok(texts[typed].includes(cli.feedback), `page and CLI give the same feedback for "${typed}"`);
  }
  assert.deepEqual(p.problems, [], 'no console errors or warnings and no page errors');
  return texts;
}

describe('a bare prefix or a number word multiplies the base unit', () => {
  test('count.conv-macs (asks MMACs): 14.45M, 14.45 million, MMAC, GMACs', { timeout: TIMEOUT }, async () => {
    const id = 'count.conv-macs';
    const variant = 7;
    const s = show(id, variant);
    const { kernel, in_channels: cin, out_channels: cout, out_height: h, out_width: w } = s.params;
    // One MAC per kernel weight per output value: k²·C_in per output, C_out·H·W outputs.
    const macs = kernel * kernel * cin * cout * h * w;
    assertSameAnswer(macs / 1e6, s.answer.value, id);
    await openExercise(p.page, env.url, id, variant);
    const mm = written(macs / 1e6);
    const texts = await gradeForms(id, variant, [
      [`${mm}M`, 'correct'],
      [`${mm} M`, 'correct'],
      [`${mm} million`, 'correct'],
      [`${mm} million MACs`, 'correct'],
      [`${mm} MMAC`, 'correct'],
      [`${written(macs / 1e9)} GMACs`, 'correct'],
      [`${written(macs / 1e9)} billion`, 'correct'],
      // A bare k makes the number a thousand times too small: read, and wrong.
      [`${mm}k`, 'incorrect'],
    ]);
    assert.match(texts[`${mm}M`], /a bare 'M' multiplies the base unit/);
  });
});

describe('arithmetic typed as the answer is evaluated', () => {
  test('quant.asym-scale: (x_max − x_min)/(2^bits − 1), with / and ÷', { timeout: TIMEOUT }, async () => {
    const id = 'quant.asym-scale';
    const variant = 5;
    const s = show(id, variant);
    const { x_min: lo, x_max: hi, bits } = s.params;
    // The asymmetric scale spreads the range over 2^bits − 1 steps (Jacob et al. 2018, eq. 1).
    assertSameAnswer((hi - lo) / (2 ** bits - 1), s.answer.value, id);
    await openExercise(p.page, env.url, id, variant);
    const range = lo < 0 ? `${hi} + ${-lo}` : `${hi} - ${lo}`;
    const texts = await gradeForms(id, variant, [
      [`(${range})/(2^${bits} - 1)`, 'correct'],
      [`(${range}) ÷ ${2 ** bits - 1}`, 'correct'],
      [`${written(hi - lo)}/${2 ** bits - 1}`, 'correct'],
      // 2^bits steps instead of 2^bits − 1: a different number at this precision.
      [`(${range})/(2^${bits} + 2^${bits})`, 'incorrect'],
    ]);
    assert.match(texts[`${written(hi - lo)}/${2 ** bits - 1}`], new RegExp(`Read ${written(hi - lo)}/${2 ** bits - 1} as `));
  });

  test('quant.levels: 2^bits, and half of it is wrong', { timeout: TIMEOUT }, async () => {
    const id = 'quant.levels';
    const variant = 4;
    const s = show(id, variant);
    const { bits } = s.params;
    assertSameAnswer(2 ** bits, s.answer.value, id);
    await openExercise(p.page, env.url, id, variant);
    await gradeForms(id, variant, [
      [`2^${bits}`, 'correct'],
      [`2 ^ ${bits}`, 'correct'],
      [`2^${bits - 1}`, 'incorrect'],
    ]);
  });

  test('quant.per-channel-overhead: (channels − 1) × bytes per scale, with ×, *, x and a unit', { timeout: TIMEOUT }, async () => {
    const id = 'quant.per-channel-overhead';
    const variant = 6;
    const s = show(id, variant);
    const { channels, scale_bytes: bytes } = s.params;
    // One scale per output channel instead of the single per-tensor one.
    assertSameAnswer((channels - 1) * bytes, s.answer.value, id);
    await openExercise(p.page, env.url, id, variant);
    await gradeForms(id, variant, [
      [`(${channels} - 1) × ${bytes}`, 'correct'],
      [`${channels - 1}*${bytes} B`, 'correct'],
      [`${channels - 1}x${bytes}`, 'correct'],
      [`${(channels - 1) * bytes} bytes.`, 'correct'],
      // Every channel's scale counted as extra, the per-tensor one included.
      [`${channels} × ${bytes}`, 'incorrect'],
    ]);
  });
});

describe('approximation marks and words, and a trailing full stop', () => {
  test('measure.ridge-point: ~, ≈, about, approx., and "."', { timeout: TIMEOUT }, async () => {
    const id = 'measure.ridge-point';
    const variant = 3;
    const s = show(id, variant);
    const { peak_flops: peak, bandwidth_bytes: bandwidth } = s.params;
    // The roofline's ridge point is peak compute over memory bandwidth (Williams et al. 2009).
    assertSameAnswer(peak / bandwidth, s.answer.value, id);
    await openExercise(p.page, env.url, id, variant);
    const r = await roundedAsAsked(id, peak / bandwidth);
    await gradeForms(id, variant, [
      [`~${r}`, 'correct'],
      [`≈${r}`, 'correct'],
      [`≈ ${r}`, 'correct'],
      [`about ${r}`, 'correct'],
      [`approx. ${r}`, 'correct'],
      [`${r}.`, 'correct'],
      [`${r} FLOPs/byte.`, 'correct'],
      [`~${written(2 * Number(r))}`, 'incorrect'],
    ]);
  });
});

describe('unit words', () => {
  test('llm.kv-cache (asks MB): megabytes, kilobytes, gigabytes, MiB, mebibytes', { timeout: TIMEOUT }, async () => {
    const id = 'llm.kv-cache';
    const variant = 9;
    const s = show(id, variant);
    const { layers, kv_heads: heads, head_dim: dim, tokens, batch, bytes_per_value: width } = s.params;
    // A key and a value vector per layer, KV head and token (Pope et al. 2022, §3.1).
    const bytes = 2 * layers * heads * dim * tokens * batch * width;
    assertSameAnswer(bytes / 1e6, s.answer.value, id);
    await openExercise(p.page, env.url, id, variant);
    await gradeForms(id, variant, [
      [`${written(bytes / 1e6)} megabytes`, 'correct'],
      [`${written(bytes / 1e6)} Megabytes.`, 'correct'],
      [`${written(bytes / 1e3)} kilobytes`, 'correct'],
      [`${written(bytes / 1e9)} gigabytes`, 'correct'],
      [`${written(bytes / 2 ** 20)} MiB`, 'correct'],
      [`${written(bytes / 2 ** 20)} mebibytes`, 'correct'],
      [`${written(bytes / 2 ** 30)} gibibytes`, 'correct'],
      // The MiB count read as MB: 4.9 % too small, wrong at this precision.
      [`${written(bytes / 2 ** 20)} megabytes`, 'incorrect'],
    ]);
  });

  test('count.linear-params (asks parameters): Mparams, M params, K params, million parameters', { timeout: TIMEOUT }, async () => {
    const id = 'count.linear-params';
    const variant = 2;
    const s = show(id, variant);
    const { in_features: fin, out_features: fout, bias } = s.params;
    // A weight per input-output pair, and a bias per output when there is one.
    const total = fin * fout + (bias ? fout : 0);
    assertSameAnswer(total, s.answer.value, id);
    await openExercise(p.page, env.url, id, variant);
    await gradeForms(id, variant, [
      [`${written(total / 1e6)} Mparams`, 'correct'],
      [`${written(total / 1e6)} M params`, 'correct'],
      [`${written(total / 1e3)} K params`, 'correct'],
      [`${written(total / 1e6)} million parameters`, 'correct'],
      [`${total}.`, 'correct'],
      [`${written(total / 1e3)} Mparams`, 'incorrect'],
    ]);
  });
});

describe('several parts typed in one field', () => {
  test('combo.stacking: "a, b", "a MMACs; b MB", "a and b", then Enter in the first field checks', { timeout: TIMEOUT }, async () => {
    const id = 'combo.stacking';
    const variant = 2;
    const s = show(id, variant);
    const { macs, size_mb: size, separable_factor: sep, quant_factor: quant, prune_factor: prune } = s.params;
    // Separable convolutions and skipped zero weights divide the compute;
    // quantization alone divides the densely stored size.
    const [a, b] = s.answer.value;
    assertSameAnswer(macs / 1e6 / sep / prune, a, `${id} part 1`);
    assertSameAnswer(size / quant, b, `${id} part 2`);
    await openExercise(p.page, env.url, id, variant);
    assert.equal(await p.page.locator(`[data-exercise="${id}"] input[name="answer"]`).count(), 2);
    const x = written(a);
    const y = written(b);
    await gradeForms(id, variant, [
      [`${x}, ${y}`, 'correct'],
      [`${x} MMACs; ${y} MB`, 'correct'],
      [`${x} and ${y}`, 'correct'],
      [`${x}, ${written(2 * b)}`, 'incorrect'],
    ]);
  });
});

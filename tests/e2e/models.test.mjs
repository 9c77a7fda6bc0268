// The Models page (#/models, web/modules/models.js): a known LLM or a pasted
// config.json analysed by the LLM analysis's own wasm module (derive_llm.wasm,
// fetched only when the page opens), with the native CLI's numbers at the
// settings chosen in the page, its errors for a broken config, and no
// accessibility violation at 1280 and 375 px.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { appReady, axeViolations, deriveBin, newPage, repo, setup } from './harness.mjs';
import { bytesText } from '../../web/modules/tables.js';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const grouped = (n) => n.toLocaleString('en-US');
const rate = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const gpus = JSON.parse(fs.readFileSync(path.join(repo, 'data', 'gpus.json'), 'utf8')).gpus;
const llama = JSON.parse(fs.readFileSync(path.join(repo, 'data', 'llm_configs.json'), 'utf8')).models
  .find((m) => m.id === 'llama-3-8b');

// `derive analyze ARGS --json`: the reference the page must agree with.
function native(...args) {
  const r = spawnSync(deriveBin, ['analyze', ...args, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `derive analyze ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The cells of the table in the page's section named `label`.
function cells(page, label) {
  return page.locator(`.models section[aria-label="${label}"] table tbody tr`).evaluateAll(
    (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
}

async function openModels(p) {
  await p.page.goto(`${env.url}#/models`);
  await appReady(p.page);
  await p.page.waitForSelector('.models section[aria-label="Serving memory"]');
}

// Waits until the page shows `context` tokens in the formats `formats`.
async function settled(page, context, formats) {
  await page.waitForFunction(({ tokens, list }) => {
    const status = document.querySelector('.status')?.textContent ?? '';
    const shown = [...document.querySelectorAll('.models section[aria-label="Serving memory"] tbody tr td:first-child')]
      .map((td) => td.textContent);
    return status.includes(`at ${tokens} tokens`) && shown.join('|') === list.join('|');
  }, { tokens: grouped(context), list: formats });
}

const fitText = (row) => `${row.fits ? 'fits' : 'does not fit'}, ${row.margin_bytes >= 0 ? 'margin' : 'short by'} ${bytesText(Math.abs(row.margin_bytes))}`;

// Parameters, serving memory, the fit on every GPU and the decode bound on
// the chosen one against the CLI at the same settings.
async function expectCliNumbers(page, { context, batch, gpu, formats }) {
  const settings = ['--context', String(context), '--batch', String(batch)];
  const doc = native('--model', 'llama-3-8b', ...settings, '--gpu', gpu);
  const heading = await page.locator('.models section[aria-label="Parameters"] h2').innerText();
  assert.equal(heading, `${doc.model}: ${grouped(doc.parameters.total)} parameters`);
  const parameters = await cells(page, 'Parameters');
  assert.deepEqual(parameters.find(([part]) => part === 'total'), ['total', grouped(doc.parameters.total)]);
  assert.deepEqual(parameters.find(([part]) => part === 'one layer'), ['one layer', grouped(doc.parameters.per_layer.total)]);

  assert.deepEqual(await cells(page, 'Serving memory'), doc.serving.filter((s) => formats.includes(s.format)).map((s) =>
    [s.format, String(s.bits_per_weight), bytesText(s.weight_bytes), bytesText(s.kv_cache_bytes), bytesText(s.total_bytes)]));

  const fits = await cells(page, 'GPU fit');
  assert.equal(fits.length, gpus.length, 'one row per GPU of data/gpus.json');
  gpus.forEach((g, i) => {
    const on = native('--model', 'llama-3-8b', ...settings, '--gpu', g.id).gpu;
    assert.deepEqual(fits[i], [g.name, bytesText(on.memory_bytes),
      ...formats.map((f) => fitText(on.formats.find((r) => r.format === f)))], g.id);
  });

  assert.deepEqual(await cells(page, 'Decode bound'), doc.gpu.formats.filter((r) => formats.includes(r.format)).map((r) =>
    [r.format, bytesText(r.bytes_read_per_step), `${rate(r.decode_tokens_per_s_bound)} tokens/s`, fitText(r)]));
  const decode = await page.locator('.models section[aria-label="Decode bound"]').innerText();
  assert.ok(decode.includes(`= ${rate(doc.gpu.prefill_tokens_per_s_bound)} tokens/s`), `the prefill bound in: ${decode}`);

  // The plot's data table: the last row is the longest context plotted.
  const plotted = await cells(page, 'Memory against context length');
  const [last] = plotted.slice(-1);
  const longest = Number(last[0].replaceAll(',', ''));
  const far = native('--model', 'llama-3-8b', '--context', String(longest), '--batch', String(batch));
  assert.deepEqual(last.slice(1), formats.map((f) => bytesText(far.serving.find((s) => s.format === f).total_bytes)));
  assert.equal(await page.locator('.models svg.plot polyline.curve').count(), formats.length, 'one curve per precision');
}

test('the home page does not fetch the LLM module; the Models page, linked from the header, does', async () => {
  const p = await newPage(env.browser);
  try {
    await p.page.goto(env.url);
    await appReady(p.page);
    await p.page.waitForLoadState('networkidle');
    assert.deepEqual(p.requests.filter((url) => /llm|models/.test(url)), [], 'no LLM file on the first load');
    await p.page.click('header nav a:text("Models")');
    await p.page.waitForSelector('.models section[aria-label="Serving memory"]');
    assert.equal(await p.page.getAttribute('header nav a[href="#/models"]', 'aria-current'), 'page');
    // The catalogue's chapter files (catalogue/llm.json) come too: the page links every chapter's real variants.
    const fetched = p.requests.map((url) => new URL(url).pathname).filter((name) => !name.includes('/catalogue/'))
      .map((name) => path.basename(name)).filter((name) => /llm|models/.test(name));
    assert.deepEqual(fetched.sort(), ['derive_llm.js', 'derive_llm.wasm', 'llm.js', 'models.js']);
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

test('llama-3-8b at two contexts and precisions: the CLI\'s numbers, with nothing sent', async () => {
  const p = await newPage(env.browser);
  try {
    await openModels(p);
    await p.page.selectOption('#model-picker', 'llama-3-8b');
    const from = p.requests.length;
    // The defaults: 4,096 tokens, batch 1, FP16/BF16 and INT4, on the H100 SXM.
    await settled(p.page, 4096, ['FP16/BF16', 'INT4-g128']);
    await expectCliNumbers(p.page, { context: 4096, batch: 1, gpu: 'h100-sxm', formats: ['FP16/BF16', 'INT4-g128'] });

    await p.page.fill('#context', '32768');
    await p.page.press('#context', 'Tab');
    await p.page.fill('#batch', '4');
    await p.page.press('#batch', 'Tab');
    await p.page.check('input[value="FP32"]');
    await p.page.uncheck('input[value="INT4-g128"]');
    await p.page.check('input[value="INT8"]');
    await p.page.selectOption('#gpu-picker', 'a100-pcie-40gb');
    await settled(p.page, 32768, ['FP32', 'FP16/BF16', 'INT8']);
    await p.page.waitForFunction(() => document.querySelector('.models section[aria-label="Decode bound"] h2')?.textContent.includes('A100 PCIe'));
    await expectCliNumbers(p.page, { context: 32768, batch: 4, gpu: 'a100-pcie-40gb', formats: ['FP32', 'FP16/BF16', 'INT8'] });
    assert.deepEqual(p.requests.slice(from), [], 'everything is computed in the page: no request at all');
    assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation at 1280 px');
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

test('a pasted config.json with a missing key: the CLI\'s error naming it; a good one: its numbers and LoRA', async (t) => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-models-e2e-'));
  t.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const p = await newPage(env.browser, { width: 375, height: 800 });
  try {
    await openModels(p);
    const { hidden_size: _, ...broken } = llama.config;
    const file = path.join(scratch, 'config.json');
    fs.writeFileSync(file, JSON.stringify(broken));
    const r = spawnSync(deriveBin, ['analyze', file, '--json'], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    const message = r.stderr.trim().slice(`derive: ${file}: `.length);
    assert.match(message, /"hidden_size" is missing/);

    await p.page.selectOption('#model-picker', '');
    await p.page.fill('#config-text', JSON.stringify(broken, null, 2));
    await p.page.click('#analyse-config');
    await p.page.waitForSelector('.status.error');
    assert.equal(await p.page.locator('.status').innerText(), `Could not analyse the pasted config.json: ${message}`);
    assert.equal(await p.page.locator('.models table').count(), 0, 'no numbers shown for a broken config');
    assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation with the error shown, at 375 px');

    // Mended, it is analysed as the CLI analyses the file config.json.
    fs.writeFileSync(file, JSON.stringify(llama.config));
    await p.page.fill('#config-text', JSON.stringify(llama.config));
    await p.page.click('#analyse-config');
    await p.page.waitForSelector('.models section[aria-label="Serving memory"]');
    const doc = native(file);
    assert.equal(await p.page.locator('.models section[aria-label="Parameters"] h2').innerText(),
      `config.json: ${grouped(doc.parameters.total)} parameters`);

    // LoRA on the pasted config: trainable parameters and QLoRA memory.
    await p.page.fill('#lora-rank', '16');
    await p.page.press('#lora-rank', 'Tab');
    await p.page.fill('#lora-targets', 'q,v,up');
    await p.page.press('#lora-targets', 'Tab');
    await p.page.waitForFunction(() => document.querySelector('.models section[aria-label="LoRA and QLoRA"] h2')?.textContent.includes('q,v,up'));
    const lora = native(file, '--lora-rank', '16', '--lora-targets', 'q,v,up');
    assert.equal(await p.page.locator('.models section[aria-label="LoRA and QLoRA"] h2').innerText(),
      `LoRA rank 16 on q,v,up: ${grouped(lora.lora.trainable_params)} trainable parameters`);
    assert.deepEqual((await cells(p.page, 'LoRA and QLoRA')).at(-1), ['total', bytesText(lora.qlora.total_bytes)]);
    assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation with the report, at 375 px');
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

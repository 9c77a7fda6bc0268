// The Analyze page (#/analyze, web/modules/analyze.js): a real model file
// chosen or dropped in the page is analysed by the analyzer's own wasm module
// (derive_analyze.wasm, fetched only when the page opens), with the native
// CLI's numbers, without a single request, and with no accessibility
// violation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { appReady, axeViolations, deriveBin, newPage, repo, setup } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const models = path.resolve(repo, '..', 'shared', 'models');
// The real models live beside the repository, never in it; without them
// these tests cannot run, and say so.
const skip = fs.existsSync(path.join(models, 'README.md')) ? false
  : `${models} is missing: the Analyze page is not tested on real models`;

const grouped = (n) => n.toLocaleString('en-US');

// `derive analyze FILE --json [--board B]`: the reference the page must agree
// with. {document} when the CLI analyses the file, {error} (its message
// without "derive: PATH: ") when it refuses it.
function nativeAnalysis(where, board) {
  const args = ['analyze', where, '--json', ...(board ? ['--board', board] : [])];
  const r = spawnSync(deriveBin, args, { encoding: 'utf8' });
  if (r.status === 0) return { document: JSON.parse(r.stdout) };
  const prefix = `derive: ${where}: `;
  assert.ok(r.stderr.startsWith(prefix), `derive ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { error: r.stderr.slice(prefix.length).trim() };
}

// Opens #/analyze and waits until the analyzer's module has loaded (the
// file input is there only then).
async function openAnalyze(p) {
  await p.page.goto(`${env.url}#/analyze`);
  await appReady(p.page);
  await p.page.waitForSelector('#model-file');
}

// The page's layer table, the arena per planner and the totals against the
// CLI's document, number for number.
async function expectSameNumbers(page, native) {
  const rows = await page.locator('.analysis table').last().locator('tbody tr').evaluateAll(
    (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 7).map((td) => td.textContent)));
  assert.equal(rows.length, native.layers.length, 'one row per layer');
  native.layers.forEach((layer, i) => {
    const shapes = layer.outputs.map((t) => `[${t.shape.join(', ')}]`).join(' ');
    assert.deepEqual(rows[i], [String(layer.index), layer.op, shapes, grouped(layer.params), grouped(layer.macs),
      grouped(layer.weight_bytes), grouped(layer.activation_bytes)], `layer ${i}`);
  });
  // The last column: one "practise on this layer" link per question the analyzer found.
  const links = await page.locator('.analysis table').last().locator('tbody tr').evaluateAll(
    (trs) => trs.map((tr) => [...tr.querySelectorAll('td:last-child a')].map((a) => a.getAttribute('href').split('?')[0])));
  native.layers.forEach((layer, i) => {
    assert.deepEqual(links[i], layer.practice.map((p) => `#/ex/${p.exercise}`), `practice links of layer ${i}`);
  });
  const totals = await page.locator('.analysis [aria-label=Totals]').innerText();
  assert.ok(totals.includes(`${grouped(native.totals.params)} parameters`), `params ${native.totals.params} in: ${totals}`);
  assert.ok(totals.includes(`${grouped(native.totals.macs)} MACs`), `MACs ${native.totals.macs} in: ${totals}`);
  const plans = await page.locator('.analysis table').first().locator('tbody tr').evaluateAll(
    (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
  assert.deepEqual(plans.map(([planner, arena]) => [planner, arena.split(' B')[0]]),
    native.memory.plans.map((plan) => [plan.planner, grouped(plan.arena_bytes)]), 'the arena of every planner');
  const memory = await page.locator('.analysis [aria-label=Memory]').innerText();
  assert.ok(memory.includes(grouped(native.memory.lower_bound_bytes)), `lower bound in: ${memory}`);
}

test('the home page does not fetch the analyzer; the Analyze page, linked from the header, does', async () => {
  const p = await newPage(env.browser);
  try {
    await p.page.goto(env.url);
    await appReady(p.page);
    await p.page.waitForLoadState('networkidle');
    assert.deepEqual(p.requests.filter((url) => /analy[sz]/.test(url)), [], 'no analyzer file on the first load');
    await p.page.click('header nav a:text("Analyze")');
    await appReady(p.page);
    await p.page.waitForSelector('#model-file');
    assert.equal(await p.page.getAttribute('header nav a[href="#/analyze"]', 'aria-current'), 'page');
    const fetched = p.requests.map((url) => path.basename(new URL(url).pathname)).filter((name) => /analy[sz]/.test(name));
    assert.deepEqual(fetched.sort(), ['analyze.js', 'analyzer.js', 'derive_analyze.js', 'derive_analyze.wasm']);
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

for (const file of ['kws.tflite', 'light_squeezenet.onnx']) {
  test(`${file}: the page shows the CLI's numbers (or its error), with nothing sent`, { skip }, async () => {
    const p = await newPage(env.browser);
    try {
      await openAnalyze(p);
      const from = p.requests.length;
      await p.page.setInputFiles('#model-file', path.join(models, file));
      const native = nativeAnalysis(path.join(models, file));
      if (native.document) {
        await p.page.waitForSelector('.analysis table');
        await expectSameNumbers(p.page, native.document);
        if (native.document.memory.plans.some((plan) => plan.timeline.length > 0)) {
          await p.page.waitForSelector('.analysis svg.plot');
        }
      } else {
        // The CLI refuses the file (README: ONNX costs are not counted yet):
        // the page must say the same, and show no numbers.
        await p.page.waitForSelector('.status.error');
        assert.equal(await p.page.locator('.status').innerText(), `Could not analyse ${file}: ${native.error}`);
      }
      assert.deepEqual(p.requests.slice(from), [], 'the file never leaves the page: no request at all');
      assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation');
      assert.deepEqual(p.problems, [], 'no console errors or page errors');
    } finally {
      await p.context.close();
    }
  });
}

// The largest shared model on the board with the least flash: the flash
// verdict, its margin and the ways it would fit are the CLI's.
test('a dropped file and a board check, at 375 px', { skip }, async () => {
  const p = await newPage(env.browser, { width: 375, height: 800 });
  try {
    await openAnalyze(p);
    const boards = JSON.parse(spawnSync(deriveBin, ['analyze', '--boards', '--json'], { encoding: 'utf8' }).stdout);
    const board = boards.reduce((a, b) => (b.flash_bytes < a.flash_bytes ? b : a));
    await p.page.selectOption('#board-picker', board.id);
    const file = [...fs.readdirSync(models).filter((f) => f.endsWith('.tflite'))]
      .sort((a, b) => fs.statSync(path.join(models, b)).size - fs.statSync(path.join(models, a)).size)[0];
    const bytes = [...fs.readFileSync(path.join(models, file))];
    const transfer = await p.page.evaluateHandle(({ name, data }) => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(data)], name));
      return t;
    }, { name: file, data: bytes });
    await p.page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });
    await p.page.waitForSelector('.analysis .board');
    const native = nativeAnalysis(path.join(models, file), board.id).document;
    await expectSameNumbers(p.page, native);
    const verdict = await p.page.locator('.analysis .board').innerText();
    assert.ok(verdict.includes(`On ${board.name}`), `the board's name in: ${verdict}`);
    const fits = (yes) => (yes ? 'fits' : 'does not fit');
    for (const [what, yes, margin] of [[`SRAM (arena with ${native.board.planner})`, native.board.fits_sram, native.board.sram_margin_bytes],
      ['Flash (model)', native.board.fits_flash, native.board.flash_margin_bytes]]) {
      const expected = `${what}: ${fits(yes)} (${margin >= 0 ? 'margin' : 'short by'} ${grouped(Math.abs(margin))} B`;
      assert.ok(verdict.includes(expected), `"${expected}" in: ${verdict}`);
    }
    const ways = await p.page.locator('.analysis .board ul:not(.meta) li').allInnerTexts();
    assert.deepEqual(ways, native.board.would_fit, 'the ways it would fit');
    assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation at 375 px');
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

test('a file that is not a model, and a cut one, get the CLI\'s error, not a crash', { skip }, async (t) => {
  const scratch = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'derive-analyze-e2e-'));
  t.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const kws = fs.readFileSync(path.join(models, 'kws.tflite'));
  const p = await newPage(env.browser);
  try {
    await openAnalyze(p);
    for (const [name, buffer] of [['notes.txt', Buffer.from('not a model')], ['cut.tflite', kws.subarray(0, kws.length >> 1)]]) {
      const where = path.join(scratch, name);
      fs.writeFileSync(where, buffer);
      const native = nativeAnalysis(where);
      assert.ok(native.error, `derive analyze ${name} should fail`);
      await p.page.setInputFiles('#model-file', { name, mimeType: 'application/octet-stream', buffer });
      await p.page.waitForFunction((n) => document.querySelector('.status.error')?.textContent.includes(n), name);
      assert.equal(await p.page.locator('.status').innerText(), `Could not analyse ${name}: ${native.error}`);
      assert.equal(await p.page.locator('.analysis table').count(), 0, 'no numbers shown for a bad file');
    }
    assert.deepEqual(await axeViolations(p.page), [], 'axe finds no violation with an error shown');
    assert.deepEqual(p.problems, [], 'no console errors or page errors');
  } finally {
    await p.context.close();
  }
});

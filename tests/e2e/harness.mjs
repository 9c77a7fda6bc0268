// Shared harness for the browser tests (tests/e2e/*.test.mjs) and the page
// benchmark (bench/web/benchmark.mjs): stage the site, serve it with the real
// `derive serve` on 127.0.0.1, drive Debian's chromium through playwright-core,
// and collect console and page errors.
//
// Environment:
//   DERIVE_BIN     the derive binary (default build/release/derive)
//   DERIVE_SITE    a staged site folder to serve with --root; "embedded" serves
//                  the site built into the binary; unset: web/ + build/wasm are
//                  staged afresh into a temporary folder with
//                  scripts/stage-site.mjs, so the tests see the current sources
//   DERIVE_WASM    the folder holding derive.js + derive.wasm (default build/wasm)
//   CHROMIUM       the browser (default /usr/bin/chromium)
//   DERIVE_ARTIFACTS  where screenshots go (default test-artifacts/)
//
// Not a test file itself (node --test only runs *.test.mjs here).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fromRepo = (p) => path.resolve(repo, p);

export const deriveBin = fromRepo(process.env.DERIVE_BIN || 'build/release/derive');
export const artifacts = fromRepo(process.env.DERIVE_ARTIFACTS || 'test-artifacts');

// The flags every launch uses: no sandbox (containers), no GPU, and none of
// chromium's own background traffic, which would show up as requests.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function requireFile(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing; ${hint}`);
}

// Runs the native CLI and parses its JSON: the reference the page must agree with.
// `exercise check` exits 1 for a wrong answer and still prints its JSON.
export function deriveJson(...args) {
  requireFile(deriveBin, 'build it (cmake --preset release && cmake --build --preset release) or set DERIVE_BIN');
  const r = spawnSync(deriveBin, [...args, '--json'], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`derive ${args.join(' ')} --json: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// Stages a web folder (default web/) + the wasm into a fresh temporary
// folder. Returns {dir, cleanup}.
function stageSite(web = path.join(repo, 'web')) {
  const wasm = fromRepo(process.env.DERIVE_WASM || 'build/wasm');
  requireFile(path.join(wasm, 'derive.wasm'),
    'build the engine first: export NODE_PATH=/usr/share/nodejs; cmake --preset wasm && cmake --build --preset wasm -j2');
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-e2e-'));
  const dir = path.join(parent, 'site');
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'stage-site.mjs'), '--web', web,
    '--wasm', wasm, '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, cleanup: () => fs.rmSync(parent, { recursive: true, force: true }) };
}

// Starts `derive serve --host 127.0.0.1 --port PORT` (default 0: any free
// port) and waits for the URL it prints. `web`: stage this folder instead of
// web/ (ignores DERIVE_SITE). Returns {url, log (the server's log lines), stop()}.
export async function startServer({ port = 0, web } = {}) {
  requireFile(deriveBin, 'build it (cmake --preset release && cmake --build --preset release) or set DERIVE_BIN');
  const choice = web ? undefined : process.env.DERIVE_SITE;
  const staged = choice ? null : stageSite(web);
  const args = ['serve', '--host', '127.0.0.1', '--port', String(port)];
  if (choice !== 'embedded') args.push('--root', staged ? staged.dir : fromRepo(choice));
  const child = spawn(deriveBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  let out = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => log.push(...chunk.split('\n').filter(Boolean)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`derive serve printed no URL in 10 s: ${out}${log.join('\n')}`)), 10000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/https?:\/\/127\.0\.0\.1:\d+\/?/);
      if (m) { clearTimeout(timer); resolve(m[0].endsWith('/') ? m[0] : `${m[0]}/`); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`derive serve exited (${code}): ${out}${log.join('\n')}`)); });
  });
  child.removeAllListeners('exit');
  return {
    url,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await gone;
        clearTimeout(timer);
      }
      staged?.cleanup();
    },
  };
}

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  requireFile(executablePath, 'install it: apt-get install -y chromium');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

// A server and a browser for one test file: call in before(), stop in after().
export async function setup() {
  const server = await startServer();
  let browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    server,
    browser,
    url: server.url,
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

// Records every console error or warning and every uncaught page error of a
// page, and every request it makes. `problems` must be empty at the end of a test.
export function watch(page) {
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    // newPage's own doing when it blocks the service worker, not the app's.
    if (m.text() === 'Service Worker registration blocked by Playwright') return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => requests.push(r.url()));
  return { problems, requests };
}

// A fresh context (own storage) and page at the given viewport width. The
// service worker is blocked unless asked for (`serviceWorkers: 'allow'`): a
// worker answers requests before Playwright's routing sees them, which the
// tests of blocked and counted requests rely on; tests/e2e/offline.test.mjs
// tests the worker itself.
export async function newPage(browser, { width = 1280, height = 800, serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, serviceWorkers });
  const page = await context.newPage();
  const seen = watch(page);
  return { context, page, ...seen };
}

// The text the native `derive calc EXPRESSION` prints (without its newline).
export function deriveCalc(expression) {
  const r = spawnSync(deriveBin, ['calc', expression], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`derive calc ${expression}: exit ${r.status}: ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}

// Waits until the app has drawn its first view and the engine is loaded (an
// exercise page at variant 0 is drawn before it: web/app.js's
// earlyExercisePage), so a reload or a storage write cannot cut a download short.
export async function appReady(page) {
  await page.waitForFunction(() => !document.querySelector('main .loading') && document.querySelector('main h1')
    && performance.getEntriesByName('derive:engine-loaded').length > 0);
}

// Opens a deep link and waits until the card is usable: the first answer field
// is there and enabled, and any picture module has finished loading (its
// placeholder .picture-slot is gone), so no late request can fall into a
// grading window.
export async function openExercise(page, base, id, variant = 0) {
  await page.goto(`${base}#/ex/${id}?v=${variant}`);
  await page.waitForSelector(`[data-exercise="${id}"] input[name="answer"]:enabled`);
  await page.waitForFunction(() => !document.querySelector('.picture-slot'));
}

// The right answers of an exercise variant as the native CLI gives them:
// one string per part ("1/C" for the symbolic question).
export function rightAnswers(show) {
  const a = show.answer;
  if (a.expression) return [a.expression];
  return (Array.isArray(a.value) ? a.value : [a.value]).map((v) => String(v));
}

// Wrong answers: twice each value (never equal to it, since no answer is 0).
export function wrongAnswers(show) {
  const a = show.answer;
  if (a.expression) return ['C'];
  return (Array.isArray(a.value) ? a.value : [a.value]).map((v) => (v === 0 ? '1' : String(2 * v)));
}

// Types the answers into the card's fields and presses Enter in the last one.
// Returns the data-verdict the card sets for this check (a MutationObserver
// armed before typing waits for it, so a verdict left over from an earlier
// check is never mistaken for this one).
export async function answer(page, id, answers) {
  const card = page.locator(`[data-exercise="${id}"]`);
  await card.evaluate((el) => {
    window.__nextVerdict = new Promise((resolve) => {
      const observer = new MutationObserver((records) => {
        if (!records.some((r) => r.target.closest?.('[data-verdict]') || r.attributeName === 'data-verdict')) return;
        const v = el.querySelector('[data-verdict]');
        if (v) { observer.disconnect(); resolve(v.dataset.verdict); }
      });
      observer.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-verdict'] });
    });
  });
  const inputs = card.locator('input[name="answer"]');
  for (let i = 0; i < answers.length; i++) await inputs.nth(i).fill(answers[i]);
  await inputs.nth(answers.length - 1).press('Enter');
  return page.evaluate(() => window.__nextVerdict);
}

// The text of a card's prompt as the CLI prints it: the maths the page
// typesets (<math alttext="10^6">) read as its plain text.
export async function promptText(card) {
  return card.locator('.prompt').evaluate((el) => {
    const copy = el.cloneNode(true);
    for (const math of copy.querySelectorAll('math[alttext]')) math.replaceWith(math.getAttribute('alttext'));
    return copy.textContent;
  });
}

// Progress (the storage key derive.progress) with two exercises answered
// wrong three days before `today` (a day number since 1970; rated Again: one
// day of stability, so both are due today), llm.kv-cache at variant 7 and
// quant.levels at variant 2.
export function twoDueProgress(today) {
  const DAY = 86400000;
  return {
    version: 2,
    exercises: {
      'llm.kv-cache': { attempts: 1, solved: [], helped: [], shown: [], last: { variant: 7, answer: '1' } },
      'quant.levels': { attempts: 1, solved: [], helped: [], shown: [], last: { variant: 2, answer: '1' } },
    },
    log: [
      { exercise: 'llm.kv-cache', variant: 7, correct: false, ms: 20000, hints: 0, slip: null, at: (today - 3) * DAY + 3600000 },
      { exercise: 'quant.levels', variant: 2, correct: false, ms: 20000, hints: 0, slip: null, at: (today - 3) * DAY + 7200000 },
    ],
  };
}

export function screenshotPath(name) {
  const dir = path.join(artifacts, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

// axe-core's violations on the page as it is now, each as "rule: target"
// lines (empty when there are none). axe is evaluated through the DevTools
// protocol, which the site's Content-Security-Policy does not govern, so the
// page is tested with its real policy in force. `page` may be a frame;
// `include`: CSS selectors of the parts to test (axe enters their shadow roots),
// else the whole document.
const axeSource = fs.readFileSync(path.join(repo, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export async function axeViolations(page, include) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (selectors) => {
    const result = await window.axe.run(selectors ? { include: selectors } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, include ?? null);
  return violations.flatMap((v) => v.targets.map((t) => `${v.id}: ${t}`));
}

// Runs fn({context, page, problems, requests}) on a fresh page of `browser`
// (newPage's options), asserts that the page logged no console error or
// warning and threw nothing, and closes the context.
export async function withNewPage(browser, fn, options) {
  const p = await newPage(browser, options);
  try {
    await fn(p);
    if (p.problems.length) throw new Error(`console errors or warnings, or page errors:\n${p.problems.join('\n')}`);
  } finally {
    await p.context.close();
  }
}

// The SCORM package in a real SCORM run-time: `derive export-scorm` writes a
// whole chapter's package, which is unzipped and served beside a host page
// where scorm-again (an LMS-side implementation of SCORM 1.2 and 2004) is the
// API and the SCO runs in an iframe, as an LMS launches it. The test answers
// exercises right and wrong, opens a solution, checks the score, status and
// suspend data the run-time received, then launches again with that suspend
// data and checks the SCO resumes: same numbers, same progress.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { answer, axeViolations, deriveBin, deriveJson, launchBrowser, repo, rightAnswers, withNewPage, wrongAnswers } from './harness.mjs';
import { decode } from '../../web/modules/sco-progress.js';

// An independent reader of the archive (PKWARE APPNOTE.TXT 4.3.12, 4.3.16):
// only stored entries, which is what export-scorm writes.
function unzipStored(zip, dir) {
  const end = zip.length - 22;
  assert.equal(zip.readUInt32LE(end), 0x06054b50, 'end of central directory record');
  let at = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50);
    assert.equal(zip.readUInt16LE(at + 10), 0, 'stored');
    const size = zip.readUInt32LE(at + 20), nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const file = path.join(dir, name);
    assert.ok(file.startsWith(dir + path.sep), `${name} stays inside the package`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, zip.subarray(start, start + size));
    names.push(name);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

// The LMS's page: scorm-again's API on window, the SCO in an iframe.
// ?scorm=1.2|2004, and ?suspend=TEXT to launch again with saved data.
const HOST_PAGE = `<!doctype html><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<iframe id="sco" title="SCO" style="width: 1100px; height: 760px"></iframe>
<script src="/scorm-again/scorm12.min.js"></script><script src="/scorm-again/scorm2004.min.js"></script>
<script src="/host.js"></script>`;
const HOST_SCRIPT = `
const query = new URLSearchParams(location.search);
const v12 = query.get('scorm') === '1.2';
const api = v12 ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
window.received = [];
window.ended = false;
api.on(v12 ? 'LMSSetValue.cmi.*' : 'SetValue.cmi.*', (element, value) => window.received.push([element, value]));
api.on(v12 ? 'LMSFinish' : 'Terminate', () => { window.ended = true; });
if (query.has('suspend')) api.loadFromFlattenedJSON({ 'cmi.suspend_data': query.get('suspend') }, '');
window[v12 ? 'API' : 'API_1484_11'] = api;
window.runtime = api;
document.getElementById('sco').src = '/pkg/sco.html';
`;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.xml': 'application/xml', '.json': 'application/json', '.svg': 'image/svg+xml' };

function serve(packageDir) {
  const scormAgain = path.join(repo, 'node_modules', 'scorm-again', 'dist');
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://host');
    const send = (type, body) => { res.writeHead(200, { 'content-type': type }); res.end(body); };
    if (pathname === '/') return send('text/html', HOST_PAGE);
    if (pathname === '/host.js') return send('text/javascript', HOST_SCRIPT);
    const [root, rest] = pathname.startsWith('/pkg/') ? [packageDir, pathname.slice(5)]
      : pathname.startsWith('/scorm-again/') ? [scormAgain, pathname.slice(13)] : [null, null];
    const file = root && path.join(root, decodeURIComponent(rest));
    if (!file || !file.startsWith(root + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404);
      return res.end();
    }
    send(TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(done)),
  })));
}

const catalogue = deriveJson('exercise', 'list');
// The chapter with the fewest exercises that still has four: a whole chapter,
// quick to load.
const chapters = [...new Set(catalogue.map((e) => e.chapter))].map((name) => ({ name, ids: catalogue.filter((e) => e.chapter === name).map((e) => e.id) }));
const chapter = chapters.filter((c) => c.ids.length >= 4).sort((a, b) => a.ids.length - b.ids.length)[0];

let browser, scratch;
before(async () => {
  browser = await launchBrowser();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'derive-scorm-'));
});
after(async () => {
  await browser?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function scoFrame(page) {
  const frame = await (await page.waitForSelector('iframe#sco')).contentFrame();
  await frame.waitForFunction(() => document.querySelector('main h1') && !document.querySelector('main .loading'));
  await frame.waitForFunction((n) => document.querySelectorAll('[data-exercise] input[name="answer"]').length >= n, chapter.ids.length);
  return frame;
}

const variantOf = async (frame, id) => Number((await frame.locator(`[data-exercise="${id}"] p.variant`).textContent()).replace(/\D/g, ''));
const received = (page, element) => page.evaluate((e) => window.received.filter(([name]) => name === e).map(([, v]) => v).at(-1), element);

for (const version of ['1.2', '2004']) {
  describe(`SCORM ${version}`, () => {
    let site, names;
    before(async () => {
      const zip = path.join(scratch, `${chapter.name}-${version}.zip`);
      execFileSync(deriveBin, ['export-scorm', '--chapter', chapter.name, '--scorm', version, zip], { stdio: 'pipe' });
      const dir = path.join(scratch, `pkg-${version}`);
      names = unzipStored(fs.readFileSync(zip), dir);
      site = await serve(dir);
    });
    after(async () => { await site?.close(); });

    test('the manifest is the version asked for and lists every file of the package', () => {
      const manifest = fs.readFileSync(path.join(scratch, `pkg-${version}`, 'imsmanifest.xml'), 'utf8');
      assert.match(manifest, version === '1.2' ? /<schemaversion>1\.2<\/schemaversion>/ : /<schemaversion>2004 4th Edition<\/schemaversion>/);
      assert.match(manifest, version === '1.2' ? /adlcp:scormtype="sco"/ : /adlcp:scormType="sco"/);
      for (const name of names.filter((n) => n !== 'imsmanifest.xml')) assert.ok(manifest.includes(`<file href="${name}"/>`), name);
    });

    test(`a whole chapter (${chapter.name}) reports score, status and suspend data, and resumes from them`, () => withNewPage(browser, async ({ page }) => {
      await page.goto(`${site.url}?scorm=${version}`);
      let frame = await scoFrame(page);
      assert.deepEqual(await axeViolations(frame), [], 'the SCO page passes axe');
      const [first, second, third] = chapter.ids;
      const show = async (id) => deriveJson('exercise', 'show', id, '--variant', String(await variantOf(frame, id)));
      // First: wrong, then right (solved). Second: wrong only. Third: the
      // solution opened, then right (with help). The rest untouched.
      assert.equal(await answer(frame, first, wrongAnswers(await show(first))), 'incorrect');
      assert.equal(await answer(frame, first, rightAnswers(await show(first))), 'correct');
      assert.equal(await answer(frame, second, wrongAnswers(await show(second))), 'incorrect');
      await frame.locator(`[data-exercise="${third}"] [data-action="solution"]`).click();
      assert.equal(await answer(frame, third, rightAnswers(await show(third))), 'correct');

      const raw = Math.round(100 / chapter.ids.length);
      const suspend = await received(page, 'cmi.suspend_data');
      const records = decode(suspend, chapter.ids.length);
      assert.ok(records, `the suspend data reads back: ${suspend}`);
      assert.deepEqual(records.slice(0, 3).map((r) => [r.state, r.attempts]), [['s', 2], ['a', 1], ['h', 1]]);
      for (const [i, id] of chapter.ids.entries()) assert.equal(records[i].variant, await variantOf(frame, id), id);
      assert.ok(records.slice(3).every((r) => r.state === 'n' && r.attempts === 0));
      if (version === '1.2') {
        assert.equal(await received(page, 'cmi.core.score.raw'), String(raw));
        assert.equal(await received(page, 'cmi.core.score.min'), '0');
        assert.equal(await received(page, 'cmi.core.score.max'), '100');
        assert.equal(await received(page, 'cmi.core.lesson_status'), 'incomplete');
        assert.equal(await page.evaluate(() => window.runtime.cmi.core.score.raw), String(raw));
        assert.equal(await page.evaluate(() => window.runtime.cmi.core.lesson_status), 'incomplete');
      } else {
        assert.equal(Number(await received(page, 'cmi.score.scaled')), raw / 100);
        assert.equal(await received(page, 'cmi.completion_status'), 'incomplete');
        assert.equal(await received(page, 'cmi.success_status'), 'unknown');
        assert.equal(Number(await page.evaluate(() => window.runtime.cmi.score.scaled)), raw / 100);
      }
      assert.equal(await page.evaluate(() => window.runtime.cmi.suspend_data), suspend);
      assert.ok(await frame.locator('p.notice[role="alert"]').isHidden(), 'the run-time refused no call');

      // Leaving the SCO finishes the session (after a last commit).
      await frame.evaluate(() => { location.href = 'about:blank'; });
      await page.waitForFunction(() => window.ended);

      // A second launch with the saved data: the same numbers and progress.
      await page.goto(`${site.url}?scorm=${version}&suspend=${encodeURIComponent(suspend)}`);
      frame = await scoFrame(page);
      for (const [i, id] of chapter.ids.entries()) assert.equal(await variantOf(frame, id), records[i].variant, `${id} resumed`);
      assert.match(await frame.locator('p.progress').textContent(), new RegExp(`^1 of ${chapter.ids.length} solved · 1 with help`));
      assert.equal(await received(page, 'cmi.suspend_data'), suspend, 'reported unchanged on resume');

      // Finishing the chapter: every exercise right completes it; the score
      // counts the unaided ones.
      for (const id of chapter.ids.slice(1).filter((x) => x !== third)) assert.equal(await answer(frame, id, rightAnswers(await show(id))), 'correct');
      const finalRaw = Math.round((100 * (chapter.ids.length - 1)) / chapter.ids.length);
      const passed = finalRaw >= 80 ? 'passed' : 'failed';
      if (version === '1.2') {
        assert.equal(await received(page, 'cmi.core.score.raw'), String(finalRaw));
        assert.equal(await received(page, 'cmi.core.lesson_status'), passed);
      } else {
        assert.equal(await received(page, 'cmi.completion_status'), 'completed');
        assert.equal(await received(page, 'cmi.success_status'), passed);
      }
    }));
  });
}

#!/usr/bin/env node
// Stages the web trainer for serving: web/ plus the WebAssembly engine
// (build/wasm/derive.{js,wasm}) and the model analyzer's own module
// (build/wasm/derive_analyze.{js,wasm}, fetched only by the Analyze page) and
// the LLM analysis's (build/wasm/derive_llm.{js,wasm}, only by the Models
// page) and the authoring's (build/wasm/derive_author.{js,wasm}, only by the
// Author page) become build/site/, which `derive` embeds and `derive serve` /
// `derive export-site` hand out.
//
//   build/site/index.html, sw.js          the only URLs that are not fingerprinted,
//   build/site/embed.js, embed.html       with the embed's script and iframe page
//   build/site/assets/<hash>/...          everything else, web/'s layout kept
//     with catalogue/ (scripts/catalogue-files.mjs) and catalogue/cards/, the
//     card of each exercise at variant 0 (scripts/first-cards.mjs)
//   *.gz (gzip -9) and *.br (brotli q11)  beside every text asset and the wasm
//
// Why one hash for all assets rather than one per file: modules import each
// other by relative URL ("./modules/engine.js"), so they must stay side by side
// in their original layout; a shared folder hash keeps those imports working
// without rewriting JavaScript, and any change anywhere moves every URL, so a
// browser never mixes an old module with a new wasm. Assets are then cached
// forever (immutable) and only index.html is revalidated.
//
// Every script and style sheet is minified (esbuild: whitespace, comments and
// local names; top-level names are kept, so the classic scripts' globals such
// as createDeriveModule and the modules' exports stay as they are): about a
// third of the first load's JavaScript and CSS after brotli. web/ holds the
// readable source; the browser tests run the minified site.
//
// Usage: node scripts/stage-site.mjs [--web DIR] [--wasm DIR] [--out DIR]
// Needs the npm package esbuild (`npm ci`); otherwise node's fs, crypto and zlib.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { catalogueFiles } from './catalogue-files.mjs';
import { firstCards } from './first-cards.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  process.stderr.write(`stage-site: ${message}\n`);
  process.exit(2);
}

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  fail(`the npm package esbuild, which minifies the scripts, is missing (${error.message}); run \`npm ci\` in ${repo}`);
}

// A script or style sheet minified; anything else as it is. Throws with
// esbuild's message (file, line) when the source does not parse.
function minified(name, bytes) {
  const loader = /\.(m?js)$/.test(name) ? 'js' : name.endsWith('.css') ? 'css' : null;
  if (!loader) return bytes;
  const { code } = esbuild.transformSync(bytes.toString('utf8'), { loader, minify: true, sourcefile: name, logLevel: 'silent' });
  return Buffer.from(code, 'utf8');
}

function parseArgs(argv) {
  const options = {
    web: path.join(repo, 'web'),
    wasm: path.join(repo, 'build', 'wasm'),
    out: path.join(repo, 'build', 'site'),
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in options) || !argv[i].startsWith('--')) {
      fail(`unknown argument "${argv[i]}"; expected --web DIR, --wasm DIR or --out DIR`);
    }
    if (i + 1 >= argv.length) fail(`${argv[i]} needs a folder`);
    options[name] = path.resolve(argv[++i]);
  }
  return options;
}

// Files that belong to development, not to visitors: dotfiles, notes and tests.
function isPublished(relative) {
  const parts = relative.split('/');
  if (parts.some((p) => p.startsWith('.'))) return false;
  if (parts.slice(0, -1).some((p) => p === 'test' || p === 'tests')) return false;
  const base = parts[parts.length - 1];
  return !/\.(md|test\.m?js|spec\.m?js)$/.test(base);
}

function listFiles(root, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, relative));
    else if (entry.isFile() && isPublished(relative)) out.push(relative);
  }
  return out;
}

// What gets a .gz and .br: text and the wasm. Images such as PNG are already
// compressed; a second pass would only cost CPU.
const COMPRESSIBLE = /\.(html|js|mjs|css|svg|json|map|txt|xml|webmanifest|wasm|ico)$/i;

// An attribute value in index.html that names an asset ("app.js",
// "./style.css") is pointed at its fingerprinted copy. Absolute URLs, data:
// URLs and fragments are left alone because they do not name a staged file.
function rewriteIndex(html, assets, prefix) {
  let rewritten = 0;
  const text = html.replace(/(\s[\w:-]+\s*=\s*)(["'])([^"']*)\2/g, (whole, attr, quote, value) => {
    const clean = value.replace(/^\.\//, '');
    if (!assets.has(clean)) return whole;
    rewritten++;
    return `${attr}${quote}${prefix}${clean}${quote}`;
  });
  return { text, rewritten };
}

// The files a staged site keeps at its root, unfingerprinted. The embed's
// two (docs/instructors.md) are named in other sites' pages, so their URLs must
// outlive a release: embed.html has its references rewritten as index.html
// does, and embed.js gets this version's asset folder.
const SERVICE_WORKER = 'sw.js';
const EMBED_PAGE = 'embed.html';
const EMBED_SCRIPT = 'embed.js';
const ROOT_FILES = ['index.html', SERVICE_WORKER, EMBED_PAGE, EMBED_SCRIPT];
const ASSETS_PLACEHOLDER = '__DERIVE_ASSETS__';
// `text` with ASSETS_PLACEHOLDER replaced by this version's asset folder
// (`prefix` without its trailing slash), as embed.js and sw.js name it.
const withAssetFolder = (text, prefix) => text.replaceAll(ASSETS_PLACEHOLDER, prefix.replace(/\/$/, ''));

// web/sw.js with its placeholders filled: the version is the assets' hash, and
// the files are index.html (as the root URL, which is how it is requested),
// embed.html (the iframe embed, so an embedded exercise works offline too)
// and every asset of this version, as URLs relative to the worker; the asset
// folder is that of this version (relative to the worker, no trailing slash).
function fillServiceWorker(source, hash, prefix, assetNames) {
  const files = ['./', EMBED_PAGE, ...assetNames.map((name) => prefix + name)];
  for (const placeholder of ['__DERIVE_VERSION__', '__DERIVE_FILES__', ASSETS_PLACEHOLDER]) {
    if (!source.includes(placeholder)) fail(`web/${SERVICE_WORKER} lacks its placeholder ${placeholder}`);
  }
  return Buffer.from(withAssetFolder(source.replace(/(["'])__DERIVE_VERSION__\1/g, JSON.stringify(hash)) // either quote: minified or not
    .replace('__DERIVE_FILES__', JSON.stringify(files)), prefix), 'utf8');
}

// web/boot.js with its placeholder filled: in which chapter each exercise of
// the staged catalogue/index.json is, as an object literal ({id: chapter}), so
// that the page requests the first view's chapter without waiting for the
// index (web/boot.js says why).
const BOOT_SCRIPT = 'boot.js';
const CHAPTER_OF_PLACEHOLDER = '__DERIVE_CHAPTER_OF__';
function fillChapterOf(boot, index) {
  if (!boot) fail(`web/${BOOT_SCRIPT} is needed (it starts the engine)`);
  const source = boot.toString('utf8');
  if (!source.includes(CHAPTER_OF_PLACEHOLDER)) fail(`web/${BOOT_SCRIPT} lacks its placeholder ${CHAPTER_OF_PLACEHOLDER}`);
  const chapterOf = Object.fromEntries(JSON.parse(index.toString('utf8'))
    .flatMap(({ chapter, exercise }) => exercise.map(({ id }) => [id, chapter])));
  return Buffer.from(source.replaceAll(CHAPTER_OF_PLACEHOLDER, JSON.stringify(chapterOf)), 'utf8');
}

function formatBytes(n) {
  return n === undefined ? '-' : n.toLocaleString('en-US');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(options.web, 'index.html'))) {
    fail(`${options.web}/index.html is missing; expected the web app's folder (--web DIR)`);
  }
  const files = new Map(); // relative path -> Buffer
  for (const relative of listFiles(options.web)) {
    files.set(relative, fs.readFileSync(path.join(options.web, relative)));
  }
  for (const name of ['derive.js', 'derive.wasm', 'derive.deferred.wasm', 'derive_analyze.js', 'derive_analyze.wasm', 'derive_llm.js', 'derive_llm.wasm', 'derive_author.js', 'derive_author.wasm']) {
    const from = path.join(options.wasm, name);
    if (!fs.existsSync(from)) {
      fail(`${from} is missing; build the engine first: ` +
        'export NODE_PATH=/usr/share/nodejs; cmake --preset wasm && cmake --build --preset wasm -j2 --target derive_wasm derive_analyze_wasm derive_llm_wasm derive_author_wasm');
    }
    if (files.has(name)) fail(`web/${name} would collide with the built ${name}; remove it from web/`);
    files.set(name, fs.readFileSync(from));
  }

  const catalogue = catalogueFiles(path.join(options.wasm, 'generated', 'catalogue.json'));
  let cards;
  try {
    cards = await firstCards(options.wasm, catalogue);
  } catch (error) {
    fail(`could not make the first view's cards with ${options.wasm}/derive.wasm: ${error.message}`);
  }
  for (const [name, text] of [...catalogue, ...cards]) {
    if (files.has(name)) fail(`web/${name} would collide with the built ${name}; remove it from web/`);
    files.set(name, text);
  }

  try {
    for (const [name, bytes] of files) files.set(name, minified(name, bytes));
  } catch (error) {
    fail(`could not minify: ${error.message}`);
  }
  files.set(BOOT_SCRIPT, fillChapterOf(files.get(BOOT_SCRIPT), files.get('catalogue/index.json')));

  const index = files.get('index.html');
  files.delete('index.html');
  // The service worker must keep one URL at the root (web/sw.js says why).
  const worker = files.get(SERVICE_WORKER);
  files.delete(SERVICE_WORKER);
  const embedPage = files.get(EMBED_PAGE);
  const embedScript = files.get(EMBED_SCRIPT);
  if (!embedPage || !embedScript) fail(`web/${EMBED_PAGE} and web/${EMBED_SCRIPT} are both needed (the embed)`);
  if (!embedScript.toString('utf8').includes(ASSETS_PLACEHOLDER)) fail(`web/${EMBED_SCRIPT} lacks its placeholder ${ASSETS_PLACEHOLDER}`);
  files.delete(EMBED_PAGE);
  files.delete(EMBED_SCRIPT);
  const assetNames = [...files.keys()].sort();

  // The hash covers every asset's name and bytes, in a fixed order, so the
  // same inputs always stage to the same URLs.
  const hasher = createHash('sha256');
  for (const name of assetNames) {
    hasher.update(name).update('\0').update(files.get(name)).update('\0');
  }
  const hash = hasher.digest('hex').slice(0, 10);
  const prefix = `assets/${hash}/`;
  const { text: indexText, rewritten } = rewriteIndex(index.toString('utf8'), new Set(assetNames), prefix);
  if (rewritten === 0) {
    process.stderr.write('stage-site: warning: index.html names no asset; nothing was fingerprinted\n');
  }

  // Only a folder we staged before (or an empty one) is replaced, so a wrong
  // --out cannot wipe someone's files.
  if (fs.existsSync(options.out)) {
    const entries = fs.readdirSync(options.out).filter((e) => e !== 'assets' &&
      !ROOT_FILES.some((name) => e === name || e.startsWith(`${name}.`)));
    if (entries.length > 0) {
      fail(`${options.out} holds files that are not a staged site (${entries.slice(0, 3).join(', ')}); ` +
        'expected an empty folder or an earlier build/site');
    }
    fs.rmSync(options.out, { recursive: true, force: true });
  }

  const outputs = [['index.html', Buffer.from(indexText, 'utf8')]];
  if (worker) outputs.push([SERVICE_WORKER, fillServiceWorker(worker.toString('utf8'), hash, prefix, assetNames)]);
  const embedText = rewriteIndex(embedPage.toString('utf8'), new Set(assetNames), prefix);
  if (embedText.rewritten === 0) fail(`web/${EMBED_PAGE} names no asset; expected its module script`);
  outputs.push([EMBED_PAGE, Buffer.from(embedText.text, 'utf8')]);
  outputs.push([EMBED_SCRIPT, Buffer.from(withAssetFolder(embedScript.toString('utf8'), prefix), 'utf8')]);
  for (const name of assetNames) outputs.push([prefix + name, files.get(name)]);

  const rows = [];
  const totals = { raw: 0, gzip: 0, brotli: 0 };
  for (const [relative, bytes] of outputs) {
    const target = path.join(options.out, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
    const row = { name: relative, raw: bytes.length };
    if (COMPRESSIBLE.test(relative)) {
      const gz = zlib.gzipSync(bytes, { level: 9 });
      const br = zlib.brotliCompressSync(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          [zlib.constants.BROTLI_PARAM_MODE]: relative.endsWith('.wasm')
            ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
        },
      });
      // A variant that is not smaller than the original is not written: the
      // server would only send more bytes for it (tiny files).
      if (gz.length < bytes.length) { fs.writeFileSync(`${target}.gz`, gz); row.gzip = gz.length; }
      if (br.length < bytes.length) { fs.writeFileSync(`${target}.br`, br); row.brotli = br.length; }
    }
    totals.raw += row.raw;
    totals.gzip += row.gzip ?? row.raw;
    totals.brotli += row.brotli ?? row.raw;
    rows.push(row);
  }

  const width = Math.max(...rows.map((r) => r.name.length), 'total (what a visitor downloads)'.length);
  const line = (name, raw, gzip, brotli) =>
    `${name.padEnd(width)}  ${raw.padStart(10)}  ${gzip.padStart(10)}  ${brotli.padStart(10)}`;
  console.log(line('file', 'raw', 'gzip', 'brotli'));
  for (const r of rows) console.log(line(r.name, formatBytes(r.raw), formatBytes(r.gzip), formatBytes(r.brotli)));
  console.log(line('total (what a visitor downloads)', formatBytes(totals.raw), formatBytes(totals.gzip),
    formatBytes(totals.brotli)));
  console.log(`stage-site: wrote ${rows.length} files (+ precompressed copies) to ${options.out}; ` +
    `assets under ${prefix}; index.html points ${rewritten} reference${rewritten === 1 ? '' : 's'} there`);
}

await main();

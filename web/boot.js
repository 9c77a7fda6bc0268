// Runs as soon as the engine's loader (derive.js, the classic script before
// this one) has: both scripts are deferred, so they still run in order and
// before app.js (a module), but the page is parsed, styled and first laid out
// while they download, on a main thread that would otherwise wait for the
// network. Here the first view's files are requested before app.js's modules
// have even been evaluated, and what was started is left in globals that
// app.js and modules/engine.js take over.
//
// Which chapter holds each exercise: the ids name no chapter by themselves
// (combo.* is in "combined"), so scripts/stage-site.mjs writes it here (from
// the index it stages) in place of __DERIVE_CHAPTER_OF__. The chapter is then
// requested with the index, not once the index has arrived and been read
// (which a busy main thread put off by 20 ms and more).
const deriveChapterOf = __DERIVE_CHAPTER_OF__; // {exercise id: chapter name}

// The first view: its chapter (for #/ex/ID or #/chapter/NAME, when the staged
// catalogue has it) and whether it is an exercise's own page at variant 0
// (#/ex/ID, no ?v= or other query, nothing after the id). That page is drawn
// from its staged card (scripts/first-cards.mjs) before the engine is in.
const deriveFirstView = (() => {
  let view, arg, rest;
  try {
    [view, arg, ...rest] = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return {}; // a malformed address: app.js says so; only the index is needed first
  }
  const known = (name) => Object.values(deriveChapterOf).includes(name);
  const chapter = view === 'ex' && Object.hasOwn(deriveChapterOf, arg) ? deriveChapterOf[arg]
    : view === 'chapter' && known(arg) ? arg : undefined;
  const early = view === 'ex' && chapter !== undefined && rest.length === 0 && !location.hash.includes('?');
  return { chapter, card: early ? arg : undefined };
})();

// The address whose page app.js may draw from its card before the engine is
// in (null: none); app.js draws it only while the address is still this one.
globalThis.deriveEarlyPage = deriveFirstView.card === undefined ? null : location.hash;

// The engine. derive.wasm holds only what the first views run; the rest of the
// engine is derive.deferred.wasm beside it (scripts/split-wasm.mjs), which
// modules/engine.js attaches before a call needs it, giving `deriveDeferred`
// the `load` the loader calls should a call reach the deferred part first.
//
// For every view but the early page, the engine is started here, so that the
// wasm's download and streaming compile overlap the loading of the app's
// modules; modules/engine.js takes the promise (the catch only marks a failure
// as seen: app.js still gets it and shows it). For the early page, app.js
// starts it once the card is drawn: compiling it sooner made the card wait
// (measured: docs/web.md, "An exercise page at variant 0 ...").
if (globalThis.deriveEarlyPage === null) {
  globalThis.deriveDeferred = { url: new URL('derive.deferred.wasm', document.currentScript.src).href };
  globalThis.deriveEngineStarted = createDeriveModule({
    loadSplitModule: (file, imports) => globalThis.deriveDeferred.load(file, imports),
  });
  globalThis.deriveEngineStarted.catch(() => {});
}

// The catalogue files of the first view: catalogue/index.json (which
// index.html preloads), the first view's chapter and the early page's card. A
// name the staged catalogue lacks is not requested. modules/engine.js's
// fetchCatalogue takes each response once; a file it has taken (null here) is
// not requested again.
globalThis.deriveCatalogueStarted = (() => {
  const folder = new URL('catalogue/', document.currentScript.src);
  const started = new Map(); // file name -> the promise of its Response, or null once taken
  const request = (file) => {
    const response = fetch(new URL(file, folder));
    response.catch(() => {}); // the reader reports a failure; none goes unhandled here
    started.set(file, response);
  };
  request('index.json');
  if (deriveFirstView.chapter) request(`${deriveFirstView.chapter}.json`);
  if (deriveFirstView.card) request(`cards/${deriveFirstView.card}.json`);
  return started;
})();

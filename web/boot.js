// Starts the engine as soon as its loader (derive.js, the classic script
// before this one) has run: the wasm's download and streaming compile then
// overlap the loading and parsing of the app's modules instead of waiting for
// them. The loader finds derive.wasm beside derive.js. Both scripts are
// deferred, so they still run in order and before app.js (a module), but the
// page is parsed, styled and first laid out while they download, on a main
// thread that would otherwise wait for the network. modules/engine.js takes this promise; the
// catch only marks a failure as seen, app.js still gets and shows it.
//
// derive.wasm holds only what the first views run; the rest of the engine is
// derive.deferred.wasm beside it (scripts/split-wasm.mjs). modules/engine.js
// attaches it before a call needs it, and gives `deriveDeferred` the `load`
// the loader calls should a call reach the deferred part first.
globalThis.deriveDeferred = { url: new URL('derive.deferred.wasm', document.currentScript.src).href };
globalThis.deriveEngineStarted = createDeriveModule({
  loadSplitModule: (file, imports) => globalThis.deriveDeferred.load(file, imports),
});
globalThis.deriveEngineStarted.catch(() => {});

// The catalogue files the first view needs are requested here as well, before
// app.js's modules have even been evaluated: catalogue/index.json (which
// index.html preloads) and, for #/ex/ID or #/chapter/NAME, the chapter that
// holds it (and for #/ex/ID, the card below). The ids name no chapter by
// themselves (combo.* is in "combined"), so scripts/stage-site.mjs writes in
// which chapter each exercise is (from the index it stages) in place of
// __DERIVE_CHAPTER_OF__: the chapter is then requested with the index, not
// once the index has arrived and been read (which a busy main thread put off
// by 20 ms and more). A name the staged
// catalogue lacks is not requested. modules/engine.js's fetchCatalogue takes
// each response once; a file it has taken (null here) is not requested again.
const deriveChapterOf = __DERIVE_CHAPTER_OF__; // {exercise id: chapter name}
globalThis.deriveCatalogueStarted = (() => {
  const folder = new URL('catalogue/', document.currentScript.src);
  const started = new Map(); // file name -> the promise of its Response, or null once taken
  const request = (file) => {
    const response = fetch(new URL(file, folder));
    response.catch(() => {}); // the reader reports a failure; none goes unhandled here
    started.set(file, response);
  };
  let view, arg, rest;
  try {
    [view, arg, ...rest] = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    // A malformed address: app.js says so; only the index is needed first.
  }
  const known = (name) => Object.values(deriveChapterOf).includes(name);
  const chapter = view === 'ex' && Object.hasOwn(deriveChapterOf, arg) ? deriveChapterOf[arg]
    : view === 'chapter' && known(arg) ? arg : undefined;
  request('index.json');
  if (chapter) request(`${chapter}.json`);
  // An exercise's own page at variant 0 (no ?v= or other query): its card as
  // the engine wrote it at staging (scripts/first-cards.mjs), from which
  // app.js draws the page before the module is in.
  if (view === 'ex' && chapter && rest.length === 0 && !location.hash.includes('?')) request(`cards/${arg}.json`);
  return started;
})();

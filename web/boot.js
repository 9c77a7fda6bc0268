// Starts the engine as soon as its loader (derive.js, the classic script
// before this one) has run: the wasm's download and streaming compile then
// overlap the loading and parsing of the app's modules instead of waiting for
// them. The loader finds derive.wasm beside derive.js. Both scripts are
// deferred, so they still run in order and before app.js (a module), but the
// page is parsed and first laid out while they download: that first layout
// finds the fonts, the maths font too (index.html's .font-warmup), on a main
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
// the index says holds it. The ids name no chapter by themselves (combo.* is in
// "combined"), so the chapter waits for the index and nothing is guessed.
// modules/engine.js's fetchCatalogue takes each response once; a file it has
// taken (null here) is not requested again.
globalThis.deriveCatalogueStarted = (() => {
  const folder = new URL('catalogue/', document.currentScript.src);
  const started = new Map(); // file name -> the promise of its Response, or null once taken
  const request = (file) => {
    const response = fetch(new URL(file, folder));
    response.catch(() => {}); // the reader reports a failure; none goes unhandled here
    started.set(file, response);
    return response;
  };
  let view, arg;
  try {
    [view, arg] = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    // A malformed address: app.js says so; only the index is needed first.
  }
  request('index.json').then((response) => (response.ok ? response.clone().json() : []))
    .then((chapters) => {
      const chapter = chapters.find((c) => (view === 'ex' ? c.exercise.some((e) => e.id === arg) : view === 'chapter' && c.chapter === arg));
      if (chapter && !started.has(`${chapter.chapter}.json`)) request(`${chapter.chapter}.json`);
    })
    .catch(() => {}); // the reader fetches, and reports, what was not started here
  return started;
})();

// Starts the engine as soon as its loader (derive.js, the classic script
// before this one) has run: the wasm's download and streaming compile then
// overlap the loading and parsing of the app's modules instead of waiting for
// them (app.js runs only once the page is parsed). The loader finds
// derive.wasm beside derive.js. modules/engine.js takes this promise; the
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

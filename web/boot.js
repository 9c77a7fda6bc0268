// Starts the engine as soon as its loader (derive.js, the classic script
// before this one) has run: the wasm's download and streaming compile then
// overlap the loading and parsing of the app's modules instead of waiting for
// them (app.js runs only once the page is parsed). The loader finds
// derive.wasm beside derive.js. modules/engine.js takes this promise; the
// catch only marks a failure as seen, app.js still gets and shows it.
globalThis.deriveEngineStarted = createDeriveModule();
globalThis.deriveEngineStarted.catch(() => {});

// The derive engine in the browser: the C++ library compiled to WebAssembly
// (src/wasm/bindings.cpp). Every number and verdict the app shows comes from
// here, so the page and the CLI cannot disagree. Grading needs no server: it
// runs here, once the engine's deferred part is in (deferredPart below).
//
// derive.js (emscripten's loader, a classic script) defines the global
// createDeriveModule; index.html loads it before this module.
//
// Text goes into the module through malloc'd memory, never ccall's copy onto
// the fixed 5 MB wasm stack (a 1.4 MB paste overflowed it and broke every later
// call). Each text is first checked against the engine's own bounds
// (derive_limits: 4 KiB per answer, id or expression, 64 KiB per call), with
// the engine's wording, so an oversized paste is an {error} and is never
// copied at all; the engine checks the same bounds again.

const SEPARATOR = '\x1f'; // joins answers; nobody types U+001F

// Variant numbers go from 0 to MAX_VARIANT: each is exact in a JavaScript
// number (and in the double the wasm exports take), so every variant the app
// writes into an address loads back as itself.
export const MAX_VARIANT = Number.MAX_SAFE_INTEGER;

// The most characters an answer or calculator field takes (its maxlength):
// one UTF-16 unit is at most 3 bytes of UTF-8, so a full field always fits
// the engine's 4 KiB per text.
export const MAX_FIELD_CHARACTERS = 1024;

// The same words as web_api.cpp's bound checks.
function tooLong(what, bytes, limit, where = '') {
  return `${what} is too long: ${bytes} bytes; at most ${limit} bytes (${limit / 1024} KiB) are accepted${where}`;
}

// Calls export `name` with `args` (strings and numbers) and parses its JSON.
// A string is copied into malloc'd memory and freed afterwards. Should the
// module trap all the same, its stack pointer is put back, so the failure
// stays with this call.
function invoke(module, name, args) {
  const pointers = [];
  const stack = module.stackSave();
  try {
    const cArgs = args.map((arg) => {
      if (typeof arg !== 'string') return arg;
      const size = module.lengthBytesUTF8(arg) + 1;
      const pointer = module._malloc(size);
      if (!pointer) throw new Error(`no memory for ${size} bytes`);
      pointers.push(pointer);
      module.stringToUTF8(arg, pointer, size);
      return pointer;
    });
    return JSON.parse(module.UTF8ToString(module[`_${name}`](...cArgs)));
  } catch (error) {
    module.stackRestore(stack);
    return { error: `the engine failed (${error.message}); reload the page if this persists` };
  } finally {
    for (const pointer of pointers) module._free(pointer);
  }
}

// Fetches one file of the catalogue folder beside derive.wasm (`file`:
// "index.json" or "<chapter>.json"); rejects with the reason. `started`: the
// requests boot.js made before the modules ran (file -> promise of the
// Response), each used once; a file taken is marked null, so boot.js does not
// request it again and a later read (a retry) fetches afresh.
export const fetchCatalogue = (wasmUrl, started) => async (file) => {
  const url = new URL(`catalogue/${file}`, new URL(wasmUrl, globalThis.location?.href));
  const early = started?.get(file);
  started?.set(file, null);
  const response = await (early ?? fetch(url));
  if (!response.ok) throw new Error(`${url} could not be fetched (HTTP ${response.status})`);
  return response.text();
};

// The deferred part of the engine: derive.wasm holds only what the first
// views run and derive.deferred.wasm, beside it, the rest
// (scripts/split-wasm.mjs). `deferred` is {url} of that file; this gives it
// `load(file, imports)`, which emscripten's loader calls (loadSplitModule)
// when a call reaches a function of the part before it is attached: it then
// fetches the part synchronously, slower but never wrong. The returned
// function fetches and compiles the part off the main thread and attaches it
// to `module`, once; its promise resolves when the part is attached. Views
// other than the first await it before they call the engine, the card before
// it grades, and the learner's first key or pointer press starts it. Under
// node (no XMLHttpRequest: the tests) the loader reads the file itself.
function deferredPart(module, deferred) {
  if (typeof XMLHttpRequest === 'undefined') return () => Promise.resolve();
  deferred.load = (file, imports) => {
    if (!deferred.module) {
      const request = new XMLHttpRequest();
      request.open('GET', file, false);
      request.overrideMimeType('text/plain; charset=x-user-defined'); // a document's synchronous request takes no arraybuffer type
      request.send();
      if (request.status !== 200) throw new Error(`${file} could not be fetched (HTTP ${request.status})`);
      deferred.module = new WebAssembly.Module(Uint8Array.from(request.responseText, (c) => c.charCodeAt(0) & 0xff));
    }
    deferred.instance ??= new WebAssembly.Instance(deferred.module, imports);
  };
  let attaching = null;
  const attach = () => {
    attaching ??= (deferred.module ? Promise.resolve(deferred.module) : WebAssembly.compileStreaming(fetch(deferred.url)))
      .then((compiled) => {
        deferred.module = compiled;
        deferred.instance ??= new WebAssembly.Instance(compiled, { primary: module.asm });
      });
    attaching.catch(() => { attaching = null; }); // offline: the next call tries again
    return attaching;
  };
  for (const event of ['keydown', 'pointerdown']) {
    globalThis.addEventListener?.(event, () => attach().catch(() => {}), { once: true, capture: true, passive: true });
  }
  return attach;
}

// The book's table of contents from the text of catalogue/index.json, in the
// shape of the engine's catalogue().chapters ({name, title, intro, exercises:
// [{id, title}]}, book order): the first view is drawn from it before the
// module is in. tests/wasm/first-cards.test.mjs checks that both agree.
// Throws, saying what was expected, on a text that is not such an index.
export function tableOfContents(indexText) {
  try {
    return JSON.parse(indexText).map(({ chapter, title, intro, exercise }) =>
      ({ name: chapter, title, intro, exercises: exercise.map(({ id, title: name }) => ({ id, title: name })) }));
  } catch (error) {
    throw new Error(`catalogue/index.json is not the book's index (${error.message}); expected [{chapter, title, intro, exercise: [{id, title}]}]`);
  }
}

// Loads the module once; `wasmUrl` lets a test or a fingerprinted build say
// where derive.wasm is. `started`: the module boot.js began loading with the
// page (then wasmUrl is not needed: it is beside derive.js). The module embeds
// no catalogue: it is given the book's index (catalogue/index.json, beside
// derive.wasm) and the chapters holding `exercises` (ids; undefined: every
// chapter) before this resolves; `need` gives it more chapters later.
// `readCatalogue(file)`: the text of a catalogue file (a test's own reader).
export async function loadEngine({ wasmUrl = 'derive.wasm', factory = globalThis.createDeriveModule, started = globalThis.deriveEngineStarted,
  exercises, readCatalogue = fetchCatalogue(wasmUrl) } = {}) {
  if (!started && typeof factory !== 'function') throw new Error('derive.js is not loaded (createDeriveModule is missing)');
  const indexText = readCatalogue('index.json');
  // Exercise id -> chapter name, from the index itself, so that the chapters
  // asked for are fetched while the module still compiles.
  const chapterOf = indexText.then((text) => new Map(tableOfContents(text)
    .flatMap((c) => c.exercises.map((e) => [e.id, c.name]))));
  const chaptersOf = async (ids) => {
    const map = await chapterOf;
    return [...new Set(ids === undefined ? map.values() : ids.map((id) => map.get(id)).filter(Boolean))];
  };
  const texts = new Map(); // chapter name -> the promise of its file's text
  const read = (name) => {
    if (!texts.has(name)) {
      const text = readCatalogue(`${name}.json`);
      text.catch(() => texts.delete(name)); // a later call tries again (back online)
      texts.set(name, text);
    }
    return texts.get(name);
  };
  chaptersOf(exercises).then((names) => names.forEach(read)).catch(() => {}); // reported by the awaits below
  const browser = typeof XMLHttpRequest !== 'undefined';
  const deferred = started ? globalThis.deriveDeferred
    : { url: browser ? new URL(wasmUrl.replace(/\.wasm$/, '.deferred.wasm'), globalThis.location.href).href : undefined };
  const loadSplitModule = browser ? (file, imports) => deferred.load(file, imports) : undefined;
  const module = await (started ?? factory({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path), loadSplitModule }));
  const complete = deferredPart(module, deferred);
  const give = (file, text, indexOnly) => {
    const added = invoke(module, 'derive_load_chapters', [text, indexOnly ? 1 : 0]);
    if (added.error) throw new Error(`catalogue/${file}: ${added.error}`);
  };
  give('index.json', await indexText, true);
  const given = new Map(); // chapter name -> the promise of giving it
  // Gives the engine the chapters that hold `ids` (undefined: all) once each.
  const need = async (ids) => Promise.all((await chaptersOf(ids)).map((name) => {
    if (!given.has(name)) {
      const giving = read(name).then((text) => give(`${name}.json`, text, false));
      giving.catch(() => given.delete(name));
      given.set(name, giving);
    }
    return given.get(name);
  }));
  await need(exercises);
  const limits = invoke(module, 'derive_limits', []);
  const bytes = (text) => module.lengthBytesUTF8(text);
  // The first bound a call's texts break, as the engine would say it, or null.
  const fieldError = (what, text) => (bytes(text) > limits.field_bytes ? tooLong(what, bytes(text), limits.field_bytes) : null);
  const answersError = (id, answers) => {
    for (let i = 0; i < answers.length; i++) {
      const error = fieldError(`answer ${i + 1}`, answers[i]);
      if (error) return error;
    }
    const total = bytes(id) + bytes(answers.join(SEPARATOR));
    if (total > limits.call_bytes) return tooLong('the text of this call', total, limits.call_bytes, ' in one call');
    return fieldError('the exercise id', id);
  };
  // `given`: chosen parameter values as "name:value,..." (a layer's numbers
  // from the Analyze page) instead of a drawn variant; the engine reads and
  // checks them (src/exercise/given.cpp) and the *_with exports build that
  // question.
  // `given` may instead be {real: NAME}: the exercise's real variant NAME
  // (`derive exercise show ID --real NAME`), through the *_real exports.
  const givenError = (given) => (typeof given === 'object' ? fieldError('the real variant\'s name', given.real)
    : fieldError('the parameter values', given));
  const chosenCall = (name, given) => (typeof given === 'object' ? [`${name}_real`, given.real] : [`${name}_with`, given]);
  const withId = (name) => (id, variant, given) => {
    const error = fieldError('the exercise id', id) || (given === undefined ? null : givenError(given));
    if (error) return { error };
    if (given === undefined) return invoke(module, name, [id, variant]);
    const [exported, text] = chosenCall(name, given);
    return invoke(module, exported, [id, text]);
  };
  const withAnswers = (name) => (id, variant, answers, given) => {
    const error = answersError(id, answers) || (given === undefined ? null : givenError(given));
    if (error) return { error };
    if (given === undefined) return invoke(module, name, [id, variant, answers.join(SEPARATOR)]);
    const [exported, text] = chosenCall(name, given);
    return invoke(module, exported, [id, text, answers.join(SEPARATOR)]);
  };
  // The model analyzer is a module of its own, loaded by the Analyze page
  // (modules/analyzer.js).
  return {
    // {field_bytes, call_bytes}: the bounds on the text of one call.
    limits,
    // A promise that every export can be called without fetching anything
    // (deferredPart above); it rejects when the deferred part could not be
    // fetched (offline before it was stored), and a later call tries again.
    complete,
    // need(ids): a promise that the chapters holding exercises `ids`
    // (undefined: every chapter) are in the engine; card, show, grade, check,
    // rate and assignment know only the exercises of chapters it was given.
    need,
    // {chapters: [{name, title, intro, exercises: [{id, title}]}]}
    catalogue: () => invoke(module, 'derive_catalogue', []),
    // The card of exercise `id` at `variant` (or with the `given` values: it
    // then has "given", the values as the engine read them; or of the real
    // variant {real: NAME}: it then has "real" and "source" too): the CLI's show
    // document plus parts [{unit, precision}], steps, symbolic, variables,
    // kilobyte; or {error}.
    card: withId('derive_card'),
    // The CLI's show document exactly.
    show: withId('derive_show'),
    // {correct, feedback, diagnosis, status: 'correct' | 'incorrect' | 'unreadable'} or {error};
    // (id, variant, answers[, given]) as card's.
    grade: withAnswers('derive_grade'),
    // The CLI's check document exactly.
    check: withAnswers('derive_check'),
    // The real variants of exercise `id` (undefined: of every chapter given
    // so far, in book order): [{exercise, title, name, source, uses: [{kind:
    // 'llm' | 'gpu' | 'board', id}], model_files: ['ad01.tflite']}], or {error}.
    realVariants: (id = '') => {
      const error = fieldError('the exercise id', id);
      return error ? { error } : invoke(module, 'derive_real_variants', [id]);
    },
    // [{name, summary, source, topic, unit, params: [{name, kind, unit, help, default?}]}]
    functions: () => invoke(module, 'derive_functions', []),
    // The day's review queue from a history ("EXERCISE DAY RATING" lines,
    // include/derive/review/history.hpp): {today, due: [{exercise, due_day}],
    // new: [ids], exercises: [{exercise, mastery, reviews?, due_day?, stability?,
    // retrievability?}]} in book order, or {error}.
    reviewQueue: (history, today, newPerDay) => invoke(module, 'derive_review_queue', [history, today, newPerDay]),
    // The rating of one review's outcome by `derive practice --review`'s rule
    // (review::rate): {rating: 'again' | 'hard' | 'good' | 'easy', par_seconds} or {error}.
    rate: (id, { correct, seconds, hints, retried }) => {
      const error = fieldError('the exercise id', id);
      return error ? { error } : invoke(module, 'derive_rate', [id, correct ? 1 : 0, seconds, hints, retried ? 1 : 0]);
    },
    // An assignment link's token and the learner's name: {name, learner,
    // exercises: [{id, variant}]} or {error} (docs/instructors.md).
    assignment: (token, learner) => invoke(module, 'derive_assignment', [token, learner]),
    // {code} or {error}: answers is one array of parts per exercise, in order.
    resultsCode: (token, learner, answers) => invoke(module, 'derive_results_code',
      [token, learner, answers.map((parts) => parts.join(SEPARATOR)).join('\x1e')]),
    // {value, unit, text} or {error}
    calc: (expression) => {
      const error = fieldError('the expression', expression);
      return error ? { error } : invoke(module, 'derive_calc', [expression]);
    },
  };
}

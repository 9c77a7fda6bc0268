// derive in the browser: a hash router over four views. All numbers, verdicts
// and solutions come from the C++ engine (modules/engine.js).
import { fetchCatalogue, loadEngine, MAX_VARIANT, tableOfContents } from './modules/engine.js';
import { h } from './modules/dom.js';
import * as store from './modules/store.js';
import { exerciseCard } from './modules/card.js';

const main = document.getElementById('main');
let engine, chapters, where; // where: exercise id -> {chapter, index}
// The real variants of exercise `id`, or (no id) of the chapters the engine
// has been given so far (the Models and Analyze pages are given them all, see
// exercisesOf).
const realVariants = (id, from = engine) => {
  const index = from.realVariants(id);
  return Array.isArray(index) ? index : [];
};

// "#/ex/llm.kv-cache?v=7" -> {path: ['ex', 'llm.kv-cache'], query: {v: '7'}}
export function parseRoute(hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: Object.fromEntries(new URLSearchParams(query)) };
}

// {variant, problem} for the ?v= of an address: problem says what was wrong
// with `text` (the variant is then 0), or is null.
function variantOf(text) {
  if (text === undefined) return { variant: 0, problem: null };
  const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  if (!/^\d+$/.test(text)) {
    return { variant: 0, problem: `"${shown}" is not a variant number (a whole number from 0 to ${MAX_VARIANT.toLocaleString('en-US')})` };
  }
  const variant = Number(text);
  if (variant > MAX_VARIANT) return { variant: 0, problem: `variant ${shown} is past the last one, ${MAX_VARIANT.toLocaleString('en-US')}` };
  return { variant, problem: null };
}

// Runs `then` once the browser is idle after drawing what is on the screen
// now (requestIdleCallback; a timeout where the page never idles, a plain
// task where the browser lacks it, as Safari does): for what the first view
// does not need to be painted.
function afterFirstPaint(then) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(then, { timeout: 500 });
  else setTimeout(then, 0);
}

function page(title, ...kids) {
  document.title = title ? `${title} · derive` : 'derive · the numbers of efficient ML';
  main.replaceChildren(...kids.flat().filter((kid) => kid != null)); // null: a part the view leaves out
}

// data-ids and data-label let refreshProgress() draw the bar again.
function progressBar(ids, label) {
  const { solved, helped, total } = store.chapterCounts(store.load(), ids);
  return h('div', { class: 'progress', 'data-ids': ids.join(' '), 'data-label': label },
    h('progress', { value: solved, max: total, 'aria-label': label }),
    h('span', null, `${solved} of ${total} solved${helped ? ` · ${helped} with help` : ''}`));
}

// Progress changed under the page (another tab, an import): redraw the bars.
function refreshProgress() {
  for (const bar of main.querySelectorAll('.progress[data-ids]')) bar.replaceWith(progressBar(bar.dataset.ids.split(' '), bar.dataset.label));
}

// The home's "Today" block (due reviews, mastery, Continue) is drawn by
// modules/today.js, fetched once the home is on the screen, with the chapters
// of the exercises the learner has worked on (their reviews are rated by the
// engine, which needs each exercise's answer fields).
function home() {
  const today = h('div', { class: 'today-slot' });
  page('', h('h1', { tabindex: '-1' }, 'The numbers of efficient machine learning'),
    h('p', { class: 'lead' }, 'Model size, MACs, pruning, quantization, architecture search, distillation, microcontroller memory and LLM serving: worked exercises with fresh numbers whenever you want them, checked the moment you press Enter.'),
    today,
    h('ol', { class: 'chapters' }, chapters.map((c, i) => h('li', { class: 'card chapter' },
      h('h2', null, h('a', { href: `#/chapter/${c.name}` }, h('span', { class: 'number' }, `${i + 1}`), c.title)),
      h('p', null, c.intro),
      progressBar(c.exercises.map((e) => e.id), `${c.title}: progress`)))));
  Promise.all([import('./modules/today.js'), engine.need(Object.keys(store.load().exercises))])
    .then(([{ todayBlock }]) => { if (today.isConnected) today.replaceChildren(todayBlock(engine)); })
    .catch(() => { /* offline before this version was stored: the home works without it */ });
}

function chapterPage(c) {
  const index = chapters.indexOf(c);
  const bar = h('div');
  const refresh = () => bar.replaceChildren(progressBar(c.exercises.map((e) => e.id), 'Chapter progress'));
  refresh();
  page(c.title,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Exercises'), ` › Chapter ${index + 1}`),
    h('h1', { tabindex: '-1' }, c.title), h('p', { class: 'lead' }, c.intro), bar,
    c.exercises.map((e) => h('div', { class: 'slot' },
      exerciseCard(engine, e.id, 0, { onProgress: refresh }),
      h('p', { class: 'permalink' }, h('a', { href: `#/ex/${e.id}` }, 'Open on its own page')))));
}

// The chosen numbers of an address, `?p=name:value,...&from=where they come
// from` ("Practise on this layer" on the Analyze page): {given, from}, or
// {problem} with the engine's reason when it refuses them, or {} without p=.
function givenOf(id, query) {
  if (query.p === undefined) return {};
  const probe = engine.card(id, 0, query.p);
  if (probe.error) return { problem: probe.error };
  return { given: probe.given, from: (query.from || '').slice(0, 200) };
}

// The real variant of an address, `?real=NAME` (the exercise's numbers of a
// real model, GPU or board): {given: {real: NAME}, real: NAME}, or {problem}
// with the engine's reason (it lists the exercise's real variants); else
// givenOf's. Answers on it are graded and not counted, as chosen numbers are.
function chosenOf(id, query) {
  if (query.real === undefined) return givenOf(id, query);
  const probe = engine.card(id, 0, { real: query.real });
  if (probe.error) return { problem: probe.error };
  return { given: { real: probe.real }, real: probe.real };
}

// Where the numbers of a chosen card come from, and the way back to drawn ones.
function givenNotice(id, { given, from, real }) {
  if (given === undefined) return null;
  return h('p', { class: 'notice source', role: 'note' },
    real ? 'Real numbers: the question names their source.' : from ? `Numbers of ${from}.` : 'Numbers given by the address.',
    ' Answers on them are graded but not counted in your progress. ',
    h('a', { href: `#/ex/${id}?v=1` }, 'Practise on drawn numbers instead'));
}

function exercisePage(id, { variant, problem }, chosen = {}) {
  // A variant or numbers the address could not give: show variant 0, say
  // why, and put the address right so that sharing it gives what is on the screen.
  if (problem || chosen.problem) history.replaceState(null, '', `#/ex/${id}?v=0`);
  const { chapter, index } = where.get(id);
  const list = chapter.exercises;
  // "← Previous title" on the left, "Next title →" on the right; each opens
  // at variant 0, so it says these numbers are not kept.
  const fresh = h('span', { class: 'pager-note' }, 'its own numbers (variant 0)');
  const link = (e, rel, arrow) => (e ? h('a', { href: `#/ex/${e.id}`, rel },
    rel === 'next' ? [h('span', null, e.title), ' ', arrow] : [arrow, ' ', h('span', null, e.title)], fresh.cloneNode(true)) : h('span'));
  // After a right answer: the next exercise, or the next chapter after the last one.
  const nextChapter = chapters[chapters.indexOf(chapter) + 1];
  const next = list[index + 1] ? { href: `#/ex/${list[index + 1].id}`, label: `Next: ${list[index + 1].title} →` }
    : nextChapter ? { href: `#/chapter/${nextChapter.name}`, label: `Next chapter: ${nextChapter.title} →` }
      : { href: '#/', label: 'All chapters →' };
  let shown = variant; // the variant on screen, for the Embed snippets
  const source = givenNotice(id, chosen);
  const card = exerciseCard(engine, id, variant, {
    heading: 'h1',
    next,
    given: chosen.given,
    onVariant: (v) => {
      shown = v;
      history.replaceState(null, '', `#/ex/${id}?v=${v}`);
      source?.remove();
    },
  });
  // The "Real numbers:" line and the Embed button come once the card is on
  // the screen (afterFirstPaint): the first view never waits for them.
  // modules/real-links.js is fetched only for an exercise with real variants.
  const reals = h('div', { class: 'real-slot' });
  const embed = h('div', { class: 'embed-slot' });
  // A stand-in engine (earlyExercisePage) has no real variants: they wait for the engine.
  const loaded = engine.loaded ?? Promise.resolve(engine);
  afterFirstPaint(() => loaded.then((from) => {
    if (!reals.isConnected) return; // the learner has moved on
    const own = realVariants(id, from);
    if (own.length) {
      import('./modules/real-links.js').then(({ realNumbersNav }) => reals.replaceChildren(realNumbersNav(own, id, chosen.real) ?? ''))
        .catch(() => { /* offline before this version was stored: the page works without it */ });
    }
    // The Embed button (modules/embed-panel.js; its snippets load when it opens).
    import('./modules/embed-panel.js').then(({ embedControl }) => embed.replaceChildren(embedControl(() => ({ id, variant: shown, title: list[index].title }))))
      .catch(() => { /* offline before this version was stored: the page works without it */ });
  }).catch(() => { /* the engine did not load: start() shows why */ }));
  page(list[index].title,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Exercises'), ' › ', h('a', { href: `#/chapter/${chapter.name}` }, chapter.title)),
    problem ? h('p', { class: 'notice', role: 'status' }, `The address asked for ${problem}; this is variant 0.`) : null,
    chosen.problem ? h('p', { class: 'notice', role: 'status' }, `The address's numbers were refused: ${chosen.problem}. This is variant 0.`) : null,
    source,
    card, reals, embed,
    h('nav', { class: 'pager', 'aria-label': 'Exercises in this chapter' }, link(list[index - 1], 'prev', '←'), link(list[index + 1], 'next', '→')));
  card.querySelector('input[name="answer"]')?.focus();
}

// The calculator's module is loaded on first visit only.
async function calcPage(selected) {
  let calculator;
  try {
    ({ calculator } = await import('./modules/calc.js'));
  } catch (error) {
    page('Calculator', h('h1', { tabindex: '-1' }, 'The calculator did not load'),
      h('p', { class: 'lead' }, 'Its code could not be fetched, probably because this device is offline and this version of derive was not stored for offline use yet. Try again once you are online.'),
      h('p', { class: 'error' }, String(error.message || error)));
    main.querySelector('h1').focus({ preventScroll: true });
    return;
  }
  page('Calculator', calculator(engine, selected));
  main.querySelector('h1').focus({ preventScroll: true });
}

// The Analyze page's code and the analyzer's own wasm module are fetched on
// the first visit only, never with the trainer's first load.
let analyzer, boards; // loaded once, then kept
async function analyzeView() {
  let analyzePage;
  page('Analyze a model', h('h1', { tabindex: '-1' }, 'Analyze a model'), h('p', { class: 'loading' }, 'Loading the analyzer…'));
  try {
    const [pageModule, analyzerModule] = await Promise.all([import('./modules/analyze.js'), import('./modules/analyzer.js')]);
    ({ analyzePage } = pageModule);
    analyzer ??= await analyzerModule.loadAnalyzer();
    boards ??= await analyzer.boards();
  } catch (error) {
    if (parseRoute(location.hash).path[0] !== 'analyze') return;
    page('Analyze', h('h1', { tabindex: '-1' }, 'The analyzer did not load'),
      h('p', { class: 'lead' }, 'Its code could not be fetched, probably because this device is offline and this version of derive was not stored for offline use yet.'),
      h('p', { class: 'error' }, String(error.message || error)));
    main.querySelector('h1').focus({ preventScroll: true });
    return;
  }
  // The learner may have gone elsewhere while it loaded.
  if (parseRoute(location.hash).path[0] !== 'analyze') return;
  const title = (id) => (where.has(id) ? where.get(id).chapter.exercises[where.get(id).index].title : undefined);
  page('Analyze a model', analyzePage(analyzer, boards, title, realVariants()));
  main.querySelector('h1').focus({ preventScroll: true });
}

// The Review, session, Progress and Drill pages: each module is fetched on
// the first visit (the service worker keeps it for offline use).
// draw(module) returns the page's nodes.
async function lazyView(view, title, load, draw, focusAnswer = false) {
  let module;
  try {
    module = await load();
  } catch (error) {
    if (parseRoute(location.hash).path[0] !== view) return;
    page(title, h('h1', { tabindex: '-1' }, `${title}: the page did not load`),
      h('p', { class: 'lead' }, 'Its code could not be fetched, probably because this device is offline and this version of derive was not stored for offline use yet. Try again once you are online.'),
      h('p', { class: 'error' }, String(error.message || error)));
    main.querySelector('h1').focus({ preventScroll: true });
    return;
  }
  if (parseRoute(location.hash).path[0] !== view) return; // the learner went elsewhere meanwhile
  page(title, draw(module));
  scrollTo(0, 0);
  const answer = focusAnswer && main.querySelector('input[name="answer"]');
  (answer || main.querySelector('h1')).focus({ preventScroll: true });
}

// The Models page: its code, and the LLM analysis's own wasm module with its
// two tables, fetched on the first visit and then kept.
let llm;
async function loadModels() {
  const [pageModule, llmModule] = await Promise.all([import('./modules/models.js'), import('./modules/llm.js')]);
  if (!llm) {
    const module = await llmModule.loadLlm();
    llm = { module, models: await module.models(), gpus: await module.gpus() };
  }
  return pageModule;
}

// The Author page: its code, and the authoring wasm module with its template,
// fetched on the first visit and then kept.
let authoring;
async function loadAuthor() {
  const [pageModule, authoringModule] = await Promise.all([import('./modules/author.js'), import('./modules/authoring.js')]);
  if (!authoring) {
    const module = await authoringModule.loadAuthoring();
    authoring = { module, template: await module.template() };
  }
  return pageModule;
}

// An assignment link (docs/instructors.md); its module is loaded on first visit.
async function assignmentView(token) {
  let assignmentPage;
  try {
    ({ assignmentPage } = await import('./modules/assignment.js'));
  } catch (error) {
    page('Assignment', h('h1', { tabindex: '-1' }, 'The assignment did not load'), h('p', { class: 'error' }, String(error.message || error)));
    return;
  }
  const titles = new Map(chapters.flatMap((c) => c.exercises.map((e) => [e.id, e.title])));
  page('Assignment', assignmentPage(engine, token, titles));
  main.querySelector('h1').focus({ preventScroll: true });
}

function notFound() {
  page('Not found', h('h1', { tabindex: '-1' }, 'Nothing here'),
    h('p', { class: 'lead' }, 'This address does not lead to a chapter, an exercise or the calculator.'),
    h('p', null, h('a', { href: '#/' }, 'Back to the exercises')));
}

// The exercises a route shows, whose chapters the engine must be given first
// (engine.need): a list, or undefined for the whole book (the review, drill,
// progress and assignment pages range over every chapter).
function exercisesOf([view, arg]) {
  if (view === 'ex') return [arg];
  if (view === 'chapter') return chapters.find((c) => c.name === arg)?.exercises.map((e) => e.id) ?? [];
  // The Models and Analyze pages link the exercises on their numbers: every chapter's real variants.
  return ['review', 'drill', 'progress', 'assignment', 'models', 'analyze'].includes(view) ? undefined : [];
}

// The views that run on the engine's first part alone (derive.wasm); every
// other view awaits its deferred part too (engine.complete), and so does an
// exercise with chosen numbers (?p=, the Analyze page's links): reading them
// is in that part.
const FIRST_VIEWS = [undefined, 'chapter', 'ex'];
const firstPartOnly = ({ path, query }) => FIRST_VIEWS.includes(path[0]) && query.p === undefined;

// Routes once the engine has the chapters the address needs; only the latest
// address is drawn when the learner moves on while a chapter is on its way.
let routing = 0;
async function show() {
  const turn = ++routing;
  const at = parseRoute(location.hash);
  try {
    await Promise.all([engine.need(exercisesOf(at.path)), firstPartOnly(at) ? null : engine.complete()]);
  } catch (error) {
    if (turn !== routing) return;
    page('Not loaded', h('h1', { tabindex: '-1' }, 'This page did not load'),
      h('p', { class: 'lead' }, 'Its exercises or the engine\'s code could not be fetched, probably because this device is offline and this version of derive was not stored for offline use yet. Try again once you are online.'),
      h('p', { class: 'error' }, String(error.message || error)));
    main.querySelector('h1').focus({ preventScroll: true });
    return;
  }
  if (turn === routing) route();
}

function route() {
  const { path, query } = parseRoute(location.hash);
  const [view, arg] = path;
  for (const a of document.querySelectorAll('header nav a')) {
    const own = { '#/calc': 'calc', '#/analyze': 'analyze', '#/review': 'review', '#/progress': 'progress', '#/models': 'models' }[a.hash];
    const here = own ? view === own : [undefined, 'chapter', 'ex'].includes(view);
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const chapter = view === 'chapter' && chapters.find((c) => c.name === arg);
  if (path.length === 0) home();
  else if (chapter && path.length === 2) chapterPage(chapter);
  else if (view === 'ex' && where.has(arg) && path.length === 2) return exercisePage(arg, variantOf(query.v), chosenOf(arg, query));
  else if (view === 'calc' && path.length === 1) return calcPage(query.f);
  else if (view === 'analyze' && path.length === 1) return analyzeView();
  else if (view === 'review' && path.length === 1) return lazyView('review', 'Review', () => import('./modules/review.js'), (m) => m.reviewPage(engine));
  else if (view === 'review' && arg === 'session' && path.length === 2) {
    const step = /^\d{1,9}$/.test(query.n ?? '') ? Number(query.n) : 0;
    return lazyView('review', 'Today\'s session', () => import('./modules/review.js'), (m) => m.sessionPage(engine, step), true);
  } else if (view === 'progress' && path.length === 1) return lazyView('progress', 'Progress', () => import('./modules/mastery.js'), (m) => m.progressPage(engine));
  else if (view === 'drill' && path.length === 1) return lazyView('drill', 'Drill', () => import('./modules/drill.js'), (m) => m.drillPage(engine));
  else if (view === 'models' && path.length === 1) return lazyView('models', 'LLM memory and speed', loadModels, (m) => m.modelsPage(llm.module, llm.models, llm.gpus, realVariants()));
  else if (view === 'author' && path.length === 1) return lazyView('author', 'Author an exercise', loadAuthor, (m) => m.authorPage(engine, authoring.module, authoring.template));
  else if (view === 'assignment' && path.length === 2) return assignmentView(arg);
  else notFound();
  main.querySelector('h1')?.focus({ preventScroll: true });
  scrollTo(0, 0);
}

// N: new numbers, S: solution, H: hint, for the card holding the focus (or the first
// card). Plain letters work outside text fields; with Alt they work anywhere.
function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.shiftKey) return;
  const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName) || event.target.isContentEditable;
  if (typing && !event.altKey) return;
  const action = { KeyN: 'new-variant', KeyS: 'solution', KeyH: 'hint' }[event.code];
  if (!action) return;
  const card = document.activeElement?.closest?.('[data-exercise]') || main.querySelector('[data-exercise]');
  const button = card?.querySelector(`[data-action="${action}"]`);
  if (!button) return;
  event.preventDefault();
  button.click();
}

function resetControl() {
  const box = document.getElementById('reset');
  const ask = h('button', { type: 'button', class: 'quiet' }, 'Reset progress');
  const sure = h('span', { class: 'confirm', hidden: true, role: 'group', 'aria-label': 'Confirm reset' }, 'Erase all progress on this device? ',
    h('button', { type: 'button', class: 'danger', onclick: () => { store.reset(); done(); route(); } }, 'Erase'), ' ',
    h('button', { type: 'button', class: 'quiet', onclick: () => done() }, 'Keep'));
  const done = () => { sure.hidden = true; ask.hidden = false; ask.focus(); };
  ask.addEventListener('click', () => { ask.hidden = true; sure.hidden = false; sure.querySelector('button').focus(); });
  box.replaceChildren(ask, sure);
}

// The engine's stand-in while derive.wasm still loads, for the one card
// drawn from `first` (the card the engine wrote at staging,
// scripts/first-cards.mjs): card() is asked only for that card's first
// drawing, and grade() only once complete() has resolved, which waits for the
// engine first. `loaded` is the promise of that engine, which start() hands
// over with arrive(promise of loadEngine): the card (modules/card.js) and the
// exercise page wait for it before any other call (new numbers, a picture,
// the real variants).
function standIn(first) {
  let engine, settle;
  const loaded = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  loaded.catch(() => {}); // start() reports a failure
  return {
    loaded,
    arrive: (loading) => loading.then((module) => settle.resolve(engine = module), settle.reject),
    card: () => first,
    complete: () => loaded.then((module) => module.complete()),
    grade: (...args) => engine.grade(...args),
  };
}

// An exercise's own page at variant 0 (#/ex/ID, nothing after it) is drawn
// before the engine is in, from the card the engine wrote for it at staging,
// which boot.js requested with the page: the learner reads the question and
// types while derive.wasm compiles, and Check grades once the engine is in.
// Returns the address drawn, or null (the address is another, or the card's
// file could not be read: an older or partly stored site), and the page then
// waits for the engine, as every other view does.
async function earlyExercisePage(read) {
  const hash = globalThis.deriveEarlyPage; // set by boot.js, which requested the card
  if (!hash || location.hash !== hash) return null;
  const id = parseRoute(hash).path[1];
  let card;
  try {
    card = JSON.parse(await read(`cards/${id}.json`));
  } catch {
    return null;
  }
  if (location.hash !== hash) return null; // the learner moved on
  engine = standIn(card);
  route();
  return hash;
}

async function start() {
  // The keys and the skip link work on the early page too (the card waits
  // for the engine where it must); the other views come with the engine.
  document.querySelector('.skip').addEventListener('click', (event) => { event.preventDefault(); main.focus(); });
  addEventListener('keydown', onKey);
  let early = null; // the address drawn before the engine was in (earlyExercisePage)
  try {
    // An exercise's own page is the one first view that needs a chapter
    // given with the engine; show() gives any other.
    const [view, arg] = parseRoute(location.hash).path;
    // The catalogue files boot.js has already requested are taken from it;
    // the index is read once, for the engine and for the table of contents.
    const wasmUrl = new URL('derive.wasm', import.meta.url).href;
    const read = fetchCatalogue(wasmUrl, globalThis.deriveCatalogueStarted);
    const index = read('index.json');
    chapters = tableOfContents(await index);
    where = new Map(chapters.flatMap((chapter) => chapter.exercises.map((e, index) => [e.id, { chapter, index }])));
    // The early page is drawn before the engine is given its catalogue (a
    // main-thread task of its own), which would otherwise come first.
    early = await earlyExercisePage(read);
    // User Timing marks: bench/web/benchmark.mjs prints where the first load's time goes.
    if (early) performance.mark('derive:first-view');
    const loading = loadEngine({ wasmUrl, exercises: view === 'ex' ? [arg] : [], readCatalogue: (file) => (file === 'index.json' ? index : read(file)) });
    if (early) engine.arrive(loading);
    engine = await loading;
    performance.mark('derive:engine-loaded');
  } catch (error) {
    page('Error', h('h1', null, 'The engine did not load'),
      h('p', { class: 'lead' }, 'derive grades answers with WebAssembly. Reloading usually helps; a very old browser may not support it.'),
      h('p', { class: 'error' }, String(error.message || error)));
    return;
  }
  addEventListener('hashchange', show);
  resetControl();
  store.listen();
  store.on('change', refreshProgress);
  // The early page stays as it is (its card hands its calls to the engine
  // now); the learner may have moved on while the engine loaded.
  if (location.hash !== early) {
    await show();
    if (!early) performance.mark('derive:first-view');
  }
  // Export/import of progress and the service worker wait until the first
  // view is on the screen, so its critical path holds only what it draws.
  afterFirstPaint(() => {
    import('./modules/backup.js').then(({ backupControls }) => backupControls(document.getElementById('reset')));
    import('./modules/offline.js').then(({ startOffline }) => startOffline());
  });
}

start();

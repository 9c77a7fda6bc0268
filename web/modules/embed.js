// <derive-exercise>: an exercise card for other sites (docs/instructors.md).
//
//   <derive-exercise id="llm.kv-cache" variant="7"></derive-exercise>
//   <derive-exercise id="llm.kv-cache" variant="random"></derive-exercise>
//   <derive-exercise chapter="quantize"></derive-exercise>   (a set: previous/next inside)
//
// The card is modules/card.js, unchanged, inside a shadow root that has
// style.css adopted, so the host page's rules do not reach the card and ours
// do not reach the page. Everything is fetched from this module's own origin
// (import.meta.url), however the host page is served: derive.js, derive.wasm
// and style.css once per page, shared by every element (`shared()`).
//
// Each checked answer dispatches `derive-answer` on the element (bubbles,
// composed) with detail {id, variant, correct, status, attempts, hints}:
// attempts counts the answers checked on these numbers in this element, this
// one included; hints is how many hints were open when it was checked.
import { h } from './dom.js';
import { loadEngine, MAX_VARIANT } from './engine.js';
import { exerciseCard } from './card.js';

// assets/<hash>/, where this module and everything it needs are.
const assets = new URL('../', import.meta.url);

// Runs derive.js (emscripten's loader, a classic script that defines the
// global createDeriveModule) once; a page that already has it keeps its own.
function loadClassicScript(src) {
  if (typeof globalThis.createDeriveModule === 'function') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    // A CORS request, like the modules' (the assets allow any origin), so a
    // host page with Cross-Origin-Embedder-Policy: require-corp can load it too.
    script.crossOrigin = 'anonymous';
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
}

// The palette is declared on :root in style.css; in a shadow root that is the host.
export function shadowCss(siteCss) {
  return siteCss.replaceAll(':root', ':host');
}

let loading; // Promise<{engine, sheet, chapters}>, once per page
function shared() {
  loading ??= (async () => {
    const [css] = await Promise.all([
      fetch(new URL('style.css', assets)).then((r) => {
        if (!r.ok) throw new Error(`style.css: HTTP ${r.status}`);
        return r.text();
      }),
      loadClassicScript(new URL('derive.js', assets).href),
    ]);
    const engine = await loadEngine({ wasmUrl: new URL('derive.wasm', assets).href });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(shadowCss(css));
    return { engine, sheet, chapters: engine.catalogue().chapters };
  })();
  return loading;
}

// "7" -> 7; "random" -> a fresh variant; anything else (or nothing) -> 0.
export function variantFrom(text, random = () => crypto.getRandomValues(new Uint32Array(1))[0]) {
  if (text === 'random') return random();
  return /^\d{1,16}$/.test(text ?? '') && Number(text) <= MAX_VARIANT ? Number(text) : 0;
}

class DeriveExercise extends HTMLElement {
  static observedAttributes = ['id', 'variant', 'chapter'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.append(h('div', { class: 'embed' }, h('p', { class: 'loading' }, 'Loading the exercise…')));
  }

  connectedCallback() { this.draw(); }

  attributeChangedCallback() { if (this.isConnected) this.draw(); }

  // Upgrading an element calls attributeChangedCallback once per attribute
  // and then connectedCallback: only the last draw started gets to render.
  async draw() {
    const frame = this.shadowRoot.firstElementChild;
    const token = (this.drawing = (this.drawing ?? 0) + 1);
    let engine, sheet, chapters;
    try {
      ({ engine, sheet, chapters } = await shared());
      if (token !== this.drawing) return;
    } catch (error) {
      frame.replaceChildren(h('p', { class: 'error' }, `The derive engine did not load: ${error.message || error}`));
      return;
    }
    this.shadowRoot.adoptedStyleSheets = [sheet];
    const chapterName = this.getAttribute('chapter');
    if (chapterName) {
      const chapter = chapters.find((c) => c.name === chapterName);
      if (!chapter) {
        frame.replaceChildren(h('p', { class: 'error' }, `There is no chapter "${chapterName}"; expected one of ${chapters.map((c) => c.name).join(', ')}.`));
        return;
      }
      this.showSet(engine, frame, chapter, 0);
    } else {
      frame.replaceChildren(this.card(engine, this.getAttribute('id') ?? '', variantFrom(this.getAttribute('variant'))));
    }
  }

  card(engine, id, variant) {
    const checks = new Map(); // variant -> answers checked on it
    return exerciseCard(engine, id, variant, {
      heading: this.getAttribute('heading') === 'h1' ? 'h1' : 'h2',
      onGraded: ({ variant: v, status, hints }) => {
        const attempts = (checks.get(v) ?? 0) + 1;
        checks.set(v, attempts);
        this.dispatchEvent(new CustomEvent('derive-answer', {
          bubbles: true, composed: true,
          detail: { id, variant: v, correct: status === 'correct', status, attempts, hints },
        }));
      },
    });
  }

  // A chapter: one card at a time, with previous and next inside the element.
  showSet(engine, frame, chapter, index) {
    const list = chapter.exercises;
    const go = (i) => () => {
      this.showSet(engine, frame, chapter, i);
      frame.querySelector('input[name="answer"]')?.focus();
    };
    const button = (i, label) => h('button', { type: 'button', class: 'quiet', disabled: i < 0 || i >= list.length, onclick: go(i) }, label);
    frame.replaceChildren(
      this.card(engine, list[index].id, variantFrom(this.getAttribute('variant'))),
      h('nav', { class: 'embed-pager', 'aria-label': `${chapter.title}: exercises` },
        button(index - 1, '← Previous'),
        h('span', null, `${index + 1} of ${list.length}`),
        button(index + 1, 'Next →')));
  }
}

if (!customElements.get('derive-exercise')) customElements.define('derive-exercise', DeriveExercise);

// embed.html: one <derive-exercise> filling an iframe, for host pages that
// allow no scripts of ours (docs/instructors.md). The address says what to show:
//   embed.html#llm.kv-cache?v=7    embed.html#llm.kv-cache?v=random
//   embed.html#?chapter=quantize   (a set, with previous and next)
// The page tells its parent its height on every resize and each checked
// answer, with postMessage (the formats below); the host snippet in
// modules/embed-snippets.js applies the height.
import './embed.js';
import { frameTarget } from './embed-snippets.js';

// Messages to the framing page (whatever its origin: neither says more than
// the page could see by asking the learner):
//   {type: 'derive:height', height: CSS pixels of the whole document}
//   {type: 'derive:answer', detail: the derive-answer event's detail}
function post(message) {
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

function show() {
  const { id, variant, chapter } = frameTarget(location.hash);
  const element = document.createElement('derive-exercise');
  element.setAttribute('heading', 'h1'); // the card is this document's only content
  if (chapter) element.setAttribute('chapter', chapter);
  else element.setAttribute('id', id ?? '');
  if (variant !== null) element.setAttribute('variant', variant);
  element.addEventListener('derive-answer', (event) => post({ type: 'derive:answer', detail: event.detail }));
  document.getElementById('main').replaceChildren(element);
}

show();
addEventListener('hashchange', show);
new ResizeObserver(() => post({ type: 'derive:height', height: Math.ceil(document.documentElement.getBoundingClientRect().height) }))
  .observe(document.documentElement);

// Links to the catalogue's real variants (engine.realVariants(): each
// {exercise, title, name, source, uses: [{kind, id}], model_files}). The
// exercise page offers an exercise's own; the Models and Analyze pages list
// the exercises that use the numbers they show: a model or GPU of the data
// files (the variant's references, "@llm:llama-3-8b..."), a board, or a model
// file whose layers a real variant gives. Every list comes from the catalogue.
import { h } from './dom.js';

// The address of a real variant's question.
export const realHref = (variant) => `#/ex/${variant.exercise}?real=${encodeURIComponent(variant.name)}`;

// The variants that use the data entry `kind`:`id` ("llm", "llama-3-8b").
export const usingEntry = (variants, kind, id) => variants.filter((v) => v.uses.some((u) => u.kind === kind && u.id === id));

// The variants whose source names the model file `file` ("ad01.tflite").
export const usingModelFile = (variants, file) => variants.filter((v) => v.model_files.includes(file));

// The source sentence without its full stop, as a link's words.
const phrase = (source) => source.replace(/\.$/, '');

// "Real numbers:" and one link per real variant of exercise `id`; the one on
// the screen (`current`, a name) is marked. null when it has none.
export function realNumbersNav(variants, id, current) {
  const own = variants.filter((v) => v.exercise === id);
  if (own.length === 0) return null;
  return h('div', { class: 'real-numbers' },
    h('span', null, 'Real numbers: '),
    h('ul', null, own.map((v) => h('li', null,
      h('a', { href: realHref(v), 'data-real': v.name, 'aria-current': v.name === current ? 'true' : null }, phrase(v.source))))));
}

// A section listing `variants` as links, each "exercise title: source";
// `what` names the numbers ("Meta-Llama-3-8B"). null when there are none.
export function practiceSection(variants, what) {
  if (variants.length === 0) return null;
  return h('section', { class: 'card practise-real', 'aria-label': `Exercises on the numbers of ${what}` },
    h('h2', null, `Practise on the numbers of ${what}`),
    h('ul', null, variants.map((v) => h('li', null,
      h('a', { href: realHref(v), 'data-exercise': v.exercise, 'data-real': v.name }, v.title), `: ${phrase(v.source)}`))));
}

// The first view's cards, made by the engine itself: catalogue/cards/<id>.json
// is the card of exercise <id> at variant 0 (the numbers an address without
// ?v= shows) as web/modules/engine.js's card(id, 0) returns it from the
// derive.wasm beside it, less the fields the page never reads (NOT_DRAWN). An exercise page opened at such an address is
// drawn from this file while derive.wasm still compiles (web/app.js,
// earlyExercisePage); the engine grades the answer once it is in. Used by
// scripts/stage-site.mjs; tests/wasm/first-cards.test.mjs checks the staged
// files against the engine.
import { loadEngine } from '../web/modules/engine.js';
import { nodeFactory } from './node-module.mjs';

export const CARDS_FOLDER = 'cards';
// Fields of the engine's card that modules/card.js does not draw from (the
// CLI's show document has them for other readers), left out of the first
// load: about 60 bytes of brotli per card.
export const NOT_DRAWN = ['chapter', 'params', 'answer', 'kilobyte'];

// [[relative path ("catalogue/cards/<id>.json"), Buffer]] for every exercise
// of `catalogue` ([[relative path, Buffer]], scripts/catalogue-files.mjs),
// computed by the module in `wasmDir` (derive.js, derive.wasm and its
// deferred part). Throws with the engine's reason if a card fails.
export async function firstCards(wasmDir, catalogue) {
  const texts = new Map(catalogue.map(([name, bytes]) => [name, bytes.toString('utf8')]));
  const engine = await loadEngine({
    factory: nodeFactory(wasmDir),
    readCatalogue: async (file) => {
      const text = texts.get(`catalogue/${file}`);
      if (text === undefined) throw new Error(`no catalogue file ${file}`);
      return text;
    },
  });
  const cards = [];
  for (const chapter of engine.catalogue().chapters) {
    for (const { id } of chapter.exercises) {
      const card = engine.card(id, 0);
      if (card.error) throw new Error(`the card of ${id} at variant 0: ${card.error}`);
      for (const field of NOT_DRAWN) delete card[field];
      cards.push([`catalogue/${CARDS_FOLDER}/${id}.json`, Buffer.from(JSON.stringify(card))]);
    }
  }
  return cards;
}

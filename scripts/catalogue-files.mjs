// The catalogue as the web engine is given it (src/wasm/given_catalogue.cpp),
// made from the build's catalogue.json (tools/catalogue_json.cpp, an array of
// chapters in book order): catalogue/index.json, every chapter with its name,
// title and intro and its exercises' ids and titles only (what the home page
// and the book order need), and catalogue/<chapter>.json, one chapter whole,
// fetched when a view shows one of its exercises. Both keep the array form.
// Used by scripts/stage-site.mjs and by the wasm tests.
import fs from 'node:fs';

// [[relative path, Buffer]] from the path of the build's catalogue.json.
export function catalogueFiles(from) {
  if (!fs.existsSync(from)) throw new Error(`${from} is missing; build the engine first (cmake --build --preset wasm)`);
  const chapters = JSON.parse(fs.readFileSync(from, 'utf8'));
  const outline = chapters.map(({ chapter, title, intro, exercise }) =>
    ({ chapter, title, intro, exercise: exercise.map(({ id, title: name }) => ({ id, title: name })) }));
  return [['catalogue/index.json', Buffer.from(JSON.stringify(outline))],
    ...chapters.map((c) => [`catalogue/${c.chapter}.json`, Buffer.from(JSON.stringify([c]))])];
}

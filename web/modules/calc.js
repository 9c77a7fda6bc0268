// The calculator page: any engine function, its parameters as a form, and the
// result recomputed by the engine on every keystroke (engine.calc).
import { h, uid } from './dom.js';
import { MAX_FIELD_CHARACTERS } from './engine.js';
import { ungroupDigits } from './numbers.js';

// The call text the engine evaluates: "name(p1=..., p2=...)". Blank fields
// are left out, so the engine names what is missing.
function callText(fn, fields) {
  const args = [];
  for (const { param, input } of fields) {
    if (param.kind === 'bool') args.push(`${param.name}=${input.checked}`);
    else if (input.value.trim() !== '') {
      const value = ungroupDigits(input.value.trim());
      args.push(`${param.name}=${param.kind === 'list' ? `[${value}]` : value}`);
    }
  }
  return `${fn.name}(${args.join(', ')})`;
}

const shown = (param) => (param.kind === 'list' ? (param.default ?? []).join(', ') : param.default ?? '');

export function calculator(engine, selected) {
  const fns = engine.functions();
  const byTopic = new Map();
  for (const fn of fns) byTopic.set(fn.topic, [...(byTopic.get(fn.topic) || []), fn]);
  const chosen = fns.find((f) => f.name === selected) || fns.find((f) => f.name === 'kv_cache_bytes') || fns[0];

  const select = h('select', { id: uid('fn') },
    [...byTopic].map(([topic, list]) => h('optgroup', { label: topic },
      list.map((fn) => h('option', { value: fn.name, selected: fn === chosen }, fn.name)))));
  const about = h('div', { class: 'about' });
  const params = h('div', { class: 'params' });
  const expression = h('code', { class: 'expression' });
  const result = h('output', { class: 'result', 'aria-live': 'polite' });
  let fields = [];

  const update = () => {
    const fn = fns.find((f) => f.name === select.value);
    const text = callText(fn, fields);
    expression.textContent = text;
    const blank = fields.filter((f) => f.param.default === undefined && f.param.kind !== 'bool' && !f.input.value.trim());
    if (blank.length) {
      result.classList.remove('error');
      result.textContent = '';
      result.append(h('span', { class: 'hint' }, `Fill in ${blank.map((f) => f.param.name).join(', ')} to see the result.`));
      return;
    }
    const r = engine.calc(text);
    result.classList.toggle('error', Boolean(r.error));
    result.textContent = r.error ? r.error : r.text;
  };

  const choose = () => {
    const fn = fns.find((f) => f.name === select.value);
    about.replaceChildren(h('p', null, fn.summary), h('p', { class: 'source' }, `Source: ${fn.source}`));
    fields = fn.params.map((param) => {
      const id = uid('p');
      const input = param.kind === 'bool'
        ? h('input', { type: 'checkbox', id, checked: param.default === true })
        : h('input', { type: 'text', id, value: shown(param), autocomplete: 'off', spellcheck: 'false', maxlength: MAX_FIELD_CHARACTERS,
          inputmode: param.kind === 'list' ? 'text' : 'decimal', placeholder: param.kind === 'list' ? 'e.g. 2, 1, 0' : 'required' });
      input.addEventListener('input', update);
      const unit = param.unit ? ` (${param.unit})` : '';
      return {
        param, input,
        row: h('div', { class: `field${param.kind === 'bool' ? ' check' : ''}` },
          h('label', { for: id }, h('code', null, param.name), unit),
          input, h('span', { class: 'hint' }, param.help)),
      };
    });
    params.replaceChildren(...fields.map((f) => f.row));
    update();
  };
  select.addEventListener('change', () => {
    history.replaceState(null, '', `#/calc?f=${select.value}`);
    choose();
  });

  // A free expression, for arithmetic across functions.
  const free = h('input', { type: 'text', id: uid('expr'), autocomplete: 'off', spellcheck: 'false', maxlength: MAX_FIELD_CHARACTERS, placeholder: 'e.g. kv_cache_bytes(32, 8, 128, 4096) / 1e9' });
  const freeOut = h('output', { class: 'result', 'aria-live': 'polite', for: free.id });
  free.addEventListener('input', () => {
    const r = free.value.trim() ? engine.calc(free.value) : { text: '' };
    freeOut.classList.toggle('error', Boolean(r.error));
    freeOut.textContent = r.error || r.text;
  });

  const page = h('div', { class: 'calc' },
    h('h1', { tabindex: '-1' }, 'Calculator'),
    h('p', { class: 'lead' }, 'Every formula the exercises use, computed by the same engine that grades them. Pick a function, change its parameters, and the result follows as you type.'),
    h('section', { class: 'card' },
      h('div', { class: 'field' }, h('label', { for: select.id }, 'Function'), select),
      about, params,
      h('div', { class: 'outcome' }, h('p', { class: 'hint' }, 'Evaluates ', expression), result)),
    h('section', { class: 'card' },
      h('h2', null, 'Any expression'),
      h('div', { class: 'field wide' }, h('label', { for: free.id }, 'Expression'), free), freeOut,
      h('p', { class: 'hint' }, 'Units are shown only for a single function call; after arithmetic the result is a plain number.')));
  choose();
  return page;
}

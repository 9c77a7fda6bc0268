// The Models page (#/models): a known LLM configuration or a pasted Hugging
// Face config.json in; its exact parameters, serving memory at a batch,
// context and precision, the fit on every GPU of data/gpus.json, the decode
// and prefill bounds on one of them, LoRA/QLoRA memory, and memory against
// context length. Every number is the document of the LLM analysis's own wasm
// module (modules/llm.js: the same C++ as `derive analyze --json`); this file
// only lays them out and places the plot's points.
//
// Loaded on demand from app.js with modules/llm.js, so the trainer's first
// load carries neither this code nor the module.
import { h, svg } from './dom.js';
import { bytesText, grouped, table } from './tables.js';
import { practiceSection, usingEntry } from './real-links.js';

// The weight formats of the report's "serving" rows, by their "format".
const PRECISIONS = [
  ['FP32', 'FP32'], ['FP16/BF16', 'FP16 / BF16'], ['INT8', 'INT8'], ['INT4-g128', 'INT4, group-wise (128)'],
];
const PASTE = '';
const PLOT_POINTS = 16;

const rate = (n) => (typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '');
// A byte count in a table cell: the exact count on one line, then GB and GiB
// under it (together the text of bytesText, after `lead`).
function bytesCell(n, lead = '') {
  const text = bytesText(n);
  const cut = text.indexOf(' = ');
  return cut < 0 ? lead + text : [h('span', null, lead + text.slice(0, cut)), h('span', { class: 'alt' }, text.slice(cut))];
}
// "fits, margin …" or "does not fit, short by …", over three lines.
const fitCell = (row) => [h('span', { class: row.fits ? 'verdict' : 'verdict short' }, `${row.fits ? 'fits' : 'does not fit'},`),
  ...bytesCell(Math.abs(row.margin_bytes), ` ${row.margin_bytes >= 0 ? 'margin' : 'short by'} `)];

function numberField(id, label, value, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, type: 'text', inputmode: 'numeric', value, 'aria-describedby': `${id}-hint` }),
    h('span', { class: 'hint', id: `${id}-hint` }, hint));
}

function parametersSection(doc, known) {
  const p = doc.parameters;
  const l = p.per_layer;
  const hp = doc.hyperparameters;
  const moe = hp.experts > 0;
  const rows = [
    ['token embedding', grouped(p.token_embedding)],
    p.position_embedding ? ['position embedding', grouped(p.position_embedding)] : null,
    ['attention Q, per layer', grouped(l.q)], ['attention K, per layer', grouped(l.k)],
    ['attention V, per layer', grouped(l.v)], ['attention O, per layer', grouped(l.o)],
    [moe ? `MLP, per expert (${hp.experts} experts)` : 'MLP, per layer', grouped(l.mlp_per_expert)],
    moe ? ['router, per layer', grouped(l.router)] : null,
    ['norms, per layer', grouped(l.norms)],
    ['one layer', grouped(l.total)],
    [`${hp.num_hidden_layers} layers`, grouped(p.layers)],
    ['final norm', grouped(p.final_norm)],
    ['LM head', hp.tie_word_embeddings ? '0 (tied to the embedding)' : grouped(p.lm_head)],
    ['total', grouped(p.total)],
    moe ? [`active per token (${hp.experts_per_token} of ${hp.experts} experts)`, grouped(p.active_per_token)] : null,
  ].filter(Boolean);
  const published = known?.published_params
    ? h('p', { class: 'source' }, `Published: ${grouped(known.published_params)} (${known.params_source}).`) : null;
  return h('section', { class: 'card', 'aria-label': 'Parameters' },
    h('h2', null, `${doc.model}: ${grouped(p.total)} parameters`),
    h('p', null, `${doc.family} (${doc.architecture || 'no architectures key'}) · d = ${grouped(hp.hidden_size)}, ${hp.num_hidden_layers} layers, ${hp.num_attention_heads} heads, ${hp.num_key_value_heads} KV heads of ${hp.head_dim}, MLP ${grouped(hp.intermediate_size)}, vocabulary ${grouped(hp.vocab_size)}`),
    published,
    table('Parameters, exact', ['part', 'parameters'], rows));
}

function memorySection(doc, chosen) {
  const kv = doc.kv_cache;
  const rows = doc.serving.filter((s) => chosen.includes(s.format)).map((s) => [s.format, String(s.bits_per_weight),
    bytesCell(s.weight_bytes), bytesCell(s.kv_cache_bytes), bytesCell(s.total_bytes)]);
  return h('section', { class: 'card', 'aria-label': 'Serving memory' },
    h('h2', null, 'Serving memory'),
    h('p', null, `KV cache: ${grouped(kv.bytes_per_token)} B per token (${kv.formula}) × ${grouped(kv.cached_tokens)} cached tokens × batch ${kv.batch} = ${bytesText(kv.bytes)}`),
    table(`Weights and KV cache at ${grouped(doc.flops_per_token.context)} tokens, batch ${kv.batch}`,
      ['format', 'bits per weight', 'weights', 'KV cache', 'total'], rows),
    h('p', { class: 'source' }, doc.serving.filter((s) => chosen.includes(s.format)).map((s) => `${s.format}: ${s.note}.`).join(' ')),
    Array.isArray(doc.notes) ? h('ul', { class: 'meta' }, doc.notes.map((n) => h('li', null, n))) : null);
}

// `perGpu`: [gpu entry, report on that GPU].
function gpuSection(perGpu, chosen) {
  const rows = perGpu.map(([gpu, doc]) => [gpu.name, bytesCell(doc.gpu.memory_bytes),
    ...chosen.map((f) => fitCell(doc.gpu.formats.find((r) => r.format === f)))]);
  return h('section', { class: 'card', 'aria-label': 'GPU fit' },
    h('h2', null, 'Which GPUs it fits'),
    h('p', null, 'Weights plus the KV cache against the memory the vendor states (GB of GPU memory are 2³⁰ bytes); activations, the CUDA context and framework buffers are not counted.'),
    table('Fit on every GPU (margin = memory − weights − KV cache)', ['GPU', 'memory', ...chosen], rows));
}

function decodeSection(doc, chosen) {
  const g = doc.gpu;
  const rows = g.formats.filter((r) => chosen.includes(r.format)).map((r) => [r.format, bytesCell(r.bytes_read_per_step),
    `${rate(r.decode_tokens_per_s_bound)} tokens/s`, fitCell(r)]);
  return h('section', { class: 'card', 'aria-label': 'Decode bound' },
    h('h2', null, `Decode and prefill on ${g.name}`),
    h('p', null, `Decode: ${g.decode_formula}; bandwidth ${grouped(g.bandwidth_bytes_per_s)} B/s.`),
    table(`Decode bound on ${g.name}`, ['format', 'bytes read per step', 'decode bound', 'fit'], rows),
    h('p', null, `Prefill: ${g.prefill_formula} = ${rate(g.prefill_tokens_per_s_bound)} tokens/s (${grouped(doc.flops_per_token.total)} FLOPs per token).`),
    h('p', { class: 'source' }, `Source: ${g.source}`));
}

function loraSection(doc) {
  if (!doc.lora) return null;
  const q = doc.qlora;
  return h('section', { class: 'card', 'aria-label': 'LoRA and QLoRA' },
    h('h2', null, `LoRA rank ${doc.lora.rank} on ${doc.lora.targets}: ${grouped(doc.lora.trainable_params)} trainable parameters`),
    h('p', null, doc.lora.formula),
    table('QLoRA memory (Dettmers et al. 2023)', ['part', 'bytes'], [
      [`NF4 weights (${grouped(q.quantized_params)} parameters at ${q.bits_per_quantized_weight} bits)`, bytesCell(q.nf4_weight_bytes)],
      [`other parameters in BF16 (${grouped(q.bf16_other_params)})`, bytesCell(q.bf16_other_bytes)],
      ['adapters (BF16)', bytesCell(q.adapter_bytes)], ['their gradients (BF16)', bytesCell(q.gradient_bytes)],
      ['Adam moments (2 × FP32)', bytesCell(q.adam_state_bytes)], ['total', bytesCell(q.total_bytes)]]),
    h('p', { class: 'source' }, `Not counted: ${q.not_counted}.`));
}

// Total serving memory against context for each chosen format: `points` are
// [context, report] pairs; `limit` the chosen GPU's memory in bytes, or null.
function contextPlot(points, chosen, limit, gpuName) {
  // As modules/plots.js: a narrower drawing on a phone keeps its text legible.
  const W = matchMedia('(max-width: 520px)').matches ? 340 : 640;
  const H = 290, L = 52, R = 16, T = 16, B = 70;
  const GiB = 1024 ** 3;
  const total = (doc, f) => doc.serving.find((s) => s.format === f).total_bytes;
  const xMax = points[points.length - 1][0];
  const yMax = Math.max(...points.flatMap(([, doc]) => chosen.map((f) => total(doc, f))), limit ?? 0, 1);
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].find((s) => yMax / GiB / s <= 6) ?? 10000;
  const X = (x) => L + (x / xMax) * (W - L - R);
  const Y = (y) => H - B - (y / yMax) * (H - T - B);
  const kids = [svg('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis' }), svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }),
    svg('text', { x: (L + W - R) / 2, y: H - B + 36, 'text-anchor': 'middle', class: 'label' }, 'context length (tokens)'),
    svg('text', { x: 13, y: (T + H - B) / 2, 'text-anchor': 'middle', class: 'label', transform: `rotate(-90 13 ${(T + H - B) / 2})` }, 'memory (GiB)')];
  for (let g = 0; g * step * GiB <= yMax; g++) {
    kids.push(svg('line', { x1: L - 4, y1: Y(g * step * GiB), x2: L, y2: Y(g * step * GiB), class: 'axis' }),
      svg('text', { x: L - 7, y: Y(g * step * GiB) + 4, 'text-anchor': 'end' }, String(g * step)));
  }
  for (const i of W < 400 ? [0, PLOT_POINTS / 2, PLOT_POINTS] : [0, PLOT_POINTS / 4, PLOT_POINTS / 2, (3 * PLOT_POINTS) / 4, PLOT_POINTS]) {
    const x = i === 0 ? 0 : points[i - 1][0];
    kids.push(svg('line', { x1: X(x), y1: H - B, x2: X(x), y2: H - B + 4, class: 'axis' }),
      svg('text', { x: X(x), y: H - B + 18, 'text-anchor': i === PLOT_POINTS ? 'end' : 'middle' }, grouped(x)));
  }
  if (limit != null) {
    kids.push(svg('line', { x1: L, y1: Y(limit), x2: W - R, y2: Y(limit), class: 'guide' }),
      svg('text', { x: L + 6, y: Y(limit) + 16, class: 'note' }, `${gpuName}: ${bytesText(limit).split(' = ').pop()}`));
  }
  // The legend, in a row under the axis, where no curve can run into it.
  const slot = (W - L - R) / Math.max(chosen.length, 1);
  chosen.forEach((f, j) => {
    const c = PRECISIONS.findIndex(([format]) => format === f);
    const x = L + j * slot;
    kids.push(svg('polyline', { points: points.map(([px, doc]) => `${X(px)},${Y(total(doc, f))}`).join(' '), class: `curve c${c}` }),
      svg('line', { x1: x, y1: H - 10, x2: x + 16, y2: H - 10, class: `curve c${c}` }),
      svg('text', { x: x + 21, y: H - 6, class: 'note' }, f));
  });
  const label = `Serving memory (weights plus KV cache) against context length for ${chosen.join(', ')}${limit != null ? `, with the memory of ${gpuName}` : ''}`;
  const caption = `Weights are fixed; the KV cache grows by ${grouped(points[0][1].kv_cache.bytes_per_token)} B per token per sequence${points[0][1].hyperparameters.sliding_window ? ' until the sliding window caps it' : ''}. The table below gives the plotted values.`;
  return h('section', { class: 'card', 'aria-label': 'Memory against context length' },
    h('h2', null, 'Memory against context length'),
    h('figure', { class: 'picture wide' },
      svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'plot', role: 'img', 'aria-label': label }, svg('title', null, label), ...kids),
      h('figcaption', null, caption)),
    table('Plotted values: total serving memory', ['context', ...chosen],
      points.map(([x, doc]) => [grouped(x), ...chosen.map((f) => bytesCell(total(doc, f)))])));
}

// The exercises on the numbers the page shows: the chosen known model's
// (real variants referring to @llm:<id>) and every GPU's of the fit table
// (@gpu:<id>). `reals`: engine.realVariants().
function practiceSections(reals, model, gpuList) {
  const own = model ? [practiceSection(usingEntry(reals, 'llm', model.id), model.name)] : [];
  return [...own, ...gpuList.map((g) => practiceSection(usingEntry(reals, 'gpu', g.id), g.name))].filter(Boolean);
}

// The page's content. `llm` is loadLlm's {analyze}; `models` and `gpus` the
// two data tables, for the pickers and the fit table; `reals` the catalogue's
// real variants (engine.realVariants()), for the links to exercises.
export function modelsPage(llm, models, gpus, reals = []) {
  const known = Array.isArray(models) ? models : [];
  const gpuList = Array.isArray(gpus) ? gpus : [];
  const picker = h('select', { id: 'model-picker' },
    known.map((m) => h('option', { value: m.id, selected: m.id === 'llama-3-8b' }, m.name)),
    h('option', { value: PASTE }, 'a pasted config.json'));
  const configText = h('textarea', { id: 'config-text', rows: 10, spellcheck: 'false', 'aria-describedby': 'config-hint' });
  const pasted = h('div', { class: 'field wide', hidden: true },
    h('label', { for: 'config-text' }, 'config.json'), configText,
    h('span', { class: 'hint', id: 'config-hint' }, 'Paste a Hugging Face config.json (Llama, Mistral, Mixtral, Qwen2, Gemma, Phi-3 or GPT-2). It stays in this browser.'),
    h('p', null, h('button', { type: 'button', id: 'analyse-config', class: 'primary' }, 'Analyse this config')));
  const gpuPicker = h('select', { id: 'gpu-picker' },
    gpuList.map((g) => h('option', { value: g.id, selected: g.id === 'h100-sxm' }, g.name)));
  const precisions = h('fieldset', { class: 'precisions' }, h('legend', null, 'Precisions'),
    PRECISIONS.map(([format, label], i) => h('label', null,
      h('input', { type: 'checkbox', name: 'precision', value: format, checked: i === 1 || i === 3 }), ` ${label}`)));
  const settings = h('div', { class: 'params' },
    numberField('context', 'Context (tokens)', 4096, 'tokens each sequence holds'),
    numberField('batch', 'Batch', 1, 'sequences decoded together'),
    h('div', { class: 'field' }, h('label', { for: 'gpu-picker' }, 'GPU for the decode bound'), gpuPicker),
    numberField('lora-rank', 'LoRA rank', 0, '0 for no LoRA; with a rank, LoRA and QLoRA memory'),
    h('div', { class: 'field' }, h('label', { for: 'lora-targets' }, 'LoRA targets'),
      h('input', { id: 'lora-targets', type: 'text', value: 'q,k,v,o', spellcheck: 'false', 'aria-describedby': 'lora-targets-hint' }),
      h('span', { class: 'hint', id: 'lora-targets-hint' }, 'from q, k, v, o, gate, up, down or all')));
  const status = h('p', { class: 'status', role: 'status' });
  const results = h('div', { class: 'models' });
  const chosen = () => [...precisions.querySelectorAll('input:checked')].map((i) => i.value);
  const value = (id) => Number(settings.querySelector(`#${id}`).value);

  let latest = 0; // the run whose result may be shown: newer settings win
  const run = async () => {
    const mine = ++latest;
    const source = picker.value === PASTE ? { config: configText.value, label: 'config.json' } : { model: picker.value };
    const common = { ...source, batch: value('batch'), loraRank: value('lora-rank'), loraTargets: settings.querySelector('#lora-targets').value };
    const context = value('context');
    const doc = await llm.analyze({ ...common, context, gpu: gpuPicker.value });
    if (mine !== latest) return;
    if (doc.error) {
      status.textContent = `Could not analyse ${source.model ? picker.selectedOptions[0].textContent : 'the pasted config.json'}: ${doc.error}`;
      status.classList.add('error');
      results.replaceChildren();
      return;
    }
    // The fit on every GPU, and the plot's points: each a document of its own.
    const perGpu = [];
    for (const gpu of gpuList) perGpu.push([gpu, await llm.analyze({ ...common, context, gpu: gpu.id })]);
    const reach = Math.max(doc.hyperparameters.max_position_embeddings, context, 2);
    const xMax = 2 ** Math.ceil(Math.log2(reach));
    const points = [];
    for (let i = 1; i <= PLOT_POINTS; i++) {
      const x = (xMax * i) / PLOT_POINTS;
      points.push([x, await llm.analyze({ ...common, context: x })]);
    }
    if (mine !== latest) return;
    const failed = [...perGpu.map(([, d]) => d), ...points.map(([, d]) => d)].find((d) => d.error);
    if (failed) {
      status.textContent = `Could not analyse: ${failed.error}`;
      status.classList.add('error');
      results.replaceChildren();
      return;
    }
    status.classList.remove('error');
    status.textContent = `${doc.model} at ${grouped(context)} tokens, batch ${doc.kv_cache.batch}: computed in this browser.`;
    const formats = chosen();
    results.replaceChildren(...[parametersSection(doc, known.find((m) => m.id === source.model)),
      formats.length ? memorySection(doc, formats) : h('p', { class: 'notice' }, 'Choose at least one precision to see the memory.'),
      formats.length ? gpuSection(perGpu, formats) : null,
      formats.length && doc.gpu ? decodeSection(doc, formats) : null,
      loraSection(doc),
      formats.length ? contextPlot(points, formats, doc.gpu?.memory_bytes ?? null, doc.gpu?.name) : null,
      ...practiceSections(reals, known.find((m) => m.id === source.model), gpuList)].filter(Boolean));
  };

  picker.addEventListener('change', () => {
    const entry = known.find((m) => m.id === picker.value);
    pasted.hidden = picker.value !== PASTE;
    if (entry) configText.value = JSON.stringify(entry.config, null, 2);
    if (!pasted.hidden) configText.focus();
    else run();
  });
  pasted.querySelector('button').addEventListener('click', run);
  for (const el of [gpuPicker, precisions, ...settings.querySelectorAll('input')]) el.addEventListener('change', run);
  const initial = known.find((m) => m.id === picker.value);
  if (initial) configText.value = JSON.stringify(initial.config, null, 2);
  run();

  return [h('h1', { tabindex: '-1' }, 'LLM memory and speed'),
    h('p', { class: 'lead' }, 'Exact parameters from a config.json, the memory to serve it at your batch, context and precision, which real GPUs hold it, and how fast decoding can at best go.'),
    h('section', { class: 'card models-input', 'aria-label': 'Model and settings' },
      h('div', { class: 'field' }, h('label', { for: 'model-picker' }, 'Model'), picker),
      pasted, settings, precisions),
    status, results];
}

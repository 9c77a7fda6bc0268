// The main relation of each exercise as native MathML (no library).
// Until the engine ships a MathML field, formulas are written here in a tiny
// notation: a_b subscript, a^b superscript, a_b^c both, a/b fraction,
// {...} groups, "text" upright words, ∑ a big operator, a//b an inline
// slash (no stacked fraction); other symbols are operators. Latin letter runs are one identifier (exp, max, round).
import { math } from './dom.js';

const F = {
  'measure.model-size': '"bytes" = {P · b}/8',
  'measure.macs-to-flops': '"FLOPs" = 2 · "MACs"',
  'measure.arithmetic-intensity': 'I = {"FLOPs"}/{"bytes moved"}',
  'measure.activation-memory': 'M = B · C · H · W · b',
  'measure.ridge-point': 'I^* = {"peak FLOP/s"}/{"bandwidth B/s"}',
  'count.linear-params': 'P = n_{in} · n_{out} + n_{out}',
  'count.conv-params': 'P = K^2 · C_{in} · C_{out} + C_{out}',
  'count.conv-macs': '"MACs" = K^2 · C_{in} · C_{out} · H_{out} · W_{out}',
  'count.separable-ratio': '{K^2 C_{in} C_{out} H W}/{K^2 C_{in} H W + C_{in} C_{out} H W} = 1/{{1}/{C_{out}} + {1}/{K^2}}',
  'count.ffn-macs': '"MACs per token" = d · e d',
  'prune.sparsity': 's = {"zeroed"}/{"total"}',
  'prune.obd-saliency': 's_i = {h_{ii} w_i^2}/2',
  'prune.nm-sparsity': 's = {M − N}/M',
  'prune.csr-size': '"bytes" = n (1 − s) (b_{value} + b_{index})',
  'prune.global-nonzeros': '"non-zeros" = L · n (1 − s)',
  'quant.asym-scale': 'S = {x_{max} − x_{min}}/{2^b − 1}',
  'quant.zero-point': 'Z = round({−x_{min}}/S)',
  'quant.quantize': 'q = clamp(round(x/S) + Z, 0, 2^b − 1)',
  'quant.dequant-error': 'x̂ = S (q − Z) ,  e = |x̂ − x|',
  'quant.codebook-ratio': 'r = {b_{float}}/{⌈log_2 K⌉}',
  'quant.per-channel-overhead': 'Δ = (C − 1) · b_{scale}',
  'quant.ste-gradient': '{∂L}/{∂w} ≈ {∂L}/{∂q} · 1',
  'quant.smoothquant-factor': 's_j = {{(max|X_j|)}^α}/{{(max|W_j|)}^{1 − α}}',
  'quant.llm-size': '"bytes" = {P · b}/8',
  'quant.levels': '"levels" = 2^b',
  'nas.search-space': 'log_{10}(K^E) = E · log_{10} K',
  'nas.darts-softmax': 'p_i = {exp(α_i)}/{∑_j exp(α_j)}',
  'nas.expected-latency': '𝔼["lat"] = ∑_k p_k · "lat"_k',
  'nas.mnasnet-reward': 'R = "ACC" · {({"LAT"}/T)}^w',
  'nas.darts-speedup': 'r = {n · h}/{24 · d}',
  'kd.soft-prob': 'p_i = {exp(z_i//T)}/{∑_j exp(z_j//T)}',
  'kd.gradient-scale': '"shrink factor" = T^2',
  'kd.loss': 'L = (1 − λ) L_{CE} + λ T^2 "KL"',
  'kd.compression-ratio': 'r = {P_{teacher}}/{P_{student}}',
  'kd.infinite-temperature': 'p_i = {exp(z_i//T)}/{∑_{j=1}^C exp(z_j//T)}',
  'mcu.peak-sram': 'M = (C_{in} + C_{out}) · H · W · b',
  'mcu.patch-reduction': '"reduction" = P^2',
  'mcu.im2col-size': 'n = K^2 · C_{in} · H_{out} · W_{out}',
  'mcu.flash-weights': '"KB" = {P · b}/1024',
  'mcu.row-tiling': 'M = K · W · C · b',
  'llm.attention-flops': '"FLOPs" ≈ 4 N^2 d',
  'llm.kv-cache': 'M = 2 · L · H_{kv} · d_{head} · N · B · b',
  'llm.gqa-reduction': 'r = {H_q}/{H_{kv}}',
  'llm.lora-params': 'P = r (d_{in} + d_{out})',
  'llm.qlora-memory': 'M = {P · b}/8 + P_A · b_A',
  'combo.flash-fit': '"KB" = {P · b}/1024 + F',
  'combo.patch-sram': 'M_{patch} = M/P^2',
  'combo.latency': 't = {"MACs"}/{"MACs per second"}',
  'combo.llm-serving': 'M = {P · b}/8 + 2 · L · H_{kv} · d_{head} · N · B · b_{kv}',
  'combo.stacking': '"MACs"′ = {"MACs"}/{f_{sep} f_{prune}} ,  "size"′ = {"size"}/{f_{quant}}',
};

const TOKEN = /\/\/|"[^"]*"|[A-Za-z]\u0302|[A-Za-z]+|\d+(?:\.\d+)?|\S/gu;

// Parses the notation above into a <math> element.
export function toMathML(source) {
  const t = source.match(TOKEN);
  let i = 0;
  const row = (kids) => (kids.length === 1 ? kids[0] : math('mrow', null, kids));
  const atom = () => {
    const s = t[i++];
    if (s === '{') {
      const kids = [];
      while (i < t.length && t[i] !== '}') kids.push(item());
      i++;
      return row(kids);
    }
    if (s === '//') return math('mo', { lspace: '0', rspace: '0' }, '/');
    if (s[0] === '"') return math('mtext', null, s.slice(1, -1));
    if (/^\d/.test(s)) return math('mn', null, s);
    if (/^\p{L}/u.test(s) || s === '∂') return math('mi', null, s);
    return math('mo', null, s);
  };
  const item = () => {
    let a = atom();
    for (;;) {
      const s = t[i];
      if (s === '_' || s === '^') {
        i++;
        const b = atom();
        if (s === '_' && t[i] === '^') { i++; a = math('msubsup', null, a, b, atom()); }
        else a = math(s === '_' ? 'msub' : 'msup', null, a, b);
      } else if (s === '/') { i++; a = math('mfrac', null, a, item()); }
      else return a;
    }
  };
  const kids = [];
  while (i < t.length) kids.push(item());
  return math('math', { display: 'block' }, row(kids));
}

export const formulaFor = (id) => (F[id] ? toMathML(F[id]) : null);

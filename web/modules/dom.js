// Small DOM helpers: every element is built with DOM APIs (no HTML strings),
// so the page runs under a strict Content-Security-Policy.

const SVG = 'http://www.w3.org/2000/svg';

function build(el, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat(9)) if (kid != null && kid !== false) el.append(kid);
  return el;
}

// h('p', {class: 'x', onclick: f}, 'text', child, [more children])
export const h = (tag, attrs, ...kids) => build(document.createElement(tag), attrs, kids);
export const svg = (tag, attrs, ...kids) => build(document.createElementNS(SVG, tag), attrs, kids);

let ids = 0;
export const uid = (prefix) => `${prefix}-${++ids}`;

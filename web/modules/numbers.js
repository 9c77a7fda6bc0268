// Numbers as people type them into a field that holds one value (or a list):
// the expression language separates arguments with commas, so digit grouping
// is taken out before a field's text becomes part of a call.
//
// The rule is the answer reader's (docs/grading.md): a comma, a space, a thin
// or a narrow no-break space between a digit and exactly three more digits
// groups digits ("4,096", "1 048 576", "1,234.5"); any other comma separates
// ("1,2,3" and "4096, 8192" are lists).
const GROUP = /(\d)[,\u0020\u2009\u202f](?=\d{3}(?!\d))/g;

export function ungroupDigits(text) {
  let previous;
  let out = text;
  // "1,048,576": each pass joins every other group; repeat until stable.
  do {
    previous = out;
    out = out.replace(GROUP, '$1');
  } while (out !== previous);
  return out;
}

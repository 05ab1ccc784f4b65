// What a hostile pack's request must get, whatever the door: the first violation, or null.
import { matchExpected } from '../node/harness.js';

export function checkPackAnswer(req, status, json) {
  if (status === 1) return `an internal error: ${json.slice(0, 400)}`;
  let answer;
  try {
    answer = JSON.parse(json);
  } catch (e) {
    return `not JSON (${e.message}): ${json.slice(0, 300)}`;
  }
  const twice = duplicateKey(json);
  if (twice) return `an object with ${twice} twice: ${json.slice(0, 400)}`;
  if (status !== req.status) return `status ${status}, expected ${req.status}: ${json.slice(0, 400)}`;
  if (req.code !== undefined && answer.error?.code !== req.code) return `code ${answer.error?.code}, expected ${req.code}: ${json.slice(0, 400)}`;
  if (req.path !== undefined && answer.error?.path !== req.path) return `path ${JSON.stringify(answer.error?.path)}, expected ${JSON.stringify(req.path)}: ${json.slice(0, 400)}`;
  if (req.expect !== undefined) {
    const mismatch = matchExpected(req.expect, answer);
    if (mismatch) return `${mismatch}: ${json.slice(0, 400)}`;
  }
  return null;
}

// The first member name an object of this (valid) JSON text holds twice, or null: JSON.parse
// keeps the last and would hide it.
export function duplicateKey(json) {
  const stack = [];  // per open bracket: a Set of names for an object, null for a list
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{') stack.push(new Set());
    else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const names = stack[stack.length - 1];
      // A name is a string followed by a colon; a value's string is not.
      let k = j + 1;
      while (json[k] === ' ' || json[k] === '\n' || json[k] === '\r' || json[k] === '\t') k++;
      if (names && json[k] === ':') {
        const name = JSON.parse(json.slice(i, j + 1));
        if (names.has(name)) return JSON.stringify(name);
        names.add(name);
      }
      i = j;
    }
  }
  return null;
}

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
  if (status !== req.status) return `status ${status}, expected ${req.status}: ${json.slice(0, 400)}`;
  if (req.code !== undefined && answer.error?.code !== req.code) return `code ${answer.error?.code}, expected ${req.code}: ${json.slice(0, 400)}`;
  if (req.path !== undefined && answer.error?.path !== req.path) return `path ${JSON.stringify(answer.error?.path)}, expected ${JSON.stringify(req.path)}: ${json.slice(0, 400)}`;
  if (req.expect !== undefined) {
    const mismatch = matchExpected(req.expect, answer);
    if (mismatch) return `${mismatch}: ${json.slice(0, 400)}`;
  }
  return null;
}

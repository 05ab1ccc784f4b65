// localStorage that never throws (storage can be disabled, full, or blocked in a sandbox).

/** @returns {{ok: true, value: any} | {ok: false}} */
export function readJson(key) {
  try {
    const text = globalThis.localStorage?.getItem(key);
    return { ok: true, value: text ? JSON.parse(text) : null };
  } catch {
    return { ok: false };
  }
}

/** @returns {boolean} whether the value was stored */
export function writeJson(key, value) {
  try {
    if (!globalThis.localStorage) return false;
    if (value === null) globalThis.localStorage.removeItem(key);
    else globalThis.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

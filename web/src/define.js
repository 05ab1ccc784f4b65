/**
 * Registers a custom element unless a tag of that name is already defined, so that a second
 * copy of the bundle on the same page (or a host that registered its own element first) does
 * not throw. Returns the class that ends up registered under the tag.
 * @param {string} tag
 * @param {CustomElementConstructor} ctor
 * @returns {CustomElementConstructor}
 */
export function define(tag, ctor) {
  const registry = globalThis.customElements;
  if (!registry) return ctor;
  const existing = registry.get(tag);
  if (existing) return existing;
  try {
    registry.define(tag, ctor);
  } catch (e) {
    // Lost a race against another copy defining the same tag: that copy wins.
    const now = registry.get(tag);
    if (now) return now;
    throw e;
  }
  return ctor;
}

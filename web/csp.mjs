// The Content-Security-Policy the widgets are built and tested to run under: the one source of
// its text. web/serve.mjs sends it with every response, web/build.mjs writes it into the demo
// page's embed section, and the browser tests hold README.md and docs/web.md to it.
export const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' data:";

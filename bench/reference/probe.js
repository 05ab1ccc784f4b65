// Bench pages: records when the first computed value is in the page (performance.now()), for
// bench/cold-start.mjs. A classic script in <head>: it runs before any module of the page.
window.__first = null;
document.addEventListener('certcalc-result', (e) => {
  if (window.__first === null && e.detail && e.detail.answer && !e.detail.answer.error) window.__first = performance.now();
});

// Bench pages: records when the first computed value is in the page (performance.now()), for
// bench/cold-start.mjs. A classic script in <head>: it runs before any module of the page.
// It says so on the console as well, so that the bench waits without Playwright's polling inside
// the page (its injected script cost the widget's page about 90 ms of main thread, 2026-12-06).
window.__first = null;
document.addEventListener('certcalc-result', (e) => {
  if (window.__first === null && e.detail && e.detail.answer && !e.detail.answer.error) {
    window.__first = performance.now();
    console.log('certcalc-bench: first value');
  }
});

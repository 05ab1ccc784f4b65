// The portal's own script: it takes the widget's answers from its events (no inline script: the
// page runs under a strict Content-Security-Policy).
const total = document.getElementById('total');
const quote = document.querySelector('certcalc-duration-quote');
quote.values = { auditType: 'initial', onSiteDays: 3 };
quote.addEventListener('certcalc-result', (e) => {
  const answer = e.detail.answer;
  total.textContent = answer && !answer.error ? `${answer.totalDays} auditor days` : '…';
});

import { startSite, startBrowser, widgetsReady } from './helpers.js';
const site = await startSite();
let fails = 0;
for (let i = 0; i < 12; i++) {
  const b = await startBrowser();
  const page = await b.page();
  await page.goto(`${site.url}test/no-full-module.html`);
  await widgetsReady(page);
  const checker = page.locator('certcalc-submission-checker');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await checker.locator('[role=alert]').textContent();
  try {
    await checker.locator('[part=editor]').waitFor({ timeout: 4000 });
    console.log(i, 'ok');
  } catch {
    fails++;
    const st = await page.evaluate(() => {
      const c = document.querySelector('certcalc-submission-checker');
      return { status: c._status, loadError: String(c._loadError?.message || c._loadError), failed: c._failed, full: String(c._fullError?.message), selected: c._selected,
        n: c._doc.findings.length, html: c.renderRoot.innerHTML.replace(/<!--[^>]*-->/g, '').slice(0, 1500) };
    });
    console.log(i, 'FAIL', JSON.stringify(st, null, 1));
  }
  await b.close();
}
console.log('fails', fails);
await site.stop();

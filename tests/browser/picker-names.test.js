// The scheme picker names a pack as people read it ("FSSC 22000 5.1"), in the page's language,
// without its technical id; the id is added only where two packs would read the same (a portal's
// own copy of a scheme and version beside another), so the user can still tell them apart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession, loadTestPack, testPack } from './helpers.js';

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession({ demo: true }));
});

after(() => closeSession({ site, browser }));

const options = (tag) => page.locator(tag).locator('[part=picker] option').allTextContents();

test('built-in packs are named without their ids; two packs that read the same show their ids', async () => {
  for (const tag of ['certcalc-duration-quote', 'certcalc-grade-dates', 'certcalc-submission-checker']) {
    const list = await options(tag);
    assert.ok(list.includes('FSSC 22000 6.0'), `${tag}: ${list.join(' | ')}`);
    assert.ok(list.includes('FSSC 22000 5.1 · superseded'), `${tag}: ${list.join(' | ')}`);
    assert.deepEqual(list.filter((o) => /\(/.test(o) && /\((?:fssc|brcgs|gmpplus)/.test(o)), [], tag);
  }
  await loadTestPack(page);
  const copy = JSON.stringify({ ...JSON.parse(testPack), id: 'webtest-2' });
  const answer = await page.evaluate(async (pack) => (await import('/certcalc-widgets.js')).loadPack(pack, 'webtest-2.json'), copy);
  assert.equal(answer.loaded?.id, 'webtest-2', JSON.stringify(answer));
  const checker = page.locator('certcalc-submission-checker');
  await page.waitForFunction(() => [...document.querySelector('certcalc-submission-checker').shadowRoot.querySelectorAll('[part=picker] option')]
    .some((o) => /webtest-2/.test(o.textContent)));
  const list = await options('certcalc-submission-checker');
  const name = 'certcalc web test scheme (fictional) 1';
  assert.ok(list.includes(`${name} (webtest-1)`) && list.includes(`${name} (webtest-2)`), list.join(' | '));
  assert.ok(list.includes('FSSC 22000 6.0'), list.join(' | '));
  await checker.getByLabel('Scheme').selectOption('webtest-2');
  assert.equal(await checker.evaluate((el) => el.scheme), 'webtest-2');
});

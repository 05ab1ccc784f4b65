// The page as a whole: the static server, the strict Content-Security-Policy, no request leaving
// 127.0.0.1, offline use once loaded, axe-core, a second copy of the bundle, the .wasm URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startSite, startBrowser, loadTestPack, widgetsReady, screenshotPath, cspViolations } from './helpers.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
import { CSP } from '../../web/csp.mjs';

let site;

before(async () => {
  site = await startSite();
});

after(async () => {
  await site?.stop();
});

/** Opens a fresh browser for one test and closes it after. */
async function withBrowser(fn) {
  const b = await startBrowser();
  try {
    return await fn(b, await b.page());
  } finally {
    await b.close();
  }
}

/** Puts every widget of the demo page into a state that shows most of its UI. */
async function exercise(page) {
  await loadTestPack(page);
  await page.evaluate(async () => {
    const q = document.querySelector('certcalc-duration-quote');
    q.scheme = 'webtest-1';
    q.values = { auditType: 'initial', category: 'B', fte: 120, haccpStudies: 2 };
    const g = document.querySelector('certcalc-grade-dates');
    g.scheme = 'webtest-1';
    g.values = { major: 1, minor: 2, lastAuditDay: '2026-03-10' };
    const c = document.querySelector('certcalc-submission-checker');
    c.scheme = 'webtest-1';
    c.today = '2026-03-20';
    c.document = {
      audit: { lastDay: '2026-03-10', type: 'surveillance' },
      findings: [
        { id: 'NC-1', clause: '8.5.1', grade: 'minor', rootCause: 'short', evidence: [{ name: 'a.exe', mediaType: 'application/x-msdownload', bytes: 3 }] },
        { id: 'NC-2', clause: '7.2', grade: 'major', correction: 'done', rootCause: 'a long enough root cause text', correctiveAction: 'x', plannedCompletion: '2026-04-01', responsible: 'QA' },
      ],
    };
    await Promise.all([q.updateComplete, g.updateComplete, c.updateComplete]);
  });
  const checker = page.locator('certcalc-submission-checker');
  await checker.getByRole('button', { name: 'Edit NC-1' }).click();
  await page.locator('certcalc-grade-dates').locator('details[part=what-if] summary').click();
}

test('serve.mjs: MIME types, the CSP header on every response, nothing outside its root', async () => {
  const get = (path, init) => fetch(new URL(path, site.url), init);
  const page = await get('/');
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('content-security-policy'), CSP);
  const wasm = await get('/certcalc-core.wasm');
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('content-security-policy'), CSP);
  assert.equal((await get('/certcalc-widgets.js')).headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal((await get('/demo.css')).headers.get('content-type'), 'text/css; charset=utf-8');
  const missing = await get('/nothing-here');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('content-security-policy'), CSP);
  for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
    const r = await get(p);
    assert.ok(r.status === 403 || r.status === 404, `${p}: ${r.status}`);
  }
  assert.equal((await get('/', { method: 'POST' })).status, 405);
  assert.equal((await get('/', { method: 'HEAD' })).status, 200);
  assert.equal(new URL(site.url).hostname, '127.0.0.1');
});

test('the demo page under the strict CSP: no violation, no console error, no request leaves 127.0.0.1', async () => {
  await withBrowser(async (b, page) => {
    const response = await page.goto(site.url);
    assert.equal(response.headers()['content-security-policy'], CSP);
    await widgetsReady(page);
    await exercise(page);
    await page.locator('certcalc-locale-switcher').locator('select').selectOption('fr');
    await page.locator('certcalc-locale-switcher').locator('select').selectOption('en');
    await page.screenshot({ path: screenshotPath('demo-full'), fullPage: true });
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(b.record.consoleErrors, []);
    assert.deepEqual(b.record.pageErrors, []);
    const foreign = b.record.requests.filter((u) => !u.startsWith(site.origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, []);
    assert.ok(b.record.requests.includes(`${site.origin}/certcalc-core.wasm`));
    // The widgets render no inline style attribute (the CSP would refuse it).
    const styled = await page.evaluate(() => {
      const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
      return roots.flatMap((r) => [...r.querySelectorAll('[style]:not([style=""]), style')]).map((e) => e.outerHTML.slice(0, 80));
    });
    assert.deepEqual(styled, []);
  });
});

test('preloadAll() brings the full module too: the checker validates offline', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(site.url);
    await widgetsReady(page);
    await page.evaluate(async () => (await import('/certcalc-widgets.js')).preloadAll());
    assert.ok(b.record.requests.includes(`${site.origin}/certcalc-core.wasm`));
    await b.context.setOffline(true);
    const before = b.record.requests.length;
    const checker = page.locator('certcalc-submission-checker');
    await checker.getByRole('button', { name: 'Add a finding' }).click();
    await checker.locator('[part=editor] [data-field=rootCause] .msg.error').waitFor();
    assert.deepEqual(b.record.requests.slice(before), [], 'no request while offline');
    assert.deepEqual(b.record.pageErrors, []);
    await b.context.setOffline(false);
  });
});

test('works offline once loaded; no request at all while computing', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(site.url);
    await widgetsReady(page);
    await loadTestPack(page);
    // Each pack and locale is fetched when first needed; preloadAll() fetches them all, for a
    // page that must keep working offline in any locale.
    await page.evaluate(async () => (await import('/certcalc-widgets.js')).preloadAll());
    await b.context.setOffline(true);
    const before = b.record.requests.length;
    await exercise(page);
    const quote = page.locator('certcalc-duration-quote');
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4.5 days');
    await page.locator('certcalc-locale-switcher').locator('select').selectOption('de');
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4,5 Tage');
    await quote.getByLabel('Beschäftigte (VZÄ)').fill('10');
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '3,5 Tage');
    const checker = page.locator('certcalc-submission-checker');
    await checker.getByRole('button', { name: 'Feststellung hinzufügen' }).click();
    assert.equal(await checker.locator('tbody tr').count(), 3);
    await page.screenshot({ path: screenshotPath('offline-de'), fullPage: true });
    assert.deepEqual(b.record.requests.slice(before), [], 'no request while offline');
    assert.deepEqual(b.record.pageErrors, []);
    await b.context.setOffline(false);
  });
});

test('a locale or pack that cannot be fetched: a clear error in the widget, and it recovers', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(`${site.url}test/one-widget.html`);
    await widgetsReady(page);
    const quote = page.locator('certcalc-duration-quote');
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4.75 days');
    // The calculator module only (issue 13: the page's weight), the English assets, the FSSC pack.
    assert.deepEqual(b.record.requests.filter((u) => u.endsWith('.wasm')), [`${site.origin}/certcalc-calc.wasm`]);
    // Only the English assets and the FSSC pack were fetched.
    const assets = b.record.requests.filter((u) => u.includes('/assets/')).map((u) => u.slice(u.indexOf('/assets/')));
    assert.deepEqual(assets.sort(), ['/assets/messages/en.json', '/assets/packs/fssc22000-5.1.json']);
    await b.context.setOffline(true);
    await page.evaluate(() => {
      const q = document.querySelector('certcalc-duration-quote');
      q.locale = 'it';
      return q.updateComplete;
    });
    const alert = quote.locator('[role=alert]');
    // Whichever file of the new locale fails first is named: its messages or its UI strings. The
    // alert is in the locale asked for (its texts are in the bundle), the rest as shown before.
    assert.match(await alert.textContent(), /(da \S+\/assets\/messages\/it\.json|\/it-\w+\.js)/s);
    assert.match(await alert.textContent(), /^\s*Non è stato possibile caricare le regole o i testi per questa scelta\./);
    assert.equal(await alert.getAttribute('lang'), 'it');
    // The module works: the scheme picker stays, and Try again fetches the file once more.
    assert.equal(await quote.locator('[part=picker] select').inputValue(), 'fssc22000-5.1');
    await b.context.setOffline(false);
    await quote.getByRole('button', { name: 'Riprova' }).click();
    await page.evaluate(() => document.querySelector('certcalc-duration-quote').updateComplete);
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4,75 giorni');
    await page.evaluate(() => {
      const q = document.querySelector('certcalc-duration-quote');
      q.locale = 'fr';
      return q.updateComplete;
    });
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4,75 jours');
    // Rule assets missing from the server: the widget says which file, never a blank form. The
    // pack and the catalog are fetched at once, so whichever 404 arrives first is the one named.
    await page.goto(`${site.url}test/missing-pack.html`);
    await widgetsReady(page);
    await page.evaluate(() => document.querySelector('certcalc-duration-quote').updateComplete);
    assert.match(await quote.locator('[role=alert]').textContent(),
      /rule asset (packs\/fssc22000-5\.1|messages\/en)\.json could not be loaded from \S*\/nowhere\/assets\/\S+: HTTP 404/);
    assert.deepEqual(b.record.pageErrors, []);
  });
});

test('a load failure is said in the widget\'s locale, with texts that need nothing fetched', async () => {
  await withBrowser(async (b, page) => {
    // The Dutch and Italian UI strings cannot be fetched either: the alerts cannot come from them.
    await page.route(/\/(nl|it)-\w+\.js$/, (route) => route.abort());
    // The .wasm missing; <html lang="nl">: the quote follows the page, the others have their own.
    await page.goto(`${site.url}test/load-errors.html`);
    await widgetsReady(page);
    const alert = (tag) => page.locator(`${tag} [role=alert]`);
    assert.match(await alert('certcalc-duration-quote').textContent(),
      /^\s*De rekenmodule kon niet worden geladen\.\s+certcalc-core\.wasm kon niet worden geladen vanaf \S+\/nowhere\/certcalc-core\.wasm: HTTP 404\s*$/);
    assert.equal(await alert('certcalc-duration-quote').getAttribute('lang'), 'nl');
    assert.match(await alert('certcalc-grade-dates').textContent(),
      /^\s*Non è stato possibile caricare il calcolatore\.\s+non è stato possibile caricare certcalc-core\.wasm da \S+\/nowhere\/certcalc-core\.wasm: HTTP 404\s*$/);
    assert.equal(await alert('certcalc-grade-dates').getAttribute('lang'), 'it');
    assert.match(await alert('certcalc-submission-checker').textContent(),
      /^\s*The calculator could not be loaded\.\s+certcalc-core\.wasm could not be loaded from \S+\/nowhere\/certcalc-core\.wasm: HTTP 404\s*$/);
    await page.unroute(/\/(nl|it)-\w+\.js$/);
    // The UI strings there once more: the widget's title follows them.
    await page.goto(`${site.url}test/load-errors.html`);
    await page.waitForFunction(() => document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('h2')?.textContent === 'Auditduur');
    assert.match(await alert('certcalc-duration-quote').textContent(), /De rekenmodule kon niet worden geladen\./);

    // The module loads, the Dutch UI strings do not: the alert is Dutch all the same, and Opnieuw
    // proberen fetches them once more.
    await page.route(/\/nl-\w+\.js$/, (route) => route.abort());
    await page.goto(`${site.url}test/blank.html`);
    await page.addScriptTag({ type: 'module', url: '/certcalc-widgets.js' });
    await page.evaluate(() => {
      const q = document.createElement('certcalc-duration-quote');
      q.scheme = 'fssc22000-5.1';
      q.locale = 'nl';
      q.values = { auditType: 'initial', category: 'CI', fte: 120, haccpStudies: 2, certifiedManagementSystem: true };
      document.body.append(q);
    });
    const quote = page.locator('certcalc-duration-quote');
    await quote.locator('[role=alert]').waitFor();
    assert.match(await quote.locator('[role=alert]').textContent(),
      /^\s*De regels of teksten voor deze keuze konden niet worden geladen\.\s+\S.*\/nl-\w+\.js/s);
    await page.unroute(/\/nl-\w+\.js$/);
    await quote.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await page.evaluate(() => document.querySelector('certcalc-duration-quote').updateComplete);
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4,75 dagen');
    assert.equal(await quote.locator('[role=alert]').count(), 0);
    assert.deepEqual(b.record.pageErrors, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});

test('a stage written in the markup reaches the draft and the request before the module is ready', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(`${site.url}test/staged-checker.html`);
    await widgetsReady(page);
    const seen = await page.evaluate(() => {
      const el = document.querySelector('certcalc-submission-checker');
      return { stage: el.document.stage, scheme: el.document.scheme };
    });
    assert.deepEqual(seen, { stage: 'cm', scheme: 'brcgs-food-9' });
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('certcalc:findings:staged')));
    assert.equal(stored.stage, 'cm');
    // The check of a first finding asks validate for the corrective-measures stage.
    const checker = page.locator('certcalc-submission-checker');
    await checker.getByRole('button', { name: 'Add a finding' }).click();
    await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').request?.findings?.length === 1);
    assert.equal(await checker.evaluate((el) => el.request.stage), 'cm');
    assert.deepEqual(b.record.pageErrors, []);
  });
});

test('the demo page’s own texts follow the locale switcher, code samples kept', async () => {
  const { DEMO_TEXTS } = await import('../../web/demo-texts.js');
  await withBrowser(async (b, page) => {
    await page.goto(site.url);
    await widgetsReady(page);
    const read = () => page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      heading: document.querySelector('h1').textContent,
      nav: [...document.querySelectorAll('nav a')].map((a) => a.textContent),
      navLabel: document.querySelector('nav').getAttribute('aria-label'),
      serve: document.querySelector('[data-text=embedServe]').textContent,
      codes: [...document.querySelectorAll('[data-text=embedPolicy] code')].map((c) => c.textContent),
    }));
    const fill = (text, codes) => text.replace(/\{(\d+)\}/g, (m, i) => codes[Number(i)]);
    for (const locale of ['nl', 'it', 'de', 'fr', 'en']) {
      await page.locator('certcalc-locale-switcher').locator('select').selectOption(locale);
      const t = DEMO_TEXTS[locale];
      const got = await read();
      assert.equal(got.lang, locale);
      assert.equal(got.title, t.title);
      assert.equal(got.heading, t.heading);
      assert.deepEqual(got.nav, [t.navDuration, t.navGrade, t.navChecker, t.navEmbed]);
      assert.equal(got.navLabel, t.nav);
      assert.equal(got.serve, fill(t.embedServe, ['web/dist/', '.wasm', 'assets/']));
      assert.deepEqual(got.codes, ["'unsafe-eval'", 'certcalc-change', 'certcalc-result']);
    }
    // Every locale has every text of English.
    for (const locale of Object.keys(DEMO_TEXTS))
      assert.deepEqual(Object.keys(DEMO_TEXTS[locale]).sort(), Object.keys(DEMO_TEXTS.en).sort(), locale);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(b.record.pageErrors, []);
  });
});

test('axe-core finds no accessibility violation on the demo page', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(site.url);
    await widgetsReady(page);
    const run = async (label) => {
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + n.failureSummary) }));
      });
      assert.deepEqual(result, [], `${label}: ${JSON.stringify(result, null, 2)}`);
    };
    await run('built-in packs');
    await exercise(page);
    await run('forms filled, editor and what-if open');
    await page.locator('certcalc-locale-switcher').locator('select').selectOption('it');
    await run('in Italian');
    await page.locator('certcalc-locale-switcher').locator('select').selectOption('en');
    await page.locator('certcalc-submission-checker').getByRole('button', { name: 'Clear all…' }).click();
    await run('confirmation dialog open');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 390, height: 844 });
    await run('phone width');
    await page.screenshot({ path: screenshotPath('demo-phone'), fullPage: true });
    // On a phone, wide tables scroll inside their widget, never the page sideways, and every
    // timeline label starts inside its drawing (German has the longest words).
    for (const locale of ['en', 'de']) {
      await page.locator('certcalc-locale-switcher').locator('select').selectOption(locale);
      await page.waitForFunction((l) => document.querySelector('certcalc-grade-dates').effectiveLocale === l, locale);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const layout = await page.evaluate(() => {
        const labels = [];
        for (const w of document.querySelectorAll('certcalc-grade-dates, certcalc-duration-quote')) {
          for (const svg of w.shadowRoot.querySelectorAll('svg[part=timeline]')) {
            const width = Number(svg.getAttribute('viewBox').split(' ')[2]);
            for (const t of svg.querySelectorAll('text.tl-label, text.tl-date')) {
              const b = t.getBBox();
              if (b.x < -0.5) labels.push(`${t.textContent} starts at ${b.x.toFixed(1)} of ${width}`);
            }
          }
        }
        // What sticks out, to say so when the page is too wide.
        const wide = [];
        const visit = (root, host) => {
          for (const el of root.querySelectorAll('*')) {
            // Inside a scrolling box only what is positioned can stick out of it.
            if (el.closest('.scroll, pre') && !['absolute', 'fixed'].includes(getComputedStyle(el).position)) continue;
            let right = el.getBoundingClientRect().right;
            for (const n of el.childNodes) {
              if (n.nodeType !== Node.TEXT_NODE || !n.textContent.trim()) continue;
              const r = document.createRange();
              r.selectNodeContents(n);
              right = Math.max(right, r.getBoundingClientRect().right);
            }
            if (right > window.innerWidth + 1)
              wide.push(`${host} ${el.localName}[part=${el.getAttribute('part')}] "${el.textContent.trim().slice(0, 30)}"`);
            if (el.shadowRoot) visit(el.shadowRoot, el.localName);
          }
        };
        visit(document, 'page');
        return { pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, labels, wide: wide.slice(0, 8) };
      });
      assert.ok(layout.pageWidth <= layout.viewport, `${locale}: the page is ${layout.pageWidth} px wide on a ${layout.viewport} px phone: ${layout.wide.join(', ')}`);
      assert.deepEqual(layout.labels, [], locale);
    }
    await page.locator('certcalc-locale-switcher').locator('select').selectOption('en');
    assert.deepEqual(await cspViolations(page), []);
  });
});

test('the demo page starts on the calculator module; the checker loads the full one when the user first uses it', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(site.url);
    await widgetsReady(page);
    const wasm = () => b.record.requests.filter((u) => u.endsWith('.wasm'));
    assert.deepEqual(wasm(), [`${site.origin}/certcalc-calc.wasm`]);
    const quote = page.locator('certcalc-duration-quote');
    const days = await quote.locator('[data-key=totalDays] dd').first().textContent();
    const checker = page.locator('certcalc-submission-checker');
    await checker.getByRole('button', { name: 'Add a finding' }).click();
    // The pack's check of a blank finding, answered by the full module once it is in.
    await checker.locator('[part=editor] [data-field=rootCause] .msg.error').waitFor();
    assert.deepEqual(wasm(), [`${site.origin}/certcalc-calc.wasm`, `${site.origin}/certcalc-core.wasm`]);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('certcalc:full-ready').length), 1);
    // The other widgets answer from the full module now, with the same figures.
    await page.evaluate(() => document.querySelector('certcalc-duration-quote').updateComplete);
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), days);
    assert.deepEqual(b.record.pageErrors, []);
    assert.deepEqual(b.record.consoleErrors, []);
  });
});

test('the full module missing: the checker says which file, the calculator widgets go on', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(`${site.url}test/no-full-module.html`);
    await widgetsReady(page);
    const quote = page.locator('certcalc-duration-quote');
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4.75 days');
    const checker = page.locator('certcalc-submission-checker');
    // Pressed as a person presses (the full module starts loading on focus, and fails while the
    // button is held down): the click still lands on the button, nothing moved under it.
    const add = checker.getByRole('button', { name: 'Add a finding' });
    await add.scrollIntoViewIfNeeded();
    const box = await add.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/nowhere/certcalc-core.wasm')));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    await page.mouse.up();
    assert.match(await checker.locator('[role=alert]').textContent(), /could not be loaded.*\/nowhere\/certcalc-core\.wasm.*404/s);
    // The form stays, with the new finding open: nothing the user typed is lost.
    await checker.locator('[part=editor]').waitFor();
    assert.equal(await checker.locator('[part=editor]').isVisible(), true);
    await checker.locator('tbody tr').first().waitFor();
    assert.equal(await checker.locator('tbody tr').count(), 1);
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4.75 days');
    assert.deepEqual(b.record.pageErrors, []);
    assert.ok(b.record.consoleErrors.every((e) => /404/.test(e)), b.record.consoleErrors.join('\n'));
  });
});

test('a page whose first widget is the checker starts on the full module alone; the calculator\'s when the full one is missing', async () => {
  await withBrowser(async (b, page) => {
    const wasm = () => b.record.requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname);
    // Only the checker (its own script): validate needs the full module, so it is the one fetched.
    await page.goto(`${site.url}test/staged-checker.html`);
    await widgetsReady(page);
    const checker = page.locator('certcalc-submission-checker');
    await checker.getByRole('button', { name: 'Add a finding' }).click();
    await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').validation?.findings?.length === 1);
    assert.deepEqual(wasm(), ['/certcalc-core.wasm']);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('certcalc:full-ready').length), 0, 'no switch from the calculator');

    // The full module missing: the checker starts on the calculator's, keeps its form, and says
    // which file failed once a check needs validate.
    b.record.requests.length = 0;
    await page.goto(`${site.url}test/checker-no-full-module.html`);
    await widgetsReady(page);
    assert.deepEqual(wasm(), ['/nowhere/certcalc-core.wasm', '/certcalc-calc.wasm']);
    await checker.getByRole('button', { name: 'Add a finding' }).click();
    await checker.locator('[part=editor]').waitFor();
    await page.waitForFunction(() => /nowhere\/certcalc-core\.wasm/.test(document.querySelector('certcalc-submission-checker').shadowRoot.querySelector('[role=alert]')?.textContent));
    assert.match(await checker.locator('[role=alert]').textContent(), /certcalc-core\.wasm could not be loaded from \S*\/nowhere\/certcalc-core\.wasm: HTTP 404/);
    assert.deepEqual(b.record.pageErrors, []);
  });
});

test('a locale attribute certcalc does not support is said once in the console, and the page locale is used', async () => {
  await withBrowser(async (b, page) => {
    const warnings = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(`${site.url}test/one-widget.html`);
    await widgetsReady(page);
    await page.evaluate(async () => {
      const q = document.querySelector('certcalc-duration-quote');
      q.setAttribute('locale', 'es');
      await q.updateComplete;
      // A second element with the same value, and a supported one written as a region's: no more.
      for (const l of ['es', 'nl-BE']) {
        const el = document.createElement('certcalc-grade-dates');
        el.setAttribute('locale', l);
        document.body.append(el);
        await el.updateComplete;
      }
    });
    const quote = page.locator('certcalc-duration-quote');
    assert.equal(await quote.locator('[data-key=totalDays] dd').first().textContent(), '4.75 days');
    const about = warnings.filter((w) => /locale/.test(w));
    assert.equal(about.length, 1, about.join('\n'));
    assert.match(about[0], /<certcalc-duration-quote locale="es">: "es" is not a locale certcalc supports \(en, nl, it, de, fr\)/);
    assert.deepEqual(b.record.pageErrors, []);
  });
});

test('a second copy of the bundle on the page does not throw; each module is fetched once', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(`${site.url}test/two-copies.html`);
    await widgetsReady(page);
    await loadTestPack(page);
    await page.evaluate(() => {
      document.querySelector('certcalc-duration-quote').values = { auditType: 'initial', category: 'A', fte: 5 };
    });
    assert.equal(await page.locator('certcalc-duration-quote [data-key=totalDays] dd').first().textContent(), '2.5 days');
    assert.deepEqual(b.record.pageErrors, []);
    assert.deepEqual(b.record.consoleErrors, []);
    assert.ok(b.record.requests.includes(`${site.origin}/copy/certcalc-widgets.js`), 'the second copy was loaded');
    // The calculator module for the first values, the full one for the user pack; once each.
    assert.deepEqual(b.record.requests.filter((u) => u.endsWith('.wasm')).sort(),
      [`${site.origin}/certcalc-calc.wasm`, `${site.origin}/certcalc-core.wasm`]);
    // define() hands back the class already registered.
    const same = await page.evaluate(async () => {
      const a = await import('/certcalc-widgets.js');
      const c = await import('/copy/certcalc-widgets.js');
      return a.define('certcalc-duration-quote', c.CertcalcDurationQuote) === a.CertcalcDurationQuote;
    });
    assert.equal(same, true);
  });
});

test('the .wasm URL: meta tag (the embedding snippet), setWasmUrl(), and a missing file', async () => {
  await withBrowser(async (b, page) => {
    await page.goto(`${site.url}test/embed.html`);
    await widgetsReady(page);
    assert.ok(b.record.requests.includes(`${site.origin}/copy/certcalc-core.wasm`));
    assert.ok(!b.record.requests.includes(`${site.origin}/certcalc-core.wasm`));
    const gd = page.locator('certcalc-grade-dates');
    // <html lang="nl">: the widget speaks Dutch, and so does the core's message.
    assert.match(await gd.locator('h2').textContent(), /Graad en data/);
    const text = await gd.locator('[part=base]').textContent();
    assert.match(text, /Non-conformiteiten invoeren als/);
    assert.match(text, /Non-conformiteiten/);
    // A computed message from the core, in Dutch too.
    assert.match(text, /is verplicht|moet/);
    await gd.screenshot({ path: screenshotPath('embed-nl') });

    b.record.requests.length = 0;
    await page.goto(`${site.url}test/set-wasm-url.html`);
    await widgetsReady(page);
    assert.ok(b.record.requests.includes(`${site.origin}/copy/certcalc-core.wasm`), b.record.requests.join('\n'));
    assert.ok(!b.record.requests.includes(`${site.origin}/certcalc-core.wasm`));

    b.record.consoleErrors.length = 0;
    await page.goto(`${site.url}test/bad-wasm.html`);
    await widgetsReady(page);
    const alert = page.locator('certcalc-duration-quote [role=alert]');
    assert.match(await alert.textContent(), /could not be loaded.*\/nowhere\/certcalc-core\.wasm.*404/s);
    assert.deepEqual(b.record.pageErrors, []);
    // The only console error is the browser's own line about the 404.
    assert.ok(b.record.consoleErrors.every((e) => /404/.test(e)), b.record.consoleErrors.join('\n'));
  });
});

test('the URL setters take null: back to the meta tag, else the default (as certcalc-widgets.d.ts types them)', async () => {
  await withBrowser(async (b, page) => {
    const urls = () => page.evaluate(async () => {
      const m = await import('/certcalc-widgets.js');
      const read = () => [m.wasmUrl(), m.calcWasmUrl(), m.assetsUrl()];
      const before = read();
      m.setWasmUrl('/x/certcalc-core.wasm');
      m.setCalcWasmUrl(new URL('/x/certcalc-calc.wasm', location.href));
      m.setAssetsUrl('/x/assets');
      const set = read();
      m.setCalcWasmUrl(null);
      const calcReset = m.calcWasmUrl();
      m.setWasmUrl(null);
      m.setAssetsUrl(null);
      return { before, set, calcReset, after: read() };
    });
    await page.goto(`${site.url}test/blank.html`);
    const o = site.origin;
    let r = await urls();
    assert.deepEqual(r.before, [`${o}/certcalc-core.wasm`, `${o}/certcalc-calc.wasm`, `${o}/assets/`]);
    assert.deepEqual(r.set, [`${o}/x/certcalc-core.wasm`, `${o}/x/certcalc-calc.wasm`, `${o}/x/assets/`]);
    // null is no URL of its own: the full module was moved, so the default is none.
    assert.equal(r.calcReset, null);
    assert.deepEqual(r.after, r.before);
    // With the meta tags, null goes back to them.
    await page.goto(`${site.url}test/no-full-module.html`);
    await widgetsReady(page);
    r = await urls();
    assert.deepEqual(r.before, [`${o}/nowhere/certcalc-core.wasm`, `${o}/certcalc-calc.wasm`, `${o}/assets/`]);
    assert.equal(r.calcReset, `${o}/certcalc-calc.wasm`);
    assert.deepEqual(r.after, r.before);
  });
});

test('the demo opens in the browser\'s language on a first visit; the switcher\'s choice wins after', async () => {
  const b = await startBrowser({ locale: 'nl-NL' });
  try {
    const page = await b.page();
    await page.goto(site.url);
    await widgetsReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl');
    await page.waitForFunction(() => document.querySelector('certcalc-duration-quote')?.effectiveLocale === 'nl');
    const picker = page.locator('certcalc-locale-switcher select');
    assert.equal(await picker.inputValue(), 'nl');
    // Italian chosen with the switcher: kept on the next visit although the browser says Dutch.
    await picker.selectOption('it');
    await page.reload();
    await widgetsReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'it');
    assert.deepEqual(await cspViolations(page), []);
  } finally {
    await b.close();
  }
});

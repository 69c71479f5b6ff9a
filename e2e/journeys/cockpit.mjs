// Command cockpit and reports (issue 8): the district centre opens the wall-screen cockpit (1920×1080), sees a
// matter accepted meanwhile appear in the live feed, goes full screen and back, drills from its district down to a
// grid through the breakdown table, climbs back with the breadcrumb, then opens the reports and downloads the
// quarterly bulletin as Excel and PDF (both must be real, non-empty files). A phone journey in English checks that
// the same cockpit and the risk page stay readable at 390×844.
import fs from 'node:fs';
import { check, DEMO_PASSWORD, expectWebGlCanvas, login, openMenu, PHONE, shot, tid } from '../lib.mjs';

const WALL = { width: 1920, height: 1080 };
const CJK = /[\u4e00-\u9fff]/;

async function cockpitReady(page) {
  await tid(page, 'cockpit-page').waitFor({ timeout: 30_000 });
  await tid(page, 'cockpit-kpis').waitFor({ timeout: 30_000 });
  return page.locator('[data-testid="cockpit-page"]');
}

const scopeOf = async (page) => ({
  id: await tid(page, 'cockpit-page').getAttribute('data-unit-id'),
  kind: await tid(page, 'cockpit-page').getAttribute('data-kind'),
});

/** Click the first child unit in the breakdown (or the first grid's activity row) and wait for the scope to move. */
async function drillOnce(page) {
  const before = await scopeOf(page);
  const rows = page.locator('[data-testid="cockpit-drill-row"]');
  await rows.first().waitFor({ timeout: 20_000 }).catch(() => {});
  let target = rows.first();
  if (!(await rows.count())) target = tid(page, 'cockpit-grid-activity').locator('tbody tr.ant-table-row').first();
  check(await target.count(), `nothing to drill into below ${before.kind} ${before.id}`);
  await target.click();
  await page.waitForFunction(
    (id) => { const el = document.querySelector('[data-testid="cockpit-page"]'); return el && el.dataset.unitId && el.dataset.unitId !== id && el.dataset.kind; },
    before.id, { timeout: 30_000 },
  );
  await tid(page, 'cockpit-kpis').waitFor();
  return scopeOf(page);
}

async function download(page, testId) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), tid(page, testId).click()]);
  const file = await dl.path();
  const size = file ? fs.statSync(file).size : 0;
  check(size > 0, `${testId}: the downloaded file is empty`);
  const head = fs.readFileSync(file).subarray(0, 4);
  return { size, head, name: dl.suggestedFilename() };
}

export default [
  {
    name: 'cockpit-wall-zh-drill-to-grid-bulletin-download',
    viewport: WALL,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      await login(page, baseUrl, 'centre.xinhui', DEMO_PASSWORD, { lang: 'zh-CN' });
      await openMenu(page, '/cockpit');
      await cockpitReady(page);
      check(CJK.test(await tid(page, 'cockpit-title').innerText()), 'cockpit title is not in Chinese');
      for (const k of ['responseRate', 'resolutionRate', 'satisfactionRate']) await tid(page, `kpi-${k}`).waitFor();
      await expectWebGlCanvas(page, 'cockpit-map');
      await page.locator('[data-testid="cockpit-map"][data-map-ready="true"]').waitFor({ timeout: 30_000 }).catch(() => {});
      await shot(page, `${name}-district`);

      // Live feed: a matter accepted elsewhere shows up without a reload (the app's one EventSource, relayed).
      const reported = await page.request.get(`${baseUrl}/api/cases?state=reported&limit=1`).then((r) => r.json());
      const caseId = reported.items?.[0]?.id;
      if (caseId) {
        await page.locator('[data-testid="inbox-bell"][data-live="true"]').waitFor({ timeout: 20_000 });
        const res = await page.request.post(`${baseUrl}/api/cases/${caseId}/actions/accept`, { data: { note: 'e2e: cockpit live feed' } });
        check(res.ok(), `accepting case ${caseId} failed: ${res.status()}`);
        await tid(page, 'cockpit-feed-item').first().waitFor({ timeout: 20_000 });
      }

      // The wall screen: the cockpit alone in full screen (Fullscreen API), then back.
      await tid(page, 'cockpit-fullscreen').click();
      await page.waitForFunction(() => document.fullscreenElement?.getAttribute('data-testid') === 'cockpit-page', null, { timeout: 10_000 });
      await page.waitForTimeout(500);
      await shot(page, `${name}-fullscreen`);
      await tid(page, 'cockpit-fullscreen').click();
      await page.waitForFunction(() => !document.fullscreenElement, null, { timeout: 10_000 });

      // City → district → street → community → grid: at most five steps down from wherever the user starts.
      const path = [await scopeOf(page)];
      for (let i = 0; i < 5 && path.at(-1).kind !== 'grid'; i += 1) path.push(await drillOnce(page));
      check(path.at(-1).kind === 'grid', `drill-down stopped at ${path.map((s) => s.kind).join(' → ')}`);
      check(path.length >= 3, `expected several levels, got ${path.map((s) => s.kind).join(' → ')}`);
      await tid(page, 'cockpit-scope-name').waitFor();
      await shot(page, `${name}-grid`);

      // The breadcrumb climbs back to the start.
      const crumbs = page.locator('[data-testid="cockpit-crumb"]');
      check((await crumbs.count()) >= path.length - 1, 'the breadcrumb does not show the way back');
      await crumbs.first().click();
      await page.waitForFunction((id) => document.querySelector('[data-testid="cockpit-page"]')?.dataset.unitId === id, path[0].id, { timeout: 30_000 });

      // Reports: the quarterly bulletin as a page, then as Excel and PDF.
      await openMenu(page, '/analytics/reports');
      await tid(page, 'reports-tab-quarterly').click();
      await tid(page, 'report-quarterly').waitFor({ timeout: 60_000 });
      await shot(page, `${name}-bulletin`);
      const xlsx = await download(page, 'report-quarterly-xlsx');
      check(xlsx.head.toString('latin1', 0, 2) === 'PK', `the bulletin .xlsx is not a zip (starts ${xlsx.head.toString('hex')})`);
      const pdf = await download(page, 'report-quarterly-pdf');
      check(pdf.head.toString('latin1') === '%PDF', `the bulletin PDF does not start with %PDF (${pdf.head.toString('hex')})`);
    },
  },
  {
    name: 'cockpit-phone-en-cockpit-risk',
    viewport: PHONE,
    lang: 'en-US',
    async run({ page, baseUrl, name }) {
      await login(page, baseUrl, 'centre.xinhui', DEMO_PASSWORD, { lang: 'en-US' });
      await openMenu(page, '/cockpit');
      await cockpitReady(page);
      const title = await tid(page, 'cockpit-title').innerText();
      check(/Cockpit/.test(title) && !CJK.test(title), `cockpit title is not in English: ${title}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 1, `the cockpit is ${overflow}px wider than the phone`);
      await shot(page, `${name}-cockpit`);
      await openMenu(page, '/analytics/risk');
      await tid(page, 'risk-page').waitFor();
      await tid(page, 'risk-table').waitFor({ timeout: 30_000 });
      await shot(page, `${name}-risk`);
    },
  },
];

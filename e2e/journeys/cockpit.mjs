// Command cockpit and reports (issue 8): the district centre opens the wall-screen cockpit (1920×1080), sees a
// matter accepted meanwhile appear in the live feed, goes full screen and back, drills from its district down to a
// grid through the breakdown table, climbs back with the breadcrumb, then opens the reports and downloads the
// quarterly bulletin as Excel and PDF (both must be real files of the right type, the workbook titled like the page).
// A street cadre rates a department for the quarter (街道评议部门) and finds the rating in the quarterly bulletin, then
// exports the ratings (Excel) and the cases (CSV) of the street by date range, watches the jobs finish and reads the
// files. A phone journey in English checks that the same cockpit and the risk page stay readable at 390×844.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { check, DEMO_PASSWORD, DESKTOP, expectWebGlCanvas, login, openMenu, PHONE, shot, tid } from '../lib.mjs';

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
  const data = fs.readFileSync(file);
  return { size, head: data.subarray(0, 4), data, name: dl.suggestedFilename() };
}

/** Pick an option of an antd (Tree)Select, the one whose text matches `want` (typed to search when given). */
async function pickOption(page, trigger, want, { type = false } = {}) {
  await trigger.click();
  if (type && want) await page.keyboard.type(want);
  const pop = page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible').last();
  await pop.waitFor();
  const opts = pop.locator('.ant-select-tree-node-content-wrapper, .ant-select-item-option');
  const target = want ? opts.filter({ hasText: want }).first() : opts.first();
  await target.waitFor({ timeout: 15_000 });
  const text = (await target.innerText()).trim();
  await target.click();
  return text;
}

/** Type a day range into the antd RangePicker of a form (the way a person keys dates in). */
async function typeRange(page, scope, from, to) {
  const inputs = scope.locator('.ant-picker-range input');
  // No Enter: in a form it would also submit (start an export); a typed day is taken when the field loses focus.
  await inputs.nth(0).click();
  await inputs.nth(0).fill(from);
  await page.keyboard.press('Tab');
  await inputs.nth(1).fill(to);
  await page.keyboard.press('Tab');
  await scope.locator('label').first().click();
  check(await inputs.nth(0).inputValue() === from && await inputs.nth(1).inputValue() === to,
    `the date range reads ${await inputs.nth(0).inputValue()} ~ ${await inputs.nth(1).inputValue()}, expected ${from} ~ ${to}`);
}

/**
 * Start an export with the form as it is, watch its progress (the job's bar, polled as the page polls the job) until
 * it is done at 100 %, and download the file.
 */
async function runExport(page, expectName, dates) {
  const jobs = page.locator('[data-testid="export-job"]');
  const before = await jobs.count();
  await tid(page, 'export-submit').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="export-job"]').length > n, before, { timeout: 20_000 });
  check(await jobs.count() === before + 1, `one click started ${(await jobs.count()) - before} exports`);
  const job = jobs.first(); // newest first
  check((await job.innerText()).includes(dates), `the new export is not for ${dates}: ${await job.innerText()}`);
  const seen = [];
  const deadline = Date.now() + 90_000;
  for (;;) {
    const state = await job.getAttribute('data-state');
    const bar = job.locator('[role="progressbar"]');
    const pct = (await bar.count()) ? Number(await bar.first().getAttribute('aria-valuenow')) : null;
    if (!seen.length || seen.at(-1).state !== state || seen.at(-1).pct !== pct) seen.push({ state, pct });
    if (state === 'done' || state === 'failed') break;
    check(Date.now() < deadline, `the export did not finish: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(250);
  }
  const last = seen.at(-1);
  check(last.state === 'done' && last.pct === 100, `the export ended ${JSON.stringify(seen)}`);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), job.locator('[data-testid="export-download"]').click()]);
  const data = fs.readFileSync(await dl.path());
  check(data.length > 0, 'the exported file is empty');
  check(expectName.test(dl.suggestedFilename()), `the export is named ${dl.suggestedFilename()}`);
  return data;
}

const shanghaiDay = (d = new Date()) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const quarterOf = (day) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

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
      const title = (await tid(page, 'report-title').innerText()).trim();
      const xlsx = await download(page, 'report-quarterly-xlsx');
      check(xlsx.head.toString('latin1', 0, 2) === 'PK', `the bulletin .xlsx is not a zip (starts ${xlsx.head.toString('hex')})`);
      check(/\.xlsx$/.test(xlsx.name), `the bulletin workbook is named ${xlsx.name}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.data);
      const a1 = String(wb.worksheets[0]?.getCell('A1').value ?? '');
      check(a1 === title, `the workbook's title "${a1}" is not the page's "${title}"`);
      check((wb.worksheets[0]?.rowCount ?? 0) >= 3, 'the bulletin workbook ranks no unit');
      const pdf = await download(page, 'report-quarterly-pdf');
      check(pdf.head.toString('latin1') === '%PDF', `the bulletin PDF does not start with %PDF (${pdf.head.toString('hex')})`);
      check(/\.pdf$/.test(pdf.name) && pdf.size > 2000 && pdf.data.subarray(-1024).toString('latin1').includes('%%EOF'),
        `the bulletin PDF ${pdf.name} (${pdf.size} bytes) is not a complete PDF`);
    },
  },
  {
    name: 'cockpit-street-rates-department-and-exports',
    viewport: DESKTOP,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      await login(page, baseUrl, 'street.huicheng', DEMO_PASSWORD, { lang: 'zh-CN' });
      const me = await page.request.get(`${baseUrl}/api/auth/me`).then((r) => r.json());
      const street = me.homeUnitId;
      const today = shanghaiDay();
      const quarter = quarterOf(today);
      // A department that serves the street (the bulletin lists exactly those), found the way the page would.
      const before = await page.request.get(`${baseUrl}/api/analytics/assessment/quarterly?unitId=${street}&quarter=${quarter}`).then((r) => r.json());
      const dept = before.departments?.[0];
      check(dept, `no department serves the street ${street} in ${quarter}`);

      // 街道评议部门: the street rates the department for this quarter in the form.
      await openMenu(page, '/analytics/reports');
      await tid(page, 'reports-tab-ratings').click();
      await tid(page, 'rating-form').waitFor();
      check((await tid(page, 'rating-form').innerText()).includes(quarter), `the rating form is not on ${quarter}`);
      const streetName = await pickOption(page, tid(page, 'rating-street'), '会城');
      await pickOption(page, tid(page, 'rating-department'), dept.name, { type: true });
      await page.locator('input[data-testid="rating-score"], [data-testid="rating-score"] input').first().fill('87');
      await page.locator('textarea[data-testid="rating-comment"], [data-testid="rating-comment"] textarea').first().fill('e2e：响应及时，回访到位');
      await tid(page, 'rating-submit').click();
      const mine = page.locator('[data-testid="rating-row"]').filter({ hasText: dept.name }).filter({ hasText: '87' });
      await mine.first().waitFor({ timeout: 20_000 });
      check((await mine.first().innerText()).includes(streetName), `the rating row does not name the street ${streetName}`);
      await shot(page, `${name}-rated`);

      // The rating feeds the quarterly bulletin: the department's row shows the street's score (one rating).
      await tid(page, 'reports-tab-quarterly').click();
      await tid(page, 'report-quarterly').waitFor({ timeout: 60_000 });
      const row = tid(page, 'report-dept-ranking').locator('tr.ant-table-row').filter({ hasText: dept.name }).first();
      await row.waitFor();
      check((await row.innerText()).includes('87.0 (1)'), `the bulletin's row for ${dept.name} does not show the rating 87.0 (1): ${await row.innerText()}`);
      await shot(page, `${name}-bulletin`);

      // Exports: the ratings of the quarter as Excel, by scope and dates; the file holds the rating just given.
      await tid(page, 'reports-tab-exports').click();
      const form = tid(page, 'export-form');
      await form.waitFor();
      await pickOption(page, tid(page, 'export-table'), '街道评议部门');
      await pickOption(page, tid(page, 'export-scope'), streetName);
      const monthStart = `${today.slice(0, 8)}01`;
      await typeRange(page, form, monthStart, today);
      const xlsx = await runExport(page, /\.xlsx$/, `${monthStart} ~ ${today}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx);
      const rows = [];
      wb.worksheets[0].eachRow((r) => rows.push(r.values.slice(1).map((v) => String(v ?? ''))));
      check(rows[0]?.join('|') === '街道|部门|季度|评分|评语|评议时间', `unexpected export headers: ${rows[0]?.join('|')}`);
      check(rows.some((r) => r[0] === streetName && r[1] === dept.name && r[2] === quarter && r[3] === '87'),
        `the ratings export lacks ${streetName} → ${dept.name} ${quarter} 87: ${JSON.stringify(rows.slice(0, 5))}`);

      // The cases of the street over the last 90 days as CSV: a case the list shows in that range is in the file.
      const from = shanghaiDay(new Date(Date.now() - 89 * 86_400_000));
      const known = await page.request.get(`${baseUrl}/api/cases?unitId=${street}&from=${from}&to=${today}&pageSize=1`).then((r) => r.json());
      const sample = known.items?.[0];
      check(sample, `the street has no case between ${from} and ${today} to look for in the export`);
      await pickOption(page, tid(page, 'export-table'), '案件');
      await typeRange(page, form, from, today);
      await form.locator('label').filter({ hasText: 'CSV' }).click();
      const csv = (await runExport(page, /\.csv$/, `${from} ~ ${today}`)).toString('utf8');
      check(csv.startsWith('\ufeff受理编号,标题,'), `the CSV does not start with a BOM and the Chinese headers: ${csv.slice(0, 40)}`);
      const line = csv.split('\r\n').find((l) => l.startsWith(`${sample.trackingNo},`));
      check(line, `the cases CSV has no row for ${sample.trackingNo}`);
      check(line.includes(sample.title.replace(/"/g, '""')), `the CSV row of ${sample.trackingNo} lacks its title: ${line}`);
      await shot(page, `${name}-exports`);
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
      // Unit names in English (the seed gives every unit a nameEn): the drill-down rows show them.
      const drillRow = page.locator('[data-testid="cockpit-drill-row"]').first();
      await drillRow.waitFor({ timeout: 20_000 });
      const unitCell = (await drillRow.locator('td').first().innerText()).trim();
      check(unitCell && !CJK.test(unitCell), `the drill-down names units in Chinese in English mode: ${unitCell}`);
      await shot(page, `${name}-cockpit`);
      await openMenu(page, '/analytics/risk');
      await tid(page, 'risk-page').waitFor();
      await tid(page, 'risk-table').waitFor({ timeout: 30_000 });
      const riskRow = page.locator('[data-testid="risk-row"]').first();
      if (await riskRow.count()) {
        const grid = (await riskRow.locator('td').first().locator('a').first().innerText()).trim();
        check(!CJK.test(grid), `the risk table names grids in Chinese in English mode: ${grid}`);
      }
      await shot(page, `${name}-risk`);
    },
  },
];

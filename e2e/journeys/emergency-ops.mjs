// Emergency operations beyond the first directive (issue 7): the centre changes the level, calls people up with the
// form and keeps a shelter's occupancy; the community cadre forwards a directive downward with an addition and an
// extra report field, which the grid worker then sees on the phone; the worker submits a situation report and the
// centre's missing-reports count drops. The emergency and its directive are set up through the API (targeted at one
// community, so the fan-out is small) and ended at the end. Screens: zh-CN desktop + phone, en-US phone + desktop.
import sharp from 'sharp';
import { check, DEMO_PASSWORD, DESKTOP, login, PHONE, shot, tid } from '../lib.mjs';

const STREET = '会城街道';

async function context(browser, viewport, lang) {
  const c = await browser.newContext({
    viewport, deviceScaleFactor: 1, locale: lang, timezoneId: 'Asia/Shanghai', isMobile: viewport.width < 600, hasTouch: viewport.width < 600,
  });
  c.setDefaultTimeout(20_000);
  return c;
}

/** JSON calls with the page's session (the page is logged in). */
function api(page, baseUrl) {
  const call = async (method, url, data) => {
    const r = await page.request.fetch(`${baseUrl}${url}`, { method, data });
    const body = await r.json().catch(() => null);
    check(r.ok(), `${method} ${url}: HTTP ${r.status()} ${JSON.stringify(body)?.slice(0, 300)}`);
    return body;
  };
  return { get: (u) => call('GET', u), post: (u, d) => call('POST', u, d ?? {}) };
}

/** An emergency for the street (level Ⅳ) and one directive to worker.g1's community; returns ids and names. */
async function setUp(centre, worker, { type, title, dirTitle }) {
  const street = (await centre.get(`/api/territory/units?kind=town&q=${encodeURIComponent(STREET)}`)).items.find((u) => u.name === STREET);
  check(street, `${STREET} not found`);
  const me = await worker.get('/api/auth/me');
  const grid = (await worker.get(`/api/territory/units/${me.homeUnitId}`)).unit;
  const communityId = grid.parentId;
  const plan = (await centre.get(`/api/emergency/plans?incidentType=${type}`)).items.find((p) => p.level === 4);
  check(plan, `no level-4 ${type} plan`);
  const emId = (await centre.post('/api/emergencies', { planId: plan.id, unitId: street.id, level: 4, title })).id;
  const dirId = (await centre.post(`/api/emergencies/${emId}/directives`, {
    title: dirTitle, body: '逐户排查并反馈', targetUnitIds: [communityId], dueAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
  })).id;
  return { emId, dirId, gridId: grid.id, gridName: grid.name };
}

/** 新增资源 through the form (no map point: the server takes a point inside the unit), then 更新占用. */
async function addAndUpdateResource(page, name, { shotAdd, shotEdit }) {
  await tid(page, 'resource-add').click();
  await tid(page, 'resource-form').waitFor();
  await tid(page, 'resource-name').fill(name);
  await tid(page, 'resource-capacity').fill('120');
  await tid(page, 'resource-occupancy').fill('10');
  if (shotAdd) await shot(page, shotAdd);
  await tid(page, 'resource-submit').click();
  const row = page.locator(`[data-testid="resource-load"][data-name="${name}"]`);
  await row.waitFor();
  check(await row.getAttribute('data-occupancy') === '10', 'new resource should show occupancy 10');
  await page.locator('tr', { has: row }).locator('[data-testid="resource-edit"]').click();
  await tid(page, 'resource-edit-form').waitFor();
  await tid(page, 'resource-edit-occupancy').fill('130');
  await tid(page, 'resource-save').click();
  // Above capacity: refused on the field, nothing saved.
  await page.locator('[data-testid="resource-edit-form"] .ant-form-item-explain-error').first().waitFor();
  await tid(page, 'resource-edit-occupancy').fill('80');
  await page.locator('[data-testid="resource-edit-form"] .ant-form-item-explain-error').first().waitFor({ state: 'detached' });
  if (shotEdit) await shot(page, shotEdit);
  await tid(page, 'resource-save').click();
  await page.locator(`[data-testid="resource-load"][data-name="${name}"][data-occupancy="80"]`).waitFor();
}

/** 删除 a resource from its row (confirmed), then it leaves the table. */
async function deleteResourceRow(page, name, shotName) {
  const row = page.locator('tr', { has: page.locator(`[data-testid="resource-load"][data-name="${name}"]`) });
  await row.locator('[data-testid="resource-delete"]').click();
  const ok = page.locator('[data-testid="resource-delete-ok"]');
  await ok.waitFor();
  await page.waitForTimeout(300); // the confirmation's opening animation
  if (shotName) await shot(page, shotName);
  await ok.click();
  await page.locator(`[data-testid="resource-load"][data-name="${name}"]`).waitFor({ state: 'detached' });
}

export default [
  {
    name: 'emergency-ops-desktop-zh-level-callup-resources-forward-sitrep',
    viewport: DESKTOP,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      const browser = page.context().browser();
      const stamp = String(Date.now()).slice(-6);
      const dirTitle = `转移低洼区群众 ${stamp}`;
      await login(page, baseUrl, 'centre.xinhui', DEMO_PASSWORD, { lang: 'zh-CN' });
      const centre = api(page, baseUrl);
      const phoneCtx = await context(browser, PHONE, 'zh-CN');
      const deskCtx = await context(browser, DESKTOP, 'zh-CN');
      let emId = null;
      try {
        const p = await phoneCtx.newPage();
        await login(p, baseUrl, 'worker.g1', DEMO_PASSWORD, { lang: 'zh-CN' });
        const set = await setUp(centre, api(p, baseUrl), { type: 'flood', title: `演练 防汛调度 ${stamp}`, dirTitle });
        emId = set.emId;
        await centre.post('/api/emergency/responders', { kind: 'volunteer', name: `志愿者${stamp}`, homeGridId: set.gridId });

        // 1. Change level Ⅳ → Ⅱ.
        await page.goto(`${baseUrl}/emergency/${emId}`);
        await tid(page, 'emergency-detail').waitFor();
        await tid(page, 'level-open').click();
        await tid(page, 'level-options').getByText('Ⅱ级', { exact: true }).click();
        await tid(page, 'level-submit').click();
        await page.locator('[data-testid="emergency-detail"][data-level="2"]').waitFor();
        check((await tid(page, 'wartime-banner').innerText()).includes('Ⅱ级'), 'the banner should show level Ⅱ');

        // 2. Call-up form (default: sunk cadres, volunteers, party members of the area).
        await page.goto(`${baseUrl}/emergency/${emId}?tab=mobilisation`);
        await tid(page, 'mobilise-called').waitFor();
        check(await tid(page, 'mobilise-called').getAttribute('data-count') === '0', 'nobody should be called yet');
        await tid(page, 'callup-open').click();
        await shot(page, `${name}-callup-form`);
        await tid(page, 'callup-submit').click();
        await page.waitForFunction(() => Number(document.querySelector('[data-testid="mobilise-called"]')?.getAttribute('data-count')) > 0);
        await shot(page, `${name}-callup-done`);

        // 3. Resources: add a shelter, update its occupancy (a value above capacity is refused first).
        await page.goto(`${baseUrl}/emergency/${emId}?tab=resources`);
        await tid(page, 'resources-table').waitFor();
        await addAndUpdateResource(page, `城南临时安置点${stamp}`, { shotAdd: `${name}-resource-add`, shotEdit: `${name}-resource-edit` });
        await shot(page, `${name}-resources`);
        await addAndUpdateResource(page, `误录安置点${stamp}`, {});
        await deleteResourceRow(page, `误录安置点${stamp}`, `${name}-resource-delete`);
        check(await page.locator(`[data-testid="resource-load"][data-name="城南临时安置点${stamp}"]`).count() === 1, 'the other resource should stay');

        // 4. The community cadre forwards the directive with an addition and one more report field.
        const cp = await deskCtx.newPage();
        await login(cp, baseUrl, 'community.chengnan', DEMO_PASSWORD, { lang: 'zh-CN' });
        await cp.goto(`${baseUrl}/emergency/${emId}?directive=${set.dirId}`);
        await cp.locator('[data-testid="directive-board"]', { hasText: dirTitle }).waitFor();
        await tid(cp, 'forward-open').click();
        const note = `城南社区补充：优先转移独居老人 ${stamp}`;
        await tid(cp, 'forward-note').fill(note);
        await tid(cp, 'report-field-add').click();
        await tid(cp, 'report-field-zh').fill('转移老人数');
        await shot(cp, `${name}-forward`);
        await tid(cp, 'forward-submit').click();
        await tid(cp, 'forward-note').waitFor({ state: 'detached' });
        await cp.locator('[data-testid="directive-board"] .ant-collapse-header').first().click();
        await cp.locator('[data-testid="directive-board"]', { hasText: note }).waitFor();

        // 5. The worker sees the addition and its field on the phone, then submits a situation report.
        const before = (await centre.get(`/api/emergencies/${emId}/sitreps/summary`)).missingTotal;
        await p.goto(`${baseUrl}/emergency/my-directives`);
        const card = p.locator('[data-testid="field-directive"]', { hasText: dirTitle }).first();
        await card.waitFor();
        check((await card.innerText()).includes(note), 'the phone card should show the community addition');
        await card.locator('[data-testid="directive-report"]').click();
        await p.locator('[data-testid="report-form"]', { hasText: '转移老人数' }).waitFor();
        await p.getByRole('button', { name: /取\s*消/ }).click();
        await tid(p, 'sitrep-open').first().click();
        const form = tid(p, 'sitrep-form');
        await form.waitFor();
        for (const input of await form.locator('input.ant-input-number-input').all()) await input.fill('4');
        for (const input of await form.locator('input.ant-input').all()) await input.fill('道路积水已退');
        await shot(p, `${name}-phone-sitrep`);
        await tid(p, 'sitrep-submit').click();
        await form.waitFor({ state: 'detached' });
        await page.goto(`${baseUrl}/emergency/${emId}?tab=sitreps`);
        await page.locator(`[data-testid="sitrep-missing"][data-count="${before - 1}"]`).waitFor();
        await shot(page, `${name}-sitreps`);

        // Phone view of the resources tab (zh).
        await p.goto(`${baseUrl}/emergency/${emId}?tab=resources`);
        await tid(p, 'resources-table').waitFor();
        await tid(p, 'resource-add').click();
        await tid(p, 'resource-form').waitFor();
        await p.waitForTimeout(400); // the modal's opening animation
        await shot(p, `${name}-phone-resource-add`);
      } finally {
        if (emId) await centre.post(`/api/emergencies/${emId}/end`, { summary: 'e2e ops drill' }).catch(() => {});
        await phoneCtx.close();
        await deskCtx.close();
      }
    },
  },
  {
    name: 'emergency-ops-phone-en-report-photo-resources',
    viewport: PHONE,
    lang: 'en-US',
    async run({ page, baseUrl, name }) {
      const browser = page.context().browser();
      const stamp = String(Date.now()).slice(-6);
      const dirTitle = `Photograph blocked drains ${stamp}`;
      const deskCtx = await context(browser, DESKTOP, 'en-US');
      let centre = null;
      let emId = null;
      try {
        const d = await deskCtx.newPage();
        await login(d, baseUrl, 'centre.xinhui', DEMO_PASSWORD, { lang: 'en-US' });
        centre = api(d, baseUrl);
        await login(page, baseUrl, 'worker.g1', DEMO_PASSWORD, { lang: 'en-US' });
        const set = await setUp(centre, api(page, baseUrl), { type: 'typhoon', title: `Typhoon ops drill ${stamp}`, dirTitle });
        emId = set.emId;

        // The worker reports with a photo taken on the phone (shrunk to JPEG before upload).
        await page.goto(`${baseUrl}/emergency/my-directives`);
        const card = page.locator('[data-testid="field-directive"]', { hasText: dirTitle }).first();
        await card.locator('[data-testid="directive-report"]').click();
        await tid(page, 'report-form').waitFor();
        const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 120, g: 90, b: 40 } } }).jpeg().toBuffer();
        await tid(page, 'field-photo-input').setInputFiles([{ name: 'drain.jpg', mimeType: 'image/jpeg', buffer: jpeg }]);
        await page.locator('[data-testid="field-photos"][data-count="1"]').waitFor();
        await shot(page, `${name}-report-photo`);
        await tid(page, 'report-submit').click();
        await page.locator('[data-testid="field-directive"][data-state="executed"]', { hasText: dirTitle }).waitFor();
        // The stored photo was shrunk on the phone: at most 1600 px on its long edge.
        const photos = (await api(page, baseUrl).get(`/api/directives/${set.dirId}/photos`)).items;
        check(photos.length === 1, `one report photo expected, got ${photos.length}`);
        const img = await page.request.get(`${baseUrl}${photos[0].url}`);
        const meta = await sharp(await img.body()).metadata();
        check(meta.format === 'jpeg' && Math.max(meta.width, meta.height) <= 1600, `photo not shrunk on the phone: ${meta.format} ${meta.width}×${meta.height}`);

        // The centre's board (desktop, en) shows the photo under its grid.
        await d.goto(`${baseUrl}/emergency/${emId}?directive=${set.dirId}`);
        await d.locator('[data-testid="directive-photos"][data-count="1"]').waitFor();
        await d.locator('[data-testid="directive-photo"] img').first().waitFor();
        await tid(d, 'directive-photos').scrollIntoViewIfNeeded();
        await shot(d, `${name}-desktop-board-photos`);

        // Resources on the phone (en) and on the desktop (en).
        await page.goto(`${baseUrl}/emergency/${emId}?tab=resources`);
        await tid(page, 'resources-table').waitFor();
        await addAndUpdateResource(page, `Shelter ${stamp}`, { shotAdd: `${name}-resource-add`, shotEdit: `${name}-resource-edit` });
        await shot(page, `${name}-resources`);
        await d.goto(`${baseUrl}/emergency/${emId}?tab=resources`);
        await d.locator(`[data-testid="resource-load"][data-name="Shelter ${stamp}"][data-occupancy="80"]`).waitFor();
        await tid(d, 'resource-add').click();
        await tid(d, 'resource-form').waitFor();
        await d.waitForTimeout(400); // the modal's opening animation
        await shot(d, `${name}-desktop-resource-add`);
      } finally {
        if (emId && centre) await centre.post(`/api/emergencies/${emId}/end`, { summary: 'e2e ops drill (en)' }).catch(() => {});
        await deskCtx.close();
      }
    },
  },
];

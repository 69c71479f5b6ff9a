// The grid worker's installable field app (issue 6), on the PRODUCTION build (the service worker exists only
// there). A phone-sized context with GPS granted: the manifest is valid, the service worker registers and takes
// control, the app shell and the field view load with the API cut off; a report with two camera photos is saved
// offline, survives a reload, and goes up exactly once when the network returns, even though the first upload's
// answer is lost on the way back (the same Idempotency-Key is resent); syncing again changes nothing.
// Traffic is cut with context.route (setOffline does not reach requests made by the service worker).
import zlib from 'node:zlib';
import { check, DEMO_PASSWORD, login, PHONE, shot, tid } from '../lib.mjs';

// Inside the seeded grid 440705001001001 (城南社区第1网格, worker.g1), which admits env.garbage.
const POINT = { latitude: 22.6465, longitude: 112.9546, accuracy: 8 };
const CATEGORY = { code: 'env.garbage', zh: '垃圾堆放、清运不及时', en: 'Uncollected or dumped garbage' };

/** A small real PNG (w×h gradient) built here, so the test needs no fixture file. */
function makePng(w, h, seed) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = [];
  for (let y = 0; y < h; y += 1) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x += 1) row.set([(x * 7 + seed) & 255, (y * 5) & 255, (seed * 40) & 255], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** Width and height from a PNG's IHDR. */
const pngSize = (buf) => ({ w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) });

async function api(page, baseUrl, path) {
  const res = await page.request.get(`${baseUrl}/api${path}`);
  check(res.ok(), `GET ${path} answered ${res.status()}`);
  return res.json();
}

async function grantGps(page, baseUrl) {
  const context = page.context();
  await context.grantPermissions(['geolocation'], { origin: baseUrl });
  await context.setGeolocation(POINT);
}

async function loginToField(page, baseUrl, lang) {
  await grantGps(page, baseUrl);
  await login(page, baseUrl, 'worker.g1', DEMO_PASSWORD, { lang });
  // A grid worker on a phone lands on the field view.
  await page.waitForURL((u) => u.pathname === '/field', { timeout: 20_000 });
  await tid(page, 'field-page').waitFor();
  await page.locator('[data-testid="field-cases-handle"], [data-testid="field-duties"]').first().waitFor({ timeout: 30_000 });
}

/** Registered, active and controlling this page (clientsClaim), so a reload is served by it. */
async function serviceWorkerReady(page) {
  const scope = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active ? reg.scope : null;
  });
  check(scope, 'no active service worker');
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 20_000 });
  return scope;
}

async function chooseCategory(page, lang) {
  const select = tid(page, 'field-report-category');
  await select.click();
  await page.keyboard.type(lang === 'en-US' ? 'dumped garbage' : '垃圾堆放');
  await page.locator('.ant-select-item-option', { hasText: lang === 'en-US' ? CATEGORY.en : CATEGORY.zh }).first().click();
}

export default [
  {
    name: 'field-phone-zh-offline-report-synced-once',
    viewport: PHONE,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      const context = page.context();
      // 1. Manifest (contract): name, short_name, icons 192 and 512 that really are PNGs of that size, start_url, standalone.
      const mres = await page.request.get(`${baseUrl}/manifest.webmanifest`);
      check(mres.ok(), `GET /manifest.webmanifest answered ${mres.status()}`);
      const manifest = await mres.json();
      check(manifest.name && manifest.short_name, 'manifest without name/short_name');
      check(manifest.start_url === '/field', `manifest start_url is ${manifest.start_url}`);
      check(manifest.display === 'standalone', `manifest display is ${manifest.display}`);
      for (const size of [192, 512]) {
        const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}`);
        check(icon, `manifest has no ${size}×${size} icon`);
        const res = await page.request.get(new URL(icon.src, baseUrl).href);
        check(res.ok() && res.headers()['content-type']?.startsWith('image/png'), `icon ${icon.src}: ${res.status()} ${res.headers()['content-type']}`);
        const dim = pngSize(await res.body());
        check(dim.w === size && dim.h === size, `icon ${icon.src} is ${dim.w}×${dim.h}`);
      }

      // 2. Log in on the phone: the field view, the service worker in control, the field data cached by it.
      await loginToField(page, baseUrl, 'zh-CN');
      const html = await page.content();
      check(html.includes('rel="manifest"'), 'index.html does not link the manifest');
      await serviceWorkerReady(page);
      // The field data went through the service worker once (cached for offline use).
      await page.locator('[data-testid="field-page"][data-offline-ready="true"]').waitFor({ timeout: 30_000 });
      await shot(page, `${name}-home`);
      await tid(page, 'field-tab-report').click();
      await tid(page, 'field-report-category').waitFor();
      // Categories are loaded (and so cached by the service worker) before the network goes.
      await page.waitForFunction(() => !document.querySelector('[data-testid="field-report-category"] .ant-select-arrow-loading'));
      await page.waitForTimeout(500);

      // 3. No network: every request fails (page and service worker alike), the page itself too, so the app
      //    shell can only come from the service worker's precache.
      let cut = 0;
      await context.route('**/*', (r) => { if (new URL(r.request().url()).pathname.startsWith('/api/')) cut += 1; return r.abort('internetdisconnected'); });
      await page.reload();
      await tid(page, 'field-page').waitFor({ timeout: 20_000 });
      await tid(page, 'field-report-category').waitFor();
      check(cut > 0, 'the reload made no API request: the cut was not exercised');

      // 4. A report in three taps with two camera photos, saved on the phone.
      const marker = `E2E离线-${Date.now().toString(36)}`;
      await chooseCategory(page, 'zh-CN');
      await tid(page, 'field-photo-input').setInputFiles([
        { name: 'IMG_0001.png', mimeType: 'image/png', buffer: makePng(400, 300, 1) },
        { name: 'IMG_0002.png', mimeType: 'image/png', buffer: makePng(300, 400, 2) },
      ]);
      await page.locator('[data-testid="field-photos"][data-count="2"]').waitFor();
      await tid(page, 'field-report-description').fill(`${marker} 小区东门垃圾堆放未清运`);
      await page.waitForFunction(() => /22\.64/.test(document.querySelector('[data-testid="field-report-point"]')?.textContent ?? ''), null, { timeout: 20_000 });
      await shot(page, `${name}-report-offline`);
      await tid(page, 'field-report-submit').click();
      const draft = page.locator('[data-testid="field-draft"]', { hasText: marker });
      await draft.waitFor();
      await page.locator('[data-testid="field-draft"][data-state="queued"]', { hasText: marker }).waitFor({ timeout: 20_000 });
      const key = await draft.getAttribute('data-key');
      check(key && key.length >= 16, `draft has no idempotency key (${key})`);

      // 5. Reload, still offline: the draft and its photos are still on the phone.
      await page.reload();
      await tid(page, 'field-tab-report').click();
      const kept = page.locator('[data-testid="field-draft"]', { hasText: marker });
      await kept.waitFor({ timeout: 20_000 });
      check(await kept.getAttribute('data-key') === key, 'the draft key changed across the reload');
      check((await kept.innerText()).includes('2 张照片'), `draft should keep 2 photos: ${await kept.innerText()}`);
      await shot(page, `${name}-queued-after-reload`);

      // 6. The network returns, but the first upload's answer is lost: the server makes the case, the phone sees
      //    a network error and keeps the draft queued with the same key.
      await context.unroute('**/*');
      const keys = [];
      let lost = false;
      await context.route('**/api/cases', async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        keys.push(route.request().headers()['idempotency-key']);
        if (lost) return route.fallback();
        lost = true;
        await route.fetch(); // reaches the server: the case exists now
        return route.abort('connectionreset');
      });
      await tid(page, 'field-sync').click();
      for (let i = 0; keys.length === 0 && i < 100; i += 1) await page.waitForTimeout(200);
      check(keys.length === 1, 'the sync did not try to upload the draft');
      await page.locator('[data-testid="field-draft"][data-state="queued"]', { hasText: marker }).waitFor({ timeout: 20_000 });
      // 7. Sync again: the same key goes up, the server answers with the first case.
      await tid(page, 'field-sync').click();
      const sent = page.locator('[data-testid="field-draft"][data-state="sent"]', { hasText: marker });
      await sent.waitFor({ timeout: 30_000 });
      check(keys.length >= 2 && keys.every((k) => k === key), `uploads should all carry the draft's key ${key}: ${JSON.stringify(keys)}`);
      await context.unroute('**/api/cases');
      const trackingNo = (await sent.locator('[data-testid="field-draft-case"]').innerText()).match(/[A-Z0-9-]{6,}/)?.[0];
      await shot(page, `${name}-sent`);

      // 8. Exactly one case with two photos (JPEG, resized on the phone), and it stays one after another sync.
      const count = async () => (await api(page, baseUrl, `/cases?view=all&q=${encodeURIComponent(marker)}&pageSize=50`)).items.length;
      check(await count() === 1, `expected exactly one case for ${marker}, found ${await count()}`);
      const { items } = await api(page, baseUrl, `/cases?view=all&q=${encodeURIComponent(marker)}`);
      check(!trackingNo || items[0].trackingNo === trackingNo, `draft shows ${trackingNo}, server has ${items[0].trackingNo}`);
      const detail = await api(page, baseUrl, `/cases/${items[0].id}`);
      check(detail.photos.length === 2, `the case should have 2 photos, has ${detail.photos.length}`);
      const photo = await page.request.get(new URL(detail.photos[0].url, baseUrl).href);
      check(photo.headers()['content-type']?.startsWith('image/jpeg'), `photos should be JPEG, got ${photo.headers()['content-type']}`);
      check(detail.channel === 'field', `channel should be field, is ${detail.channel}`);
      await tid(page, 'field-sync').click();
      await page.waitForTimeout(1500);
      check(await count() === 1, 'a second sync made a duplicate case');
    },
  },
  {
    name: 'field-phone-en-tabs',
    viewport: PHONE,
    lang: 'en-US',
    async run({ page, baseUrl, name }) {
      await loginToField(page, baseUrl, 'en-US');
      await shot(page, `${name}-today`);
      await tid(page, 'field-tab-map').click();
      await page.locator('[data-testid="field-map"][data-map-ready="true"]').waitFor({ timeout: 30_000 });
      await shot(page, `${name}-map`);
      await tid(page, 'field-tab-report').click();
      await tid(page, 'field-report-category').waitFor();
      await shot(page, `${name}-report`);

      // A refusal (4xx) is shown on that draft and keeps it out of the queue; fixed and resent, it goes up.
      const context = page.context();
      await context.route('**/api/cases', (route) => (route.request().method() === 'POST'
        ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'CATEGORY_NOT_ADMITTED', message: 'This grid does not take that category', details: { field: 'category' } } }) })
        : route.fallback()));
      const marker = `E2E-refused-${Date.now().toString(36)}`;
      await chooseCategory(page, 'en-US');
      await tid(page, 'field-report-description').fill(`${marker} rubbish at the east gate`);
      await page.waitForFunction(() => /22\.64/.test(document.querySelector('[data-testid="field-report-point"]')?.textContent ?? ''), null, { timeout: 20_000 });
      await tid(page, 'field-report-submit').click();
      const refused = page.locator('[data-testid="field-draft"][data-state="error"]', { hasText: marker });
      await refused.waitFor({ timeout: 20_000 });
      const text = await refused.locator('[data-testid="field-draft-error"]').innerText();
      check(text.includes('422') && text.includes('does not take'), `the draft should show the refusal: ${text}`);
      await shot(page, `${name}-refused`);
      await context.unroute('**/api/cases');
      await refused.getByRole('button', { name: 'Edit' }).click();
      await tid(page, 'field-draft-resend').click();
      await page.locator('[data-testid="field-draft"][data-state="sent"]', { hasText: marker }).waitFor({ timeout: 30_000 });
      await tid(page, 'field-tab-patrol').click();
      await tid(page, 'field-patrol').waitFor();
      const tracking = await tid(page, 'field-policy').getAttribute('data-tracking');
      check(tracking === 'false', `peacetime policy should have tracking off, is ${tracking}`);
      await tid(page, 'patrol-start').click();
      await page.locator('[data-testid="field-patrol"][data-state="running"]').waitFor();
      await shot(page, `${name}-patrol`);
      await tid(page, 'patrol-stop').click();
      await page.locator('[data-testid="field-patrol"][data-state="none"]').waitFor();
      await tid(page, 'field-tab-residents').click();
      await tid(page, 'field-residents').waitFor();
      await shot(page, `${name}-residents`);
      // A household: its members with masked phone/ID numbers, then the visit form prefilled with the household.
      await tid(page, 'residents-household').first().click();
      const member = tid(page, 'household-member').first();
      await member.waitFor();
      const memberText = await member.innerText();
      check(!/1\d{10}/.test(memberText) && !/\d{17}[\dX]/.test(memberText), `member numbers should be masked: ${memberText}`);
      await shot(page, `${name}-household`);
      await tid(page, 'household-mode').getByText('Visit').click();
      await tid(page, 'visit-note').fill('E2E routine visit: all well');
      await tid(page, 'visit-save').click();
      await tid(page, 'household-member').first().waitFor();
    },
  },
  {
    // Emergency-mode policy (set here by the district admin for the worker's district, restored after): the patrol
    // takes GPS points in the foreground and uploads them; check-in at a key site is accepted on the spot and
    // refused 80 m away with the server's message.
    name: 'field-phone-zh-tracking-policy-checkin',
    viewport: PHONE,
    lang: 'zh-CN',
    async run({ page, baseUrl, adminPassword, name }) {
      const context = page.context();
      const admin = await context.browser().newContext();
      const adminApi = admin.request;
      const ok = async (res, what) => { check(res.ok(), `${what}: ${res.status()} ${await res.text()}`); return res.json(); };
      await ok(await adminApi.post(`${baseUrl}/api/auth/login`, { data: { username: 'admin', password: adminPassword } }), 'admin login');
      await grantGps(page, baseUrl);
      await login(page, baseUrl, 'worker.g1', DEMO_PASSWORD, { lang: 'zh-CN' });
      const before = await api(page, baseUrl, '/field/bundle');
      const districtId = before.policy.districtId;
      check(districtId, 'the bundle names no district');
      const setPolicy = (on) => adminApi.put(`${baseUrl}/api/field/policy`, { data: { districtId, peacetime: { tracking: on, checkins: on } } });
      await ok(await setPolicy(true), 'policy on');
      try {
        await page.goto(`${baseUrl}/field?tab=patrol`);
        await page.locator('[data-testid="field-policy"][data-tracking="true"]').waitFor({ timeout: 20_000 });
        await tid(page, 'patrol-start').click();
        const card = page.locator('[data-testid="field-patrol"][data-state="running"]');
        await card.waitFor();
        const patrolId = await card.getAttribute('data-patrol-id');
        // Walk: a new fix every 5.5 s (the app keeps at most one point per 5 s).
        for (const d of [0.0002, 0.0004, 0.0006]) {
          await page.waitForTimeout(5500);
          await context.setGeolocation({ ...POINT, latitude: POINT.latitude + d });
        }
        await page.waitForTimeout(500);
        await shot(page, `${name}-tracking`);

        // Check-in at the nearest key site: on the spot, then 80 m away.
        const site = before.grids[0].keySites[0];
        check(site, 'the grid has no key site');
        await context.setGeolocation({ latitude: site.lat, longitude: site.lng, accuracy: 5 });
        await tid(page, 'checkin-site').waitFor();
        await page.waitForFunction((n) => document.querySelector('[data-testid="checkin-site"]')?.textContent?.includes(n), site.name);
        await page.waitForTimeout(800);
        await tid(page, 'checkin-submit').click();
        await page.locator('[data-testid="checkin-result"][data-ok="true"]').waitFor();
        await context.setGeolocation({ latitude: site.lat + 80 / 111_320, longitude: site.lng, accuracy: 5 });
        await page.waitForTimeout(1500);
        await tid(page, 'checkin-submit').click();
        const refused = page.locator('[data-testid="checkin-result"][data-ok="false"]');
        await refused.waitFor();
        const msg = await refused.innerText();
        check(/\d/.test(msg), `the refusal should say how far: ${msg}`);
        await refused.scrollIntoViewIfNeeded();
        await shot(page, `${name}-checkin-refused`);

        // Stop: the phone uploads its stored points (batch with an Idempotency-Key); the server has them.
        await tid(page, 'patrol-stop').scrollIntoViewIfNeeded();
        await tid(page, 'patrol-stop').click();
        await page.locator('[data-testid="field-patrol"][data-state="none"]').waitFor();
        let stored = 0;
        for (let i = 0; i < 20 && stored < 2; i += 1) {
          await page.waitForTimeout(500);
          stored = (await api(page, baseUrl, `/patrols/${patrolId}`)).pointCount;
        }
        check(stored >= 2, `the patrol should have its GPS points stored, has ${stored}`);
      } finally {
        await setPolicy(false);
        await admin.close();
      }
    },
  },
];

// Matters, end to end (issue 4): a resident reports on a phone-sized page (with a photo) and tracks it; the
// district centre operator accepts and dispatches it to 城管; the department officer acknowledges (报到) and
// feeds back; the grid worker verifies on site; the resident rates it. Resident steps on a 390×844 phone page,
// staff steps each in their own desktop browser context (own session cookie), all through the web UI.
import zlib from 'node:zlib';
import { check, DEMO_PASSWORD, DESKTOP, login, openMenu, PHONE, shot, tid } from '../lib.mjs';

// Inside the seeded grid 440705001001001 (城南社区第1网格, worker.g1), which admits env.garbage (lead: 城管).
const POINT = { latitude: 22.6465, longitude: 112.9546, accuracy: 8 };
const CATEGORY = { group: 'env', leaf: 'env.garbage' };

/** A small real PNG (24×24 gradient), built here so the test needs no fixture file. */
function makePng(w = 24, h = 24) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
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
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < h; y += 1) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x += 1) row.set([x * 10, y * 10, 128], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const randomMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** A staff member's own desktop browser context, logged in through the login page. */
async function asStaff(browser, baseUrl, username, fn) {
  const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  try {
    await login(page, baseUrl, username, DEMO_PASSWORD, { lang: 'zh-CN' });
    return await fn(page);
  } catch (err) {
    await shot(page, `cases-${username}-FAILED`).catch(() => {});
    throw new Error(`${username}: ${err.message}`);
  } finally {
    await context.close();
  }
}

/** Open the matter from the 事项办理 list (all tab, search by tracking number), as a person would. */
async function openCase(page, trackingNo) {
  await openMenu(page, '/cases');
  // The list page loads lazily: wait for its tabs before choosing 全部事项 (a new report is no one's to-do yet).
  const all = tid(page, 'tab-all');
  await all.waitFor({ timeout: 20_000 });
  await all.click();
  await page.waitForURL((u) => u.searchParams.get('view') === 'all');
  const search = tid(page, 'cases-search');
  await search.waitFor();
  const input = (await search.locator('input').count()) ? search.locator('input').first() : search;
  await input.fill(trackingNo);
  await input.press('Enter');
  const link = tid(page, 'cases-table').locator('[data-testid="case-link"]', { hasText: trackingNo }).first();
  await link.waitFor({ timeout: 20_000 });
  await link.click();
  await tid(page, 'case-page').waitFor();
  check((await tid(page, 'case-page').innerText()).includes(trackingNo), `case page does not show ${trackingNo}`);
}

async function expectState(page, state, timeout = 15_000) {
  await page.locator(`[data-testid="case-state"][data-state="${state}"]`).waitFor({ timeout }).catch(async () => {
    const now = await tid(page, 'case-state').getAttribute('data-state').catch(() => '?');
    throw new Error(`case state should be ${state}, is ${now}`);
  });
}

/** Click an allowed move, fill what the modal asks, submit, and wait for the new state. */
async function act(page, action, { note, reason, fill, to } = {}) {
  const button = tid(page, `case-action-${action}`);
  await button.waitFor({ timeout: 15_000 }).catch(async () => {
    const shown = await tid(page, 'case-actions').innerText().catch(() => '');
    throw new Error(`no "${action}" button; the page offers: ${shown.replace(/\s+/g, ' ')}`);
  });
  await button.click();
  await tid(page, 'action-form').waitFor();
  await page.waitForTimeout(300); // the modal's opening animation
  if (fill) await fill(page);
  if (note) await tid(page, 'action-note').fill(note);
  if (reason) await tid(page, 'action-reason').fill(reason);
  const modal = page.locator('.ant-modal-wrap:has([data-testid="action-form"])');
  await tid(page, 'action-submit').click();
  // A click can still be lost on a busy machine (CI once saw the modal sit open: no request, no error, not busy).
  // Submit again only then; a second submit of a move that did go through would show a version conflict and fail.
  if (!(await modal.waitFor({ state: 'hidden', timeout: 4_000 }).then(() => true, () => false))) {
    const busy = await tid(page, 'action-submit').evaluate((b) => b.classList.contains('ant-btn-loading')).catch(() => true);
    const shown = await page.locator('[data-testid="action-error"], [data-testid="action-conflict"]').count();
    if (!busy && !shown) await tid(page, 'action-submit').click().catch(() => {});
  }
  await modal.waitFor({ state: 'hidden', timeout: 15_000 }).catch(async () => {
    const err = await page.locator('[data-testid="action-error"], [data-testid="action-conflict"]').first().innerText().catch(() => '');
    throw new Error(`"${action}" did not go through${err ? `: ${err}` : ''}`);
  });
  if (to) await expectState(page, to);
}

/** 派单: pick 城管 (新会区城市管理和综合执法局, dept.chengguan's department) as the lead department. */
async function pickChengguan(page) {
  const select = tid(page, 'dispatch-lead-select');
  await select.click();
  await page.keyboard.type('城市管理');
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '城市管理' });
  await option.first().waitFor();
  const preferred = option.filter({ hasText: '新会' });
  await ((await preferred.count()) ? preferred.first() : option.first()).click();
}

async function residentTrack(page, trackingNo, phone) {
  const input = tid(page, 'track-tracking-input');
  if (!(await input.isVisible().catch(() => false))) await tid(page, 'public-tab-track').click();
  await tid(page, 'track-tracking-input').fill(trackingNo);
  await tid(page, 'track-phone-input').fill(phone);
  await tid(page, 'track-submit').click();
  await tid(page, 'track-result').waitFor();
  return tid(page, 'track-state').getAttribute('data-state');
}

export default [
  {
    name: 'cases-phone-zh-resident-report-dispatch-handle-verify-rate',
    viewport: PHONE,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      const context = page.context();
      const browser = context.browser();
      await context.grantPermissions(['geolocation'], { origin: baseUrl });
      await context.setGeolocation(POINT);
      const phone = randomMobile();

      // Resident: from the login page's 群众反映 link to the form; no login.
      await page.goto(`${baseUrl}/login`);
      await tid(page, 'report-link').click();
      await page.waitForURL((u) => u.pathname === '/report');
      await tid(page, 'report-form').waitFor();

      // An emergency category shows its "not for this channel" guidance and offers no submit.
      await tid(page, 'cat-security').click();
      await tid(page, 'cat-security.emergency').click();
      await tid(page, 'report-guidance').waitFor();
      check(/110/.test(await tid(page, 'report-guidance').innerText()), 'emergency guidance does not say 110');
      check(!(await tid(page, 'report-submit').count()), 'submit is offered for a category that must not be reported here');
      await shot(page, `${name}-guidance`);

      await tid(page, `cat-${CATEGORY.group}`).click();
      await tid(page, `cat-${CATEGORY.leaf}`).click();
      await tid(page, 'report-description').fill('城南路口垃圾桶满溢三天无人清运，气味很大，请尽快处理。（e2e）');
      await tid(page, 'report-locate').click();
      await tid(page, 'report-located').waitFor();
      await tid(page, 'report-photo-input').setInputFiles({ name: 'rubbish.png', mimeType: 'image/png', buffer: makePng() });
      await tid(page, 'report-photos').locator('img').first().waitFor();
      await tid(page, 'report-address').fill('城南路 12 号门口');
      await tid(page, 'report-phone').fill(phone);
      await shot(page, `${name}-form`);
      await tid(page, 'report-submit').click();
      const noEl = tid(page, 'report-tracking-no');
      await noEl.waitFor({ timeout: 30_000 }).catch(async () => {
        const err = await page.locator('[data-testid="report-error"], .ant-form-item-explain-error').allInnerTexts().catch(() => []);
        throw new Error(`report not accepted: ${err.join(' | ') || 'no tracking number shown'}`);
      });
      const trackingNo = (await noEl.innerText()).trim();
      check(/^[0-9A-Za-z-]{6,32}$/.test(trackingNo), `odd tracking number "${trackingNo}"`);
      await shot(page, `${name}-tracking-no`);

      // "Track it" opens tracking already filled in (phone in router state, not in the URL).
      await tid(page, 'report-track-link').click();
      await tid(page, 'track-result').waitFor();
      check(!page.url().includes(phone), 'the phone number is in the URL');
      check(await tid(page, 'track-state').getAttribute('data-state') === 'reported', 'a new report should be "reported"');
      await shot(page, `${name}-tracked`);

      // Centre operator (综治中心): accept, then dispatch to 城管 as lead.
      await asStaff(browser, baseUrl, 'centre.xinhui', async (p) => {
        await openCase(p, trackingNo);
        check(await tid(p, 'case-photos').locator('img').count() > 0, 'the case page shows no photo');
        await act(p, 'accept', { to: 'accepted' });
        await act(p, 'dispatch', { fill: pickChengguan, to: 'dispatched' });
        await shot(p, `${name}-dispatched`);
      });

      // Department officer (新会城管): 报到 (acknowledge), then 反馈 (feedback) → the case is handled.
      await asStaff(browser, baseUrl, 'dept.chengguan', async (p) => {
        await openCase(p, trackingNo);
        await act(p, 'acknowledge');
        await act(p, 'feedback', { note: '已安排清运车辆，垃圾已全部清运，现场已冲洗。', to: 'handled' });
        await shot(p, `${name}-handled`);
      });

      // Grid worker: on-site verification.
      await asStaff(browser, baseUrl, 'worker.g1', async (p) => {
        await openCase(p, trackingNo);
        await act(p, 'verify', { to: 'verified' });
      });

      // Resident: track again and rate.
      const state = await residentTrack(page, trackingNo, phone);
      check(state === 'verified', `the resident should see "verified", sees ${state}`);
      await tid(page, 'rating-form').waitFor();
      await tid(page, 'rating-resolved-yes').click();
      await tid(page, 'rating-satisfied').click();
      await tid(page, 'rating-comment').fill('处理很及时，谢谢！');
      await shot(page, `${name}-rating`);
      await tid(page, 'rating-submit').click();
      await tid(page, 'rating-done').waitFor();
      await page.locator('[data-testid="track-state"][data-state="rated"], [data-testid="track-state"][data-state="closed"]').waitFor();
      check(!(await tid(page, 'rating-form').count()), 'the rating form is still offered after rating');
      await shot(page, `${name}-rated`);
    },
  },
  {
    // A phone on a bad network: the answer to the first submit is lost; pressing Submit again sends the same
    // Idempotency-Key, so the resident gets the tracking number of the one case the server made, not a second case.
    name: 'cases-phone-en-resident-retry-same-tracking-no',
    viewport: PHONE,
    lang: 'en-US',
    async run({ page, baseUrl, name }) {
      await page.context().grantPermissions(['geolocation'], { origin: baseUrl });
      await page.context().setGeolocation(POINT);
      await page.goto(`${baseUrl}/report`);
      await tid(page, 'report-form').waitFor();
      await tid(page, 'lang-switch').getByText('EN', { exact: true }).click();
      const title = await page.locator('h3').first().innerText();
      check(/Report a problem/.test(title), `the form is not in English: "${title}"`);
      await tid(page, `cat-${CATEGORY.group}`).click();
      await tid(page, `cat-${CATEGORY.leaf}`).click();
      await tid(page, 'report-description').fill('Overflowing bins at the Chengnan Road corner for three days. (e2e retry)');
      await tid(page, 'report-locate').click();
      await tid(page, 'report-located').waitFor();
      const phone = randomMobile();
      await tid(page, 'report-phone').fill(phone);

      let first = null;
      const keys = [];
      await page.route('**/api/public/reports', async (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        if (first) return route.continue();
        const res = await route.fetch(); // the server makes the case…
        first = (await res.json()).trackingNo;
        await route.abort('connectionreset'); // …and the answer never reaches the phone
      });
      await tid(page, 'report-submit').click();
      await tid(page, 'report-error').waitFor();
      check(first, 'the first submit did not reach the server');
      await shot(page, `${name}-network-error`);
      await tid(page, 'report-submit').click();
      const no = (await tid(page, 'report-tracking-no').innerText()).trim();
      check(keys.length === 2 && keys[0] && keys[0] === keys[1], `the retry should reuse the Idempotency-Key: ${JSON.stringify(keys)}`);
      check(no === first, `the retry made a second case: ${first} then ${no}`);
      await shot(page, `${name}-tracking-no`);
      const state = await residentTrack(page, no, phone);
      check(state === 'reported', `tracking shows ${state}`);
    },
  },
];

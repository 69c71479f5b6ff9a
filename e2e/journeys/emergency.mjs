// Emergency mode (issue 7, 平战结合): the district centre declares an emergency for 会城街道 and issues a directive
// from the plan's template; grid worker worker.g1, in a second browser context on a phone, acknowledges (签收) and
// reports (反馈) it; the centre's live board updates without a reload (the shared EventSource), and the centre
// ends the emergency. Screenshots at 1440×900 and 390×844 in zh-CN and en-US along the way.
import sharp from 'sharp';
import { check, DEMO_PASSWORD, DESKTOP, login, openMenu, PHONE, shot, tid } from '../lib.mjs';

const STREET = '会城街道';
/** A real camera-sized JPEG: the phone shrinks it to ≤ 1600 px before upload. */
const photo = () => sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 60, g: 110, b: 170 } } }).jpeg().toBuffer();

async function newContext(browser, viewport, lang) {
  const context = await browser.newContext({
    viewport, deviceScaleFactor: 1, locale: lang, timezoneId: 'Asia/Shanghai', isMobile: viewport.width < 600, hasTouch: viewport.width < 600,
  });
  context.setDefaultTimeout(20_000);
  return context;
}

/** 启动应急响应 through the modal: the incident type, level Ⅳ, the street picked in the territory tree. */
async function declare(page, title, { type, street = STREET }) {
  await tid(page, 'declare-open').click();
  await tid(page, 'declare-form').waitFor();
  await tid(page, 'declare-type').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: type }).first().click();
  await tid(page, 'declare-unit').click();
  const tree = page.locator('.ant-select-dropdown:visible .ant-select-tree');
  await tree.waitFor();
  // role=treeitem: the tree also holds a hidden measuring node of the same class.
  const node = tree.locator('[role="treeitem"]', { hasText: street }).first();
  if (!(await node.isVisible().catch(() => false))) {
    // The centre's scope root is the district: open it to see its streets.
    await tree.locator('[role="treeitem"]').first().locator('.ant-select-tree-switcher').click();
  }
  await node.waitFor();
  await node.locator('.ant-select-tree-node-content-wrapper').click();
  await tid(page, 'declare-title').fill(title);
  await tid(page, 'declare-submit').click();
  await page.waitForURL((u) => /^\/emergency\/\d+$/.test(u.pathname), { timeout: 20_000 });
  await tid(page, 'emergency-detail').waitFor();
}

/** 下达指令 from the plan's first template, to the whole area, under a title of our own. */
async function issueDirective(page, title) {
  await tid(page, 'directive-new').click();
  await tid(page, 'directive-compose').waitFor();
  // The templates arrive with the plan: pick the first once it is there, until it has filled the body in.
  // A click on the select while its list is still open closes it, and an option caught mid-animation never becomes
  // "stable": open the list only when none is open, and let a missed pick be retried rather than wait 20 s on it.
  for (let i = 0; i < 5 && !(await tid(page, 'directive-body').inputValue()); i++) {
    await page.locator('[data-testid="directive-template"]:not(.ant-select-loading)').waitFor();
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await tid(page, 'directive-template').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click({ timeout: 5_000 }).catch(() => {});
    await page.waitForTimeout(500);
  }
  await tid(page, 'directive-title').fill(title);
  await tid(page, 'directive-send').click();
  // The fan-out writes a row per grid (hundreds in the street) plus their inbox rows: slow on a loaded PGlite.
  await page.locator('[data-testid="directive-board"]', { hasText: title }).waitFor({ timeout: 45_000 });
}

const count = async (page, id) => Number(await tid(page, id).getAttribute('data-count'));

/** Waits (no reload) until the board's counter moves above `from`; returns the milliseconds it took. */
async function waitBoard(page, id, from, timeout = 10_000) {
  const t0 = Date.now();
  await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel)?.getAttribute('data-count') ?? -1) > n,
    [`[data-testid="${id}"]`, from], { timeout });
  return Date.now() - t0;
}

export default [
  {
    name: 'emergency-desktop-zh-declare-directive-live-board-phone-ack',
    viewport: DESKTOP,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      const browser = page.context().browser();
      const stamp = String(Date.now()).slice(-6);
      const emTitle = `演练 强降雨应急 ${stamp}`;
      const dirTitle = `立即排查低洼易涝点 ${stamp}`;

      await login(page, baseUrl, 'centre.xinhui', DEMO_PASSWORD, { lang: 'zh-CN' });
      await openMenu(page, '/emergency');
      await tid(page, 'emergency-page').waitFor();
      await page.getByRole('tab').nth(2).click();
      await tid(page, 'plans-list').waitFor();
      await shot(page, `${name}-plans`);
      await page.getByRole('tab').first().click();

      await declare(page, emTitle, { type: '强降雨' });
      await tid(page, 'wartime-banner').waitFor();
      check((await tid(page, 'wartime-banner').innerText()).includes(emTitle), 'the wartime banner does not name the new emergency');
      await issueDirective(page, dirTitle);
      const total = Number(await tid(page, 'board-ack').getAttribute('data-total'));
      check(total > 1, `the directive should reach every grid of ${STREET}, reached ${total}`);
      const acked0 = await count(page, 'board-ack');
      const exec0 = await count(page, 'board-exec');
      await page.locator('[data-testid="board-map"][data-map-ready="true"]').waitFor({ timeout: 30_000 });
      await shot(page, `${name}-board`);

      // worker.g1 on a phone, in its own context (own session): 我的指令 → 签收, then 反馈.
      const phone = await newContext(browser, PHONE, 'zh-CN');
      try {
        const p = await phone.newPage();
        await login(p, baseUrl, 'worker.g1', DEMO_PASSWORD, { lang: 'zh-CN' });
        await tid(p, 'wartime-banner').waitFor();
        // Grid staff on a phone land in the field view, which shows the card in wartime; /emergency/my-directives
        // is the same card on its own page.
        const card = p.locator('[data-testid="field-directive"]', { hasText: dirTitle }).first();
        const inField = await card.waitFor({ timeout: 15_000 }).then(() => true, () => false);
        if (!inField) {
          await p.goto(`${baseUrl}/emergency/my-directives`);
          await card.waitFor();
        }
        console.log(`    worker.g1 acknowledges in ${inField ? 'the field view' : '/emergency/my-directives'}`);
        await shot(p, `${name}-phone-directives`);
        await card.locator('[data-testid="directive-ack"]').click();
        await p.locator('[data-testid="field-directive"][data-state="acknowledged"]', { hasText: dirTitle }).waitFor();

        const ackMs = await waitBoard(page, 'board-ack', acked0);
        console.log(`    board: acknowledged ${acked0} → ${await count(page, 'board-ack')} in ${ackMs} ms without reload`);
        // The product target is 2 s; a loaded CI machine gets 10 s (waitBoard's limit) before this fails.

        await card.locator('[data-testid="directive-report"]').click();
        const form = p.locator('[data-testid="report-form"]');
        await form.waitFor();
        for (const input of await form.locator('input.ant-input-number-input').all()) await input.fill('3');
        for (const input of await form.locator('input.ant-input:not([type=hidden])').all()) await input.fill('已落实');
        // 反馈 photo: shrunk to JPEG on the phone, uploaded with the report.
        await p.locator('[data-testid="field-photo-input"]').setInputFiles([{ name: 'site.jpg', mimeType: 'image/jpeg', buffer: await photo() }]);
        await p.locator('[data-testid="field-photos"][data-count="1"]').waitFor();
        await shot(p, `${name}-phone-report`);
        const photos0 = await count(page, 'directive-photos');
        await p.locator('[data-testid="report-submit"]').click();
        await p.locator('[data-testid="field-directive"][data-state="executed"]', { hasText: dirTitle }).waitFor();
        const execMs = await waitBoard(page, 'board-exec', exec0);
        console.log(`    board: executed ${exec0} → ${await count(page, 'board-exec')} in ${execMs} ms`);
        await waitBoard(page, 'directive-photos', photos0);
        await page.locator('[data-testid="directive-photo"] img').first().waitFor();
        check(await page.locator('[data-testid="directive-photo"]').first().innerText().then((x) => x.includes('网格')), 'the board photo should name its grid');
      } finally {
        await phone.close();
      }
      await shot(page, `${name}-board-live`);

      // Back to peacetime: end with confirmation; the after-action report opens.
      await tid(page, 'end-open').click();
      await tid(page, 'end-submit').click();
      await page.locator('[data-testid="emergency-detail"][data-state="ended"]').waitFor();
      const emId = new URL(page.url()).pathname.split('/').pop();
      const review = await page.request.get(`${baseUrl}/api/emergencies/${emId}/review`);
      if (review.status() === 404) {
        console.log('    after-action report: the server does not offer GET /api/emergencies/:id/review yet (skipped)');
      } else {
        await tid(page, 'review-open').click();
        await tid(page, 'review-page').waitFor();
        // The phone's 反馈 photo is in the report (and its exports embed it).
        await page.locator('[data-testid="review-photo"] img').first().waitFor();
        check(Number(await tid(page, 'review-photos').getAttribute('data-count')) >= 1, 'the report should list the report photo');
        await tid(page, 'review-photos').scrollIntoViewIfNeeded();
        await shot(page, `${name}-review`);
      }
    },
  },
  {
    name: 'emergency-phone-en-banner-and-pages',
    viewport: PHONE,
    lang: 'en-US',
    async run({ page, baseUrl, name }) {
      const browser = page.context().browser();
      // A live emergency of its own, so the banner shows whatever ran before.
      const desk = await newContext(browser, DESKTOP, 'en-US');
      let emId = '';
      try {
        const d = await desk.newPage();
        await login(d, baseUrl, 'centre.xinhui', DEMO_PASSWORD, { lang: 'en-US' });
        await d.goto(`${baseUrl}/emergency`);
        await tid(d, 'emergency-page').waitFor();
        await declare(d, `Typhoon drill ${String(Date.now()).slice(-6)}`, { type: 'Typhoon', street: 'Huicheng' });
        emId = new URL(d.url()).pathname.split('/').pop();
        await issueDirective(d, `Secure loose objects ${String(Date.now()).slice(-4)}`);
        await d.locator('[data-testid="board-map"][data-map-ready="true"]').waitFor({ timeout: 30_000 });
        await shot(d, `${name}-desktop-board`);
        await d.goto(`${baseUrl}/emergency?tab=plans`);
        await tid(d, 'plan-level').first().click();
        await tid(d, 'plan-drawer').waitFor();
        await d.waitForTimeout(500);
        await shot(d, `${name}-desktop-plan`);
      } finally {
        await desk.close();
      }
      try {
        await login(page, baseUrl, 'centre.xinhui', DEMO_PASSWORD, { lang: 'en-US' });
        await tid(page, 'wartime-banner').waitFor();
        await page.goto(`${baseUrl}/emergency/${emId}`);
        await tid(page, 'directive-board').waitFor();
        await shot(page, `${name}-detail`);
        await page.goto(`${baseUrl}/emergency`);
        await tid(page, 'emergency-list').waitFor();
        await shot(page, `${name}-list`);
      } finally {
        // Back to peacetime, so later journeys (the field app's peacetime policy) see the district as it was.
        if (emId) {
          const end = await page.request.post(`${baseUrl}/api/emergencies/${emId}/end`, { data: { summary: 'e2e typhoon drill' } });
          if (!end.ok()) console.log(`    ending the drill emergency answered ${end.status()}`);
        }
      }
    },
  },
];

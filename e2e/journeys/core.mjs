// The platform's core journeys: login → territory tree → grid page → grid map → residents search, on a
// desktop and a phone, in Chinese and English. Written against the web app's stable data-testids.
import {
  check, DEMO_PASSWORD, DESKTOP, expectDrawn, expectWebGlCanvas, login, openMenu, PHONE, shot, tid,
} from '../lib.mjs';

const GRID_CODE = /\b\d{15}\b/;

/** Expand the tree depth-first along its first branch until a grid (15-digit code) shows, then open it. */
async function openFirstGridFromTree(page) {
  const tree = tid(page, 'territory-tree');
  await tree.waitFor();
  for (let depth = 0; depth < 8; depth += 1) {
    const gridNode = tree.locator('.ant-tree-treenode').filter({ hasText: GRID_CODE }).first();
    if (await gridNode.count()) {
      const code = GRID_CODE.exec(await gridNode.innerText())[0];
      await gridNode.locator('.ant-tree-node-content-wrapper').click();
      return code;
    }
    const before = await tree.locator('.ant-tree-treenode').count();
    const closed = tree.locator('.ant-tree-switcher_close').first();
    check(await closed.count(), 'territory tree: nothing left to expand and no grid found');
    await closed.click();
    await page.waitForFunction(
      ([sel, n]) => document.querySelectorAll(`${sel} .ant-tree-treenode`).length > n,
      ['[data-testid="territory-tree"]', before], { timeout: 15_000 },
    );
  }
  throw new Error('territory tree: no grid within 8 levels');
}

async function expectGridMap(page, name) {
  await tid(page, 'grid-map').waitFor();
  await expectWebGlCanvas(page, 'grid-map');
  // Wait for the grid layer's data (grids.geojson) before judging the pixels.
  await page.waitForLoadState('networkidle').catch(() => {});
  const stats = await expectDrawn(page, '[data-testid="grid-map"] canvas.maplibregl-canvas', { name: `${name}-grid-map` });
  return stats;
}

/** Search residents by common surnames until rows show; every shown ID/phone must be masked. */
async function searchResidentsMasked(page, name) {
  const search = tid(page, 'residents-search');
  await search.waitFor();
  const table = tid(page, 'residents-table');
  const input = search.locator('input').first();
  const field = (await input.count()) ? input : search;
  for (const q of ['陈', '李', '黄', '梁', '张', '王']) {
    await field.fill(q);
    await field.press('Enter');
    await page.waitForLoadState('networkidle').catch(() => {});
    await table.waitFor();
    const rows = table.locator('tbody tr:not(.ant-table-placeholder)');
    await rows.first().waitFor({ timeout: 5_000 }).catch(() => {});
    if (await rows.count()) {
      const text = await table.innerText();
      check(/\*{4}/.test(text), `residents table shows no masked values (****) for "${q}"`);
      check(!/\b\d{17}[\dXx]\b/.test(text), 'residents table shows a full 18-digit ID number');
      check(!/\b1\d{10}\b/.test(text), 'residents table shows a full mobile number');
      await shot(page, `${name}-residents`);
      return q;
    }
  }
  throw new Error('residents search: no rows for any common surname');
}

export default [
  {
    name: 'desktop-zh-admin-tree-grid-map-residents',
    viewport: DESKTOP,
    lang: 'zh-CN',
    async run({ page, baseUrl, adminPassword, name }) {
      await login(page, baseUrl, 'admin', adminPassword, { lang: 'zh-CN' });
      await shot(page, `${name}-home`);
      await openMenu(page, '/territory');
      const code = await openFirstGridFromTree(page);
      await tid(page, 'unit-page').waitFor();
      const title = (await tid(page, 'unit-title').innerText()).trim();
      check(title.length > 0, 'grid page has an empty title');
      check((await tid(page, 'unit-page').innerText()).includes(code), `grid page does not show its code ${code}`);
      await shot(page, `${name}-grid-page`);
      await openMenu(page, '/map');
      await expectGridMap(page, name);
      await shot(page, `${name}-map`);
      await openMenu(page, '/residents');
      await searchResidentsMasked(page, name);
    },
  },
  {
    name: 'phone-zh-centre-login-map',
    viewport: PHONE,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      await login(page, baseUrl, 'centre.xinhui', DEMO_PASSWORD, { lang: 'zh-CN' });
      await openMenu(page, '/map');
      await expectGridMap(page, name);
      await shot(page, `${name}-map`);
    },
  },
  {
    name: 'desktop-en-admin-login-map',
    viewport: DESKTOP,
    lang: 'en-US',
    async run({ page, baseUrl, adminPassword, name }) {
      await login(page, baseUrl, 'admin', adminPassword, { lang: 'en-US' });
      const menu = await tid(page, 'app-menu').innerText();
      check(/Map/i.test(menu) && !/[\u4e00-\u9fff]/.test(menu), `menu is not in English: ${menu.replace(/\s+/g, ' ')}`);
      await openMenu(page, '/map');
      await expectGridMap(page, name);
      await shot(page, `${name}-map`);
    },
  },
  {
    name: 'phone-en-worker-login-map',
    viewport: PHONE,
    lang: 'en-US',
    async run({ page, baseUrl, name }) {
      await login(page, baseUrl, 'worker.g1', DEMO_PASSWORD, { lang: 'en-US' });
      await openMenu(page, '/map');
      await expectGridMap(page, name);
      await shot(page, `${name}-map`);
    },
  },
  {
    name: 'phone-zh-worker-residents-masked',
    viewport: PHONE,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      await login(page, baseUrl, 'worker.g1', DEMO_PASSWORD, { lang: 'zh-CN' });
      await openMenu(page, '/residents');
      await searchResidentsMasked(page, name);
    },
  },
  {
    name: 'desktop-zh-admin-users-audit',
    viewport: DESKTOP,
    lang: 'zh-CN',
    async run({ page, baseUrl, adminPassword, name }) {
      await login(page, baseUrl, 'admin', adminPassword, { lang: 'zh-CN' });
      await openMenu(page, '/admin/users');
      const users = tid(page, 'users-table');
      await users.waitFor();
      await users.locator('tbody tr:not(.ant-table-placeholder)').first().waitFor();
      check((await users.innerText()).includes('admin'), 'users table does not list admin');
      await shot(page, `${name}-users`);
      await openMenu(page, '/admin/audit');
      const audit = tid(page, 'audit-table');
      await audit.waitFor();
      // Logging in is audited, so the viewer has at least one row.
      await audit.locator('tbody tr:not(.ant-table-placeholder)').first().waitFor();
      await shot(page, `${name}-audit`);
    },
  },
];

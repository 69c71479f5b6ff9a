// Party overlay journey (issue 5): a street party secretary registers a member, signs them up for a service
// activity, records their hours, and sees the dashboard's member count change. Written against data-testids.
import { check, DEMO_PASSWORD, DESKTOP, expectDrawn, login, openMenu, PHONE, shot, tid } from '../lib.mjs';

const SURNAMES = '赵钱孙李周吴郑王冯陈';
const GIVEN = ['嘉怡', '子轩', '浩然', '雅琪', '俊杰', '静怡', '文博', '佳慧', '思远', '若曦'];

/** A random but valid 18-digit resident ID number (GB 11643 check digit), born in the 1980s. */
function randomIdNumber() {
  const pad = (n, w) => String(n).padStart(w, '0');
  const r = (n) => Math.floor(Math.random() * n);
  const first = `440705${1980 + r(10)}${pad(1 + r(12), 2)}${pad(1 + r(28), 2)}${pad(r(1000), 3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first + '10X98765432'[sum % 11];
}

async function kpi(page, key) {
  const el = tid(page, `party-kpi-${key}`).locator('.ant-statistic-content');
  await el.waitFor();
  await page.waitForFunction((sel) => /\d/.test(document.querySelector(sel)?.textContent ?? ''), `[data-testid="party-kpi-${key}"] .ant-statistic-content`);
  return Number((await el.innerText()).replace(/[^\d.]/g, ''));
}

/** Pick the first visible option of an antd (Tree)Select dropdown, preferring one whose text matches `prefer`. */
async function pickOption(page, trigger, prefer, { type } = {}) {
  await trigger.click();
  if (type) await page.keyboard.type(type);
  const pop = page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible').last();
  await pop.waitFor();
  const opts = pop.locator('.ant-select-tree-node-content-wrapper, .ant-select-item-option');
  await opts.first().waitFor({ timeout: 15_000 });
  const preferred = prefer ? opts.filter({ hasText: prefer }) : null;
  const target = preferred && (await preferred.count()) ? preferred.first() : opts.first();
  const text = (await target.innerText()).trim();
  await target.click();
  return text;
}

/** An activity to sign up for: the first published one, or one published through the API when the seed has none. */
async function ensureActivity(page, baseUrl) {
  const list = await (await page.request.get(`${baseUrl}/api/party/activities`)).json();
  if (list.items?.length) return list.items[0];
  const me = await (await page.request.get(`${baseUrl}/api/auth/me`)).json();
  const units = await (await page.request.get(`${baseUrl}/api/territory/units?parentId=${me.homeUnitId}`)).json();
  const community = units.items.find((u) => u.kind === 'community');
  check(community, 'no community under the secretary\'s street to publish an activity in');
  const res = await page.request.post(`${baseUrl}/api/party/activities`, {
    data: { communityId: community.id, title: 'E2E 环境清洁志愿服务', startsAt: new Date(Date.now() + 86_400_000).toISOString(), plannedHours: 2 },
  });
  check(res.ok(), `publishing an activity failed: ${res.status()} ${await res.text()}`);
  return res.json();
}

export default [
  {
    name: 'desktop-zh-party-register-serve-dashboard',
    viewport: DESKTOP,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      await login(page, baseUrl, 'party.huicheng', DEMO_PASSWORD, { lang: 'zh-CN' });
      await openMenu(page, '/party');
      await tid(page, 'party-dashboard').waitFor();
      const before = await kpi(page, 'members');
      await tid(page, 'party-map').waitFor();
      await expectDrawn(page, '[data-testid="party-map"] canvas.maplibregl-canvas', { name: `${name}-party-map` });
      await tid(page, 'party-chart-classes').locator('canvas').first().waitFor();
      await shot(page, `${name}-dashboard-before`);

      // Register a member (linked to a person by ID number).
      await tid(page, 'party-tab-members').click();
      await tid(page, 'party-members-table').waitFor();
      await tid(page, 'party-member-register').click();
      const memberName = SURNAMES[Math.floor(Math.random() * 10)] + GIVEN[Math.floor(Math.random() * 10)] + '测';
      await tid(page, 'party-register-name').fill(memberName);
      await tid(page, 'party-register-id').fill(randomIdNumber());
      await pickOption(page, tid(page, 'party-register-org'), '党支部');
      await shot(page, `${name}-register`);
      await tid(page, 'party-register-submit').click();
      const detail = tid(page, 'party-member-detail');
      await detail.waitFor({ timeout: 20_000 });
      const detailText = await detail.innerText();
      check(!/\b\d{17}[\dXx]\b/.test(detailText), 'member detail shows a full ID number without asking');
      await shot(page, `${name}-member-detail`);
      await page.keyboard.press('Escape');

      // Sign the new member up for a service activity, check in, record hours.
      const activity = await ensureActivity(page, baseUrl);
      await tid(page, 'party-tab-services').click();
      const row = tid(page, 'party-activities-table').locator('tbody tr', { hasText: activity.title }).first();
      await row.waitFor();
      await row.click();
      await tid(page, 'party-activity-detail').waitFor();
      await pickOption(page, tid(page, 'party-signup-member'), memberName, { type: memberName });
      await tid(page, 'party-signup-submit').click();
      const signup = tid(page, 'party-signups-table').locator('tbody tr', { hasText: memberName });
      await signup.waitFor();
      await signup.locator('[data-testid="party-checkin"]').click();
      await signup.locator('.ant-tag-green').waitFor();
      await signup.locator(`input[data-testid="party-hours-input"], [data-testid="party-hours-input"] input`).first().fill('2.5');
      const saved = page.waitForResponse((r) => /\/api\/party\/signups\/\d+\/hours$/.test(r.url()) && r.request().method() === 'POST');
      await signup.locator('[data-testid="party-hours-save"]').click();
      const res = await saved;
      check(res.ok(), `recording hours failed: ${res.status()}`);
      check((await res.json()).hours === 2.5, 'hours were not recorded as 2.5');
      await shot(page, `${name}-activity`);
      await page.keyboard.press('Escape');

      // The dashboard counts the new member.
      await tid(page, 'party-tab-dashboard').click();
      await tid(page, 'party-dashboard').waitFor();
      await page.waitForFunction(
        ([sel, n]) => Number((document.querySelector(sel)?.textContent ?? '').replace(/[^\d.]/g, '')) === n,
        ['[data-testid="party-kpi-members"] .ant-statistic-content', before + 1], { timeout: 15_000 },
      ).catch(() => {});
      const after = await kpi(page, 'members');
      check(after === before + 1, `dashboard member count should go ${before} → ${before + 1}, shows ${after}`);
      await shot(page, `${name}-dashboard-after`);
    },
  },
  {
    name: 'phone-en-party-dashboard-members',
    viewport: PHONE,
    lang: 'en-US',
    async run({ page, baseUrl, name }) {
      await login(page, baseUrl, 'party.huicheng', DEMO_PASSWORD, { lang: 'en-US' });
      await openMenu(page, '/party');
      await tid(page, 'party-dashboard').waitFor();
      check((await kpi(page, 'members')) >= 0, 'no member count');
      const text = await tid(page, 'party-dashboard').innerText();
      check(/Party members/.test(text) && /Recruitment pipeline/.test(text), 'dashboard is not in English');
      await shot(page, `${name}-dashboard`);
      await tid(page, 'party-tab-members').click();
      await tid(page, 'party-members-table').waitFor();
      await shot(page, `${name}-members`);
    },
  },
];

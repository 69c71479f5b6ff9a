// Mobilisation one-time link (issue 7, 应急动员): the district centre declares an emergency for 会城街道 through the
// API, registers a volunteer with a phone in one of its grids and calls the grid up; the SMS in the outbox carries
// the raw link (tokens are stored hashed). On a phone (390×844) the volunteer opens /mobilise/<token> with a position
// inside the grid, confirms and checks in; a second phone 5 km away is told how far it is. The centre then ends the
// emergency (so other journeys are unaffected) and the link shows as expired. Screenshots in zh-CN and en-US.
import { check, DEMO_PASSWORD, PHONE, shot, tid } from '../lib.mjs';

const STREET = '会城街道';

async function apiAs(browser, baseUrl, username, password) {
  const ctx = await browser.newContext({ baseURL: baseUrl });
  const res = await ctx.request.post('/api/auth/login', { data: { username, password } });
  check(res.ok(), `login ${username}: HTTP ${res.status()}`);
  const call = async (method, url, data) => {
    const r = await ctx.request.fetch(url, { method, data });
    const body = await r.json().catch(() => null);
    check(r.ok(), `${method} ${url}: HTTP ${r.status()} ${JSON.stringify(body)?.slice(0, 300)}`);
    return body;
  };
  return { ctx, get: (u) => call('GET', u), post: (u, d) => call('POST', u, d ?? {}) };
}

/** A point well inside the grid: the mean of its outer ring's vertices (grids are compact; the server allows 300 m). */
function insidePoint(geometry) {
  const ring = geometry.type === 'MultiPolygon' ? geometry.coordinates[0][0] : geometry.coordinates[0];
  const pts = ring.slice(0, -1);
  return { longitude: pts.reduce((s, p) => s + p[0], 0) / pts.length, latitude: pts.reduce((s, p) => s + p[1], 0) / pts.length };
}

async function phone(browser, lang, geolocation) {
  const context = await browser.newContext({
    viewport: PHONE, deviceScaleFactor: 1, locale: lang, timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true,
    geolocation, permissions: ['geolocation'],
  });
  context.setDefaultTimeout(20_000);
  await context.addInitScript((l) => localStorage.setItem('gridgov.lang', l), lang);
  return context.newPage();
}

/** common/src/emergency.ts INCIDENT_TYPE_LABELS (zh). */
const INCIDENT_ZH = { epidemic: '疫情防控', flood: '强降雨/防汛', typhoon: '台风/防风', fire: '火灾', hazchem: '危险化学品', earthquake: '地震' };

export default [
  {
    name: 'mobilise-phone-zh-confirm-check-in-too-far-expired',
    viewport: PHONE,
    lang: 'zh-CN',
    async run({ page, baseUrl, adminPassword, name }) {
      const browser = page.context().browser();
      const stamp = String(Date.now()).slice(-6);
      const title = `演练 动员报到 ${stamp}`;
      const centre = await apiAs(browser, baseUrl, 'centre.xinhui', DEMO_PASSWORD);
      const admin = await apiAs(browser, baseUrl, 'admin', adminPassword);
      let emId = null;
      try {
        const street = (await centre.get(`/api/territory/units?kind=town&q=${encodeURIComponent(STREET)}`)).items.find((u) => u.name === STREET);
        check(street, `${STREET} not found`);
        const grids = await centre.get(`/api/territory/grids.geojson?unitId=${street.id}`);
        const grid = grids.features.find((f) => f.geometry);
        check(grid, `no grid with a boundary under ${STREET}`);
        const plan = (await centre.get('/api/emergency/plans')).items[0];
        check(plan, 'no emergency plan');
        emId = (await centre.post('/api/emergencies', { planId: plan.id, unitId: street.id, level: 4, title })).id;
        for (const [n, tail] of [['王志愿', '88'], ['李志愿', '77']]) {
          await centre.post('/api/emergency/responders', { kind: 'volunteer', name: `${n}${stamp}`, phone: `139${stamp}${tail}`, homeGridId: grid.properties.id });
        }
        const called = await centre.post(`/api/emergencies/${emId}/callups`, { unitId: grid.properties.id, kinds: ['volunteer'], message: 'e2e' });
        check(called.called >= 1, `call-up called nobody: ${JSON.stringify(called)}`);
        const sms = (await admin.get('/api/outbox?channel=sms&limit=200')).items.map((o) => o.title).filter((t) => t.includes(title));
        check(sms.length >= 1, 'no call-up SMS in the outbox');
        const tokens = sms.map((t) => /\/mobilise\/([A-Za-z0-9_-]+)/.exec(t)?.[1]).filter(Boolean);
        check(tokens.length >= 2, `expected two links in the SMS, got ${tokens.length}`);
        const [token, token2] = tokens;

        // 1. Inside the grid, Chinese: confirm, then check in.
        const inside = insidePoint(grid.geometry);
        const zh = await phone(browser, 'zh-CN', inside);
        await zh.goto(`${baseUrl}/mobilise/${token}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        await tid(zh, 'mobilise-card').waitFor({ timeout: 60_000 });
        check((await tid(zh, 'mobilise-title').innerText()).includes(title), 'emergency title missing');
        check((await tid(zh, 'mobilise-level').innerText()).includes('Ⅳ级'), 'level Ⅳ missing');
        check((await tid(zh, 'mobilise-grid').innerText()).includes(grid.properties.name), 'grid name missing');
        // What the person needs to get there: the incident, the grid under its street and community, a map link.
        const incident = (await tid(zh, 'mobilise-incident').innerText()).trim();
        check(incident === INCIDENT_ZH[plan.incidentType], `incident type should read ${INCIDENT_ZH[plan.incidentType]}, reads ${incident}`);
        check((await tid(zh, 'mobilise-grid').innerText()).includes(STREET), 'the address should name the street');
        const mapHref = await tid(zh, 'mobilise-map-link').getAttribute('href');
        check(/position=1\d{2}\.\d+%2C2\d\.\d+/.test(mapHref ?? ''), `meeting-point link without a position: ${mapHref}`);
        await shot(zh, `${name}-zh-called`);
        await tid(zh, 'mobilise-confirm').click();
        await tid(zh, 'mobilise-checkin').waitFor();
        await shot(zh, `${name}-zh-confirmed`);
        await tid(zh, 'mobilise-checkin').click();
        await tid(zh, 'mobilise-checked-in').waitFor();
        check(await tid(zh, 'mobilise-state').getAttribute('data-state') === 'checked_in', 'state should be checked_in');
        await shot(zh, `${name}-zh-checked-in`);

        // 2. The second volunteer, in English, 5 km north of the grid: told how far away it is.
        const far = await phone(browser, 'en-US', { longitude: inside.longitude, latitude: inside.latitude + 0.045 });
        await far.goto(`${baseUrl}/mobilise/${token2}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        await tid(far, 'mobilise-card').waitFor({ timeout: 60_000 });
        await shot(far, `${name}-en-called`);
        await tid(far, 'mobilise-confirm').click();
        await tid(far, 'mobilise-checkin').click();
        await tid(far, 'mobilise-too-far').waitFor();
        const msg = await tid(far, 'mobilise-too-far').innerText();
        check(/\d(\.\d)? km|\d+ m/.test(msg), `too-far message without a distance: ${msg}`);
        await shot(far, `${name}-en-too-far`);

        // 3. The centre ends the emergency: the link is dead.
        await centre.post(`/api/emergencies/${emId}/end`, { summary: 'e2e mobilise' });
        emId = null;
        for (const [p, lang] of [[zh, 'zh'], [far, 'en']]) {
          await p.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
          await tid(p, 'mobilise-expired').waitFor({ timeout: 60_000 }).catch(async (e) => {
            await shot(p, `${name}-${lang}-expired-FAILED`);
            throw e;
          });
          await shot(p, `${name}-${lang}-expired`);
        }
        await zh.context().close();
        await far.context().close();
      } finally {
        if (emId) await centre.post(`/api/emergencies/${emId}/end`, { summary: 'e2e mobilise (cleanup)' }).catch(() => {});
        await centre.ctx.close();
        await admin.ctx.close();
      }
    },
  },
];

// Helpers shared by the journeys: logging in, language, and checking that a WebGL map really drew something.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
export const DEMO_PASSWORD = 'Gridgov2026';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };
const CJK = /[\u4e00-\u9fff]/;

export const tid = (page, id) => page.locator(`[data-testid="${id}"]`);

/** Fail with a readable message unless `cond` holds. */
export function check(cond, message) {
  if (!cond) throw new Error(message);
}

export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Switch the UI language on the login page the way a person would (the 中文/EN switch), then verify it. */
export async function chooseLanguage(page, lang) {
  const sw = tid(page, 'lang-switch');
  if (await sw.count()) {
    await sw.getByText(lang === 'en-US' ? 'EN' : '中文', { exact: true }).click();
  } else {
    await page.evaluate((l) => localStorage.setItem('gridgov.lang', l), lang);
    await page.reload();
  }
  const submit = tid(page, 'login-submit');
  await submit.waitFor();
  const text = (await submit.innerText()).trim();
  check(lang === 'en-US' ? !CJK.test(text) && /[A-Za-z]/.test(text) : CJK.test(text),
    `login button should be in ${lang}, reads "${text}"`);
}

export async function login(page, baseUrl, username, password, { lang = 'zh-CN' } = {}) {
  await page.goto(`${baseUrl}/login`);
  await tid(page, 'login-username').waitFor({ timeout: 30_000 });
  await chooseLanguage(page, lang);
  await tid(page, 'login-username').fill(username);
  await tid(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
  await shellReady(page);
}

/** The app shell is up: the menu in the side bar (desktop) or its toggle in the header (phone). */
export async function shellReady(page) {
  await page.locator('[data-testid="app-menu"]:visible, [data-testid="menu-toggle"]:visible').first().waitFor({ timeout: 30_000 });
}

/**
 * Screenshot the element and count colours in the browser itself (decode the PNG into a 2D canvas), so a
 * WebGL map that rendered nothing (one flat colour) fails. Retries while tiles/polygons are still drawing.
 */
export async function expectDrawn(page, selector, { timeoutMs = 30_000, minColours = 3, name } = {}) {
  const el = page.locator(selector).first();
  await el.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let stats = null;
  for (;;) {
    // Only the element's own pixels count: everything else (legend, zoom buttons, spinners drawn over a
    // map) is hidden for the shot, since `visibility: visible` on the element overrides its hidden ancestors.
    const style = await page.addStyleTag({ content: `body * { visibility: hidden !important; } ${selector} { visibility: visible !important; }` });
    let png;
    try {
      png = await el.screenshot({ ...(name ? { path: path.join(SHOTS, `${name}.png`) } : {}), animations: 'disabled' });
    } finally {
      await style.evaluate((n) => n.remove());
    }
    stats = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const counts = new Map();
      for (let i = 0; i < d.length; i += 4) {
        const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      const total = d.length / 4;
      const top = Math.max(...counts.values());
      return { width: c.width, height: c.height, colours: counts.size, dominantShare: top / total };
    }, png.toString('base64'));
    if (stats.width > 50 && stats.height > 50 && stats.colours >= minColours && stats.dominantShare < 0.98) return stats;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(1000);
  }
  throw new Error(`${selector} looks blank: ${JSON.stringify(stats)}`);
}

/** The map canvas itself must be WebGL (MapLibre), not a fallback image. */
export async function expectWebGlCanvas(page, containerTestId) {
  const kind = await page.locator(`[data-testid="${containerTestId}"] canvas`).first().evaluate((c) => {
    // Asking for the context MapLibre already created returns it; a 2D canvas would give null here.
    return c.getContext('webgl2') ? 'webgl2' : c.getContext('webgl') ? 'webgl' : 'none';
  });
  check(kind !== 'none', `no WebGL canvas inside ${containerTestId}`);
  return kind;
}

/** Open a page through the app menu as a person would (the drawer on a phone). */
export async function openMenu(page, path) {
  await shellReady(page);
  const toggle = tid(page, 'menu-toggle');
  if (await toggle.isVisible()) {
    // The drawer slides in; Playwright's click below waits until the item is visible and stable.
    await toggle.click();
  }
  const item = page.locator(`[data-testid="app-menu"]:visible li[data-menu-id$="-${path}"]`).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await item.click();
  await page.waitForURL((u) => u.pathname.startsWith(path), { timeout: 15_000 });
}

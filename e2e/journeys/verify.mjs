// On-site verification (issue 6, 核查): worker.g1 has a handled matter in grid 1 (recorded, accepted, handled in
// the grid and resolved through the API here), opens the field view on a phone, taps Verify on it, takes a photo,
// marks it verified and submits. The case is then verified (closed at once: no resident to rate it) and carries one verification photo (purpose 'verify').
import sharp from 'sharp';
import { check, DEMO_PASSWORD, login, PHONE, shot, tid } from '../lib.mjs';

// Inside the seeded grid 440705001001001 (城南社区第1网格, worker.g1), which admits env.garbage.
const POINT = { latitude: 22.6465, longitude: 112.9546, accuracy: 8 };

/** A real JPEG photo (the phone re-encodes it anyway). */
const photo = () => sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 140, b: 60 } } }).jpeg().toBuffer();

async function call(page, baseUrl, method, path, data) {
  const res = await page.request.fetch(`${baseUrl}/api${path}`, { method, data });
  check(res.ok(), `${method} ${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

export default [
  {
    name: 'field-verify-handled-case-with-photo',
    viewport: PHONE,
    lang: 'zh-CN',
    async run({ page, baseUrl, name }) {
      const context = page.context();
      await context.grantPermissions(['geolocation'], { origin: baseUrl });
      await context.setGeolocation(POINT);
      await login(page, baseUrl, 'worker.g1', DEMO_PASSWORD, { lang: 'zh-CN' });
      await page.waitForURL((u) => u.pathname === '/field', { timeout: 20_000 });

      // A handled matter in the worker's grid, made through the API as the worker.
      const marker = `E2E核查-${Date.now().toString(36)}`;
      const created = await call(page, baseUrl, 'POST', '/cases', {
        channel: 'field', category: 'env.garbage', title: marker, description: `${marker} 垃圾堆放`, lat: POINT.latitude, lng: POINT.longitude,
      });
      const id = created.id;
      for (const [action, body] of [['accept', {}], ['handle_in_grid', {}], ['resolve', { note: '已清运' }]]) {
        await call(page, baseUrl, 'POST', `/cases/${id}/actions/${action}`, body);
      }
      check((await call(page, baseUrl, 'GET', `/cases/${id}`)).state === 'handled', 'the case should be handled');

      await page.reload();
      const row = tid(page, 'field-cases-verify').locator('[data-testid="field-case"]', { hasText: marker });
      await row.waitFor({ timeout: 30_000 });
      await row.locator('[data-testid="field-case-action"]').click();
      await tid(page, 'field-verify-sheet').waitFor();
      await tid(page, 'field-photo-input').setInputFiles([{ name: 'site.jpg', mimeType: 'image/jpeg', buffer: await photo() }]);
      await page.locator('[data-testid="field-verify-sheet"] [data-testid="field-photos"][data-count="1"]').waitFor({ timeout: 15_000 });
      await tid(page, 'field-verify-note').fill('现场已清理干净');
      await shot(page, `${name}-sheet`);
      await tid(page, 'field-verify-submit').click();
      await row.waitFor({ state: 'detached', timeout: 30_000 });

      const after = await call(page, baseUrl, 'GET', `/cases/${id}`);
      // A field report has no resident to rate it, so verification closes it at once (close_unrated).
      check(['verified', 'closed'].includes(after.state), `the case should be verified (or closed: no resident), is ${after.state}`);
      const photos = after.photos.filter((p) => p.purpose === 'verify');
      check(photos.length === 1, `one verification photo expected, got ${photos.length}`);
      await shot(page, `${name}-done`);
    },
  },
];

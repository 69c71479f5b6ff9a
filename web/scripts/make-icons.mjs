#!/usr/bin/env node
// Draws the installable-app icons (web/public/icons/*.png) from one SVG with sharp (a server dependency, hoisted
// to the root node_modules). Run once after changing the design: `node web/scripts/make-icons.mjs`; the PNGs are
// committed, so the build never needs sharp.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

/** The favicon's grid on the brand red. `bleed` fills the whole square (maskable: the launcher crops a circle). */
function svg(bleed) {
  const r = bleed ? 0 : 96;
  // Maskable icons keep their drawing inside the central 80 % safe zone.
  const s = bleed ? 0.62 : 0.78;
  const o = (512 - 512 * s) / 2;
  const at = (v) => o + (v / 32) * 512 * s;
  const w = (2.5 / 32) * 512 * s;
  const lines = [[6, 11, 26, 11], [6, 21, 26, 21], [11, 6, 11, 26], [21, 6, 21, 26]]
    .map(([x1, y1, x2, y2]) => `<line x1="${at(x1)}" y1="${at(y1)}" x2="${at(x2)}" y2="${at(y2)}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${r}" fill="#c8102e"/>
  <g stroke="#fff" stroke-width="${w}" stroke-linecap="round">${lines}</g>
  <circle cx="${at(16)}" cy="${at(16)}" r="${w * 0.9}" fill="#ffd666"/>
</svg>`;
}

fs.mkdirSync(OUT, { recursive: true });
const jobs = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
];
for (const [name, size, bleed] of jobs) {
  await sharp(Buffer.from(svg(bleed))).resize(size, size).png({ compressionLevel: 9 }).toFile(path.join(OUT, name));
  console.log(`web/public/icons/${name} ${size}×${size}`);
}

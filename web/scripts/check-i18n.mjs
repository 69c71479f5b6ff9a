// Fails the build when zh-CN and en-US translation files do not have the same keys, so no screen is ever
// half-translated. Plural forms (key_one, key_other …) count as their base key.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/i18n');
const LANGS = ['zh-CN', 'en-US'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k.replace(PLURAL, '')}`]);
}

const problems = [];
const namespaces = new Set(LANGS.flatMap((l) => fs.readdirSync(path.join(root, l)).filter((f) => f.endsWith('.json'))));
for (const ns of namespaces) {
  const sets = {};
  for (const l of LANGS) {
    const file = path.join(root, l, ns);
    if (!fs.existsSync(file)) {
      problems.push(`${l}/${ns} is missing`);
      continue;
    }
    sets[l] = new Set(keys(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }
  if (Object.keys(sets).length < LANGS.length) continue;
  for (const a of LANGS) {
    for (const b of LANGS) {
      if (a === b) continue;
      for (const k of sets[a]) if (!sets[b].has(k)) problems.push(`${b}/${ns}: missing "${k}" (present in ${a})`);
    }
  }
}
if (problems.length) {
  console.error(`i18n check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`i18n check: ${namespaces.size} namespaces, ${LANGS.join(' + ')} in step`);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import type { SessionUser } from '../lib/scope.js';
import { importAttributeRows, readAttributeRows, type AttributeImportResult } from '../modules/territory/import/attributes.service.js';
import { importParsedGrids } from '../modules/territory/import/grids.service.js';
import { readGridFile } from '../modules/territory/import/read-file.js';
import type { GridImportResult } from '../modules/territory/import/types.js';

const USAGE = `usage:
  npm run import -- grids <file.geojson|file.json|file.zip> [--dry-run]
  npm run import -- attributes <file.xlsx> [--dry-run]`;

/** The CLI acts for the whole deployment, like an admin; its audit events name the OS user. */
const CLI_USER: SessionUser = { id: 0, username: 'cli', displayName: 'CLI', role: 'admin', homeUnitId: null, scopePath: null, departmentId: null };

export interface CliDeps {
  /** An already-open context (tests); otherwise the CLI bootstraps from the environment and closes it after. */
  ctx?: AppContext;
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Directory relative file names are resolved against. */
  cwd?: string;
}

/** Runs one import; resolves to the process exit code (0 ok, 1 failed or rejected, 2 usage). */
export async function main(argv: string[], deps: CliDeps = {}): Promise<number> {
  const out = deps.out ?? ((l: string) => console.log(l));
  const err = deps.err ?? ((l: string) => console.error(l));
  const dryRun = argv.includes('--dry-run');
  const [command, file, ...rest] = argv.filter((a) => a !== '--dry-run');
  if ((command !== 'grids' && command !== 'attributes') || !file || rest.length > 0) {
    err(USAGE);
    return 2;
  }
  const full = path.resolve(deps.cwd ?? process.cwd(), file);
  let ctx = deps.ctx;
  try {
    if (!fs.existsSync(full)) throw new AppError('BAD_FILE', `${full} does not exist`);
    const data = fs.readFileSync(full);
    const name = path.basename(full);
    // Parse before opening the database: a bad file fails in a second.
    const parsed = command === 'grids' ? await readGridFile(name, data) : await readAttributeRows(data, name);
    ctx ??= await bootstrap(loadConfig(), { seed: false, log: err });
    const actor = { id: null, name: `cli:${os.userInfo().username}` };
    if (command === 'grids') {
      const r = await importParsedGrids(ctx.db, CLI_USER, actor, parsed as Awaited<ReturnType<typeof readGridFile>>, { dryRun, fileName: name });
      printGrids(r, out);
    } else {
      const r = await importAttributeRows(ctx.db, CLI_USER, actor, parsed as Awaited<ReturnType<typeof readAttributeRows>>, { dryRun });
      printAttributes(r, out);
    }
    return 0;
  } catch (e) {
    if (e instanceof AppError && e.code === 'IMPORT_REJECTED') {
      const d = e.details as unknown as GridImportResult | AttributeImportResult;
      if ('problems' in d) printGrids(d, err); else printAttributes(d, err);
      err(`import rejected: nothing was written`);
    } else if (e instanceof AppError) {
      err(`rows read: 0, written: 0, rejected: 0`);
      err(`${e.code}: ${e.message}`);
    } else {
      err(`import failed: ${(e as Error).stack ?? String(e)}`);
    }
    return 1;
  } finally {
    if (ctx && !deps.ctx) await ctx.database.close();
  }
}

function printGrids(r: GridImportResult, print: (l: string) => void) {
  print(`rows read: ${r.read}, written: ${r.written}, rejected: ${r.rejected}`);
  print(`created: ${r.created}, updated: ${r.updated}, unchanged: ${r.unchanged}; CRS: ${r.crs}${r.dryRun ? ' (dry run: nothing written)' : ''}`);
  for (const p of r.problems) print(`  ${p.code}: ${p.message}`);
}

function printAttributes(r: AttributeImportResult, print: (l: string) => void) {
  print(`rows read: ${r.read}, written: ${r.written}, rejected: ${r.rejected}`);
  print(`unchanged: ${r.unchanged}${r.dryRun ? ' (dry run: nothing written)' : ''}`);
  if (r.ignoredColumns.length) print(`ignored columns: ${r.ignoredColumns.join(', ')}`);
  for (const e of r.errors) print(`  row ${e.row}, ${e.field}: ${e.message}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  // `npm run import -w server` runs in server/; npm passes the caller's directory as INIT_CWD.
  main(process.argv.slice(2), { cwd: process.env.INIT_CWD }).then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
}

/**
 * npm run analytics:rebuild
 *   Recomputes the analytics rollups (case_state_rollups, case_daily_rollups, dispatch_daily_rollups) from the
 *   matters and dispatches of the configured database (DATA_DIR or DATABASE_URL). The triggers keep them in step
 *   on every change; run this after loading data that bypassed them, or to check them (--check: compare first).
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { rebuildRollups, rollupSnapshot } from '../modules/analytics/rollups.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const ctx = await bootstrap(loadConfig(), { seed: false, log: () => {} });
  try {
    const before = values.check ? await rollupSnapshot(ctx.db) : null;
    const started = Date.now();
    const n = await ctx.db.transaction((tx) => rebuildRollups(tx));
    console.log(`analytics rollups rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s: `
      + `${n.stateRows} state rows, ${n.dailyRows} daily rows, ${n.dispatchRows} dispatch rows`);
    if (before !== null) {
      const same = before === (await rollupSnapshot(ctx.db));
      console.log(same ? 'check: the incremental rollups were equal to the rebuild' : 'check: the incremental rollups DIFFERED from the rebuild (now repaired)');
      return same ? 0 : 1;
    }
    return 0;
  } finally {
    await ctx.database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => process.exit(code), (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

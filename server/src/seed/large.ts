import type { AppContext } from '../lib/context.js';

/**
 * The `large` seed (100,000 grids and their cells, generated in SQL, for benchmarks). Runs after the demo seed.
 * Stub: the benchmark data engineer replaces this body.
 */
export async function seedLarge(_ctx: AppContext, log: (m: string) => void): Promise<void> {
  log('large seed: not implemented yet (demo data only)');
}

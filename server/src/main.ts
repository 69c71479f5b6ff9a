import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { jobs, startScheduler } from './jobs/index.js';

async function main() {
  const config = loadConfig();
  const started = Date.now();
  const ctx = await bootstrap(config);
  const app = await buildApp(ctx);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`GridGov ready on ${address} (${ctx.database.kind}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const scheduler = startScheduler(ctx, jobs, (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)));
  const stop = async () => {
    await scheduler.stop();
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

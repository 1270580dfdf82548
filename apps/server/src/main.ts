/** Process entry: config → database → migrations → (demo data) → HTTP + housekeeping. */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createContext } from './platform/bootstrap.ts';
import { DataDirInUseError, openDatabase } from './platform/db/client.ts';
import { migrate } from './platform/db/migrate.ts';
import { startHousekeeping } from './platform/housekeeping.ts';
import { DEMO_PASSWORD } from './modules/demo/demo-data.ts';
import { DEMO_LOGINS, seedDemo } from './modules/demo/seed.ts';
import { countOrgs } from './modules/orgs/store.ts';
import { ensureSigningKey } from './modules/oidc/signing-keys.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  const { applied } = await migrate(database);
  const ctx = createContext(config, database);
  await ensureSigningKey(ctx);
  let demo = false;
  if (config.seedDemo && (await countOrgs(ctx.db)) === 0) {
    const summary = await seedDemo(ctx);
    demo = !summary.skipped;
    console.log(
      `Demo data: ${summary.orgs} organisations, ${summary.accounts} accounts, ${summary.agencyAdmins} agency admins.`,
    );
  }
  if (!demo && (await countOrgs(ctx.db)) === 0)
    console.log(
      'The database is empty: import organisations (menhu import-orgs) and create an administrator (menhu create-admin).',
    );
  const app = await buildApp({ ctx, database, logger: true });
  const stopHousekeeping = startHousekeeping(ctx, app.log);
  await app.listen({ host: config.host, port: config.port });

  console.log(`\nMenhu 門戶 is running at ${config.publicUrl}`);
  console.log(
    `  database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}${applied.length ? ` (applied ${applied.length} migrations)` : ''}`,
  );
  console.log(`  API docs: ${config.publicUrl}/api/docs`);
  if (demo || (config.seedDemo && config.env !== 'production')) {
    console.log(`  demo logins (password ${DEMO_PASSWORD}):`);
    for (const l of DEMO_LOGINS) console.log(`    ${l.account.padEnd(12)} ${l.role}`);
  }

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopHousekeeping();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirInUseError) console.error(err.message);
  else console.error('Menhu failed to start:', err);
  process.exit(1);
});

/**
 * `menhu` operator CLI (npm run menhu -- <command>). Each command prints a clear summary and
 * exits non-zero with a clear message on bad input.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AccountCreate, AppInput, ERRORS, ServiceRequest, type LaunchMode, type Service } from '@menhu/contracts';
import { ConfigError, loadConfig } from './config.ts';
import { createContext } from './platform/bootstrap.ts';
import type { Actor, Ctx } from './platform/context.ts';
import { DataDirInUseError, openDatabase, type Database } from './platform/db/client.ts';
import { migrate } from './platform/db/migrate.ts';
import { AppError } from './platform/http/errors.ts';
import { createAccount, unlockAccountByName } from './modules/accounts/service.ts';
import { importOrgs } from './modules/orgs/import-orgs.ts';
import { findOrgByCode } from './modules/orgs/store.ts';
import { seedDemo } from './modules/demo/seed.ts';
import { ensureSigningKey, rotateSigningKey } from './modules/oidc/signing-keys.ts';
import { addClient, listClients, removeClient } from './modules/oidc/clients.ts';
import { OIDC_CLAIMS, isOidcClaim } from './modules/oidc/claims.ts';
import { registerAppAsOperator } from './modules/integrations/register-by-operator.ts';
import { findCategoryByName } from './modules/launcher/store.ts';
import { createSystem } from './modules/launcher/system-service.ts';

const USAGE = `Usage: npm run menhu -- <command> [options]

Commands:
  migrate                         apply database migrations
  seed --demo                     load the fictional demo city (not in production)
  create-admin --account <name> --name <姓名> --org <機關代碼>
                                  create a system administrator; prints a one-time password
  unlock --account <name>         clear a sign-in lock (e.g. of the last system administrator)
  clients add --name <name> --redirect-uri <uri> [--redirect-uri <uri> …]
        [--claims name,title,phone_number,email,org_name,org_short_name,org_code]
        [--post-logout-redirect-uri <uri>] [--backchannel-logout-uri <uri>] [--require-mfa]
                                  register an OIDC client; prints {"client_id", "client_secret"}
  clients list | clients remove <client_id>
  apps add --name <name> --url <url> --org <機關代碼> --contact-email <email> --service <sso|verify|transfer> …
        [--contact-name <姓名>] [--claims name,title,…] [--description <申請說明>]
        [--redirect-uri <uri> …] [--post-logout-redirect-uri <uri> …] [--backchannel-logout-uri <uri>]
        [--initiate-login-uri <uri>] [--require-mfa]   (sso)          [--entry-url <uri>]   (transfer)
        [--tile <分類>]              also list it in 系統列表 under that category
                                  register an integration application owned by nobody and approve
                                  its services; prints {"id", "apcode", "aptoken", "client_id"?, "client_secret"?}
  keys rotate                     start signing with a new OIDC key (the old one stays published)
  import-orgs <file.csv>          import or update organisations from CSV
`;

const CLI_ACTOR: Actor = { accountId: null, account: 'cli', ip: null, userAgent: 'menhu-cli' };
/** The CLI acts with full rights: whoever runs it already holds the server's secrets. */
const CLI_PRINCIPAL = { accountId: 0, orgPath: '/', roles: ['user', 'system_admin'] as const };

class UsageError extends Error {}

const APP_SERVICES = ['sso', 'verify', 'transfer'] as const satisfies readonly Service[];

const issuesText = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

/** `apps add` options → the application and one request per service (each keeps what it needs). */
function appsAddInput(args: string[]) {
  const { values: v } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      org: { type: 'string' },
      service: { type: 'string', multiple: true },
      'contact-name': { type: 'string' },
      'contact-email': { type: 'string' },
      description: { type: 'string' },
      claims: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      'backchannel-logout-uri': { type: 'string' },
      'initiate-login-uri': { type: 'string' },
      'require-mfa': { type: 'boolean' },
      'entry-url': { type: 'string' },
      tile: { type: 'string' },
    },
  });
  if (!v.name || !v.url || !v.org || !v['contact-email'] || !v.service?.length)
    throw new UsageError('apps add needs --name, --url, --org, --contact-email and at least one --service');
  const services = [...new Set(v.service)];
  const unknown = services.filter((s) => !(APP_SERVICES as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`--service takes ${APP_SERVICES.join(', ')} (not ${unknown.join(', ')})`);
  if (services.includes('sso') && !v['redirect-uri']?.length)
    throw new UsageError('apps add --service sso needs at least one --redirect-uri');
  if (services.includes('transfer') && !v['entry-url'])
    throw new UsageError('apps add --service transfer needs --entry-url');
  const request = ServiceRequest.safeParse({
    claims: v.claims ? v.claims.split(',').map((c) => c.trim()) : [...OIDC_CLAIMS],
    redirectUris: v['redirect-uri'],
    postLogoutRedirectUris: v['post-logout-redirect-uri'],
    backchannelLogoutUri: v['backchannel-logout-uri'],
    initiateLoginUri: v['initiate-login-uri'],
    ...(v['require-mfa'] ? { requireMfa: true } : {}),
    entryUrl: v['entry-url'],
    description: v.description ?? '由維運人員以命令列登錄 Registered by an operator with the menhu CLI',
  });
  if (!request.success) throw new UsageError(issuesText(request.error.issues));
  const app = {
    name: v.name,
    url: v.url,
    contactName: v['contact-name'] ?? '系統維運',
    contactEmail: v['contact-email'],
  };
  return {
    app,
    orgCode: v.org,
    services: Object.fromEntries(services.map((s) => [s, request.data])),
    tile: v.tile,
    // A tile opens the application the way it integrates: 轉登 ticket, single sign-on, or a link.
    launchMode: (services.includes('transfer') ? 'transfer' : services.includes('sso') ? 'oidc' : 'link') as LaunchMode,
  };
}

async function withContext<T>(fn: (ctx: Ctx, db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(database);
    return await fn(createContext(config, database), database);
  } finally {
    await database.close();
  }
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
      try {
        const { applied, total } = await migrate(database);
        console.log(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
            : `Database is up to date (${total} migrations).`,
        );
      } finally {
        await database.close();
      }
      return;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      if (!values.demo) throw new UsageError('seed needs --demo');
      const s = await withContext((ctx) => seedDemo(ctx));
      console.log(
        s.skipped
          ? 'Demo data is already present; nothing changed.'
          : `Demo data loaded: ${s.orgs} organisations, ${s.accounts} accounts, ${s.agencyAdmins} agency admins.`,
      );
      return;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { account: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' } },
      });
      if (!values.account || !values.name || !values.org)
        throw new UsageError('create-admin needs --account, --name and --org');
      await withContext(async (ctx) => {
        const org = await findOrgByCode(ctx.db, values.org!);
        if (!org)
          throw new UsageError(`No organisation with code ${values.org}. Import organisations first (import-orgs).`);
        const input = AccountCreate.safeParse({ account: values.account, name: values.name, orgId: org.id });
        if (!input.success) throw new UsageError(issuesText(input.error.issues));
        const principal = { ...CLI_PRINCIPAL, roles: [...CLI_PRINCIPAL.roles] };
        const { account, temporaryPassword } = await createAccount(ctx, principal, input.data, CLI_ACTOR, [
          'system_admin',
        ]);
        console.log(`Created system administrator ${account.account} (${account.name}) in ${org.name}.`);
        console.log(`One-time password: ${temporaryPassword}   (must be changed at first sign-in)`);
      });
      return;
    }
    case 'unlock': {
      const { values } = parseArgs({ args: rest, options: { account: { type: 'string' } } });
      if (!values.account) throw new UsageError('unlock needs --account');
      await withContext((ctx) => unlockAccountByName(ctx, values.account!, CLI_ACTOR));
      console.log(`Cleared the sign-in lock and failure count of ${values.account.trim().toLowerCase()}.`);
      return;
    }
    case 'clients': {
      const [sub, ...args] = rest;
      if (sub === 'add') {
        const { values } = parseArgs({
          args,
          options: {
            name: { type: 'string' },
            'redirect-uri': { type: 'string', multiple: true },
            claims: { type: 'string' },
            'post-logout-redirect-uri': { type: 'string', multiple: true },
            'backchannel-logout-uri': { type: 'string' },
            'require-mfa': { type: 'boolean' },
          },
        });
        if (!values.name || !values['redirect-uri']?.length)
          throw new UsageError('clients add needs --name and at least one --redirect-uri');
        const claims = values.claims?.split(',').map((c) => c.trim());
        if (claims && !claims.every(isOidcClaim))
          throw new UsageError(`--claims takes a comma-separated list of: ${OIDC_CLAIMS.join(', ')}`);
        const created = await withContext((ctx) =>
          addClient(
            ctx,
            {
              name: values.name!,
              redirectUris: values['redirect-uri']!,
              ...(claims ? { claims } : {}),
              ...(values['post-logout-redirect-uri']
                ? { postLogoutRedirectUris: values['post-logout-redirect-uri'] }
                : {}),
              ...(values['backchannel-logout-uri'] ? { backchannelLogoutUri: values['backchannel-logout-uri'] } : {}),
              requireMfa: values['require-mfa'] === true,
            },
            CLI_ACTOR,
          ),
        );
        console.log(JSON.stringify(created));
        return;
      }
      if (sub === 'list') {
        const clients = await withContext((ctx) => listClients(ctx));
        console.log(JSON.stringify(clients, null, 2));
        return;
      }
      if (sub === 'remove') {
        if (!args[0]) throw new UsageError('clients remove needs a client id');
        const removed = await withContext((ctx) => removeClient(ctx, args[0]!, CLI_ACTOR));
        if (!removed) throw new UsageError(`No client ${args[0]}`);
        console.log(`Removed client ${args[0]}.`);
        return;
      }
      throw new UsageError('clients needs a subcommand: add, list or remove');
    }
    case 'apps': {
      const [sub, ...args] = rest;
      if (sub !== 'add') throw new UsageError('apps needs a subcommand: add');
      const input = appsAddInput(args);
      const created = await withContext(async (ctx) => {
        const org = await findOrgByCode(ctx.db, input.orgCode);
        if (!org)
          throw new UsageError(`No organisation with code ${input.orgCode}. Import organisations first (import-orgs).`);
        const app = AppInput.safeParse({ ...input.app, orgId: org.id });
        if (!app.success) throw new UsageError(issuesText(app.error.issues));
        const category = input.tile ? await findCategoryByName(ctx.db, input.tile) : undefined;
        if (input.tile && !category) throw new UsageError(`No 系統列表 category named ${input.tile}.`);
        const registered = await registerAppAsOperator(ctx, { app: app.data, services: input.services }, CLI_ACTOR);
        if (category)
          await createSystem(
            ctx,
            {
              name: app.data.name,
              description: input.services.sso?.description ?? null,
              categoryId: category.id,
              launchMode: input.launchMode,
              url: app.data.url,
              appId: registered.id,
              enabled: true,
              sortOrder: 0,
              visibleOrgIds: [],
            },
            CLI_ACTOR,
          );
        return registered;
      });
      console.log(JSON.stringify(created));
      return;
    }
    case 'keys': {
      if (rest[0] !== 'rotate') throw new UsageError('keys needs a subcommand: rotate');
      const kid = await withContext(async (ctx) => {
        await ensureSigningKey(ctx);
        return rotateSigningKey(ctx);
      });
      console.log(`New signing key ${kid} is active; the previous key stays published until its tokens expire.`);
      return;
    }
    case 'import-orgs': {
      const file = rest[0];
      if (!file) throw new UsageError('import-orgs needs a CSV file');
      if (!fs.existsSync(file)) throw new UsageError(`File not found: ${file}`);
      const report = await withContext((ctx) => importOrgs(ctx, fs.readFileSync(file, 'utf8'), CLI_ACTOR));
      for (const r of report.rows.filter((x) => x.result === 'rejected'))
        console.log(`  line ${r.line} (${r.code ?? '-'}): rejected — ${r.reason}`);
      console.log(
        `Imported ${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected.`,
      );
      if (report.rejected > 0) process.exitCode = 1;
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`);
  else if (err instanceof ConfigError || err instanceof DataDirInUseError) console.error(err.message);
  else if (err instanceof AppError)
    console.error(`${ERRORS[err.code].en}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
  else console.error('Failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});

/** Environment variables, parsed with zod at start. `.env.example` explains each one. */
import { z } from 'zod'

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().optional(),
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  ALLOW_EMBEDDED_DB_IN_PRODUCTION: bool.default('false'),
  DATA_DIR: z.string().default('./.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  SEED_DEMO: bool.optional(),
  PUBLIC_HOST: z.string().optional(),
  TEAMS_ENABLED: bool.default('true'),
  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().optional(),
  ALLOW_UNAUTHENTICATED_DEV: bool.default('false'),
  RATE_LIMIT_ENDPOINT_PER_SECOND: z.coerce.number().positive().optional(),
  RATE_LIMIT_ENDPOINT_BURST: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_PERSON_PER_MINUTE: z.coerce.number().positive().optional(),
  RATE_LIMIT_PERSON_BURST: z.coerce.number().int().min(1).optional(),
  RATE_LIMIT_SUBMITS_PER_MINUTE: z.coerce.number().positive().optional(),
  RATE_LIMIT_SUBMIT_BURST: z.coerce.number().int().min(1).optional(),
  SLACK_ENABLED: bool.optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_API_URL: z.string().url().optional(),
  SLACK_CASE_REVIEW_CHANNEL: z.string().optional(),
  // Microsoft Graph, to install the app for people who never opened it (README, Briefings and reach).
  GRAPH_INSTALL_ENABLED: bool.default('false'),
  GRAPH_TENANT_ID: z.string().optional(),
  GRAPH_CLIENT_ID: z.string().optional(),
  GRAPH_CLIENT_SECRET: z.string().optional(),
  TEAMS_CATALOG_APP_ID: z.string().optional(),
  GRAPH_API_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
  GRAPH_LOGIN_URL: z.string().url().default('https://login.microsoftonline.com'),
  /** Messages the broadcast engine has in flight at once. */
  BROADCAST_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(10),
  AUDIT_HMAC_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  /** The Teams tab's single sign-on: the Entra app's client id (default MICROSOFT_APP_ID) and its Application ID URI. */
  TAB_SSO_CLIENT_ID: z.string().optional(),
  TAB_SSO_RESOURCE: z.string().optional(),
  /** Where the tab's token signing keys are published (default: Microsoft identity platform's). */
  TAB_JWKS_URL: z.string().url().optional(),
})

export type Config = {
  env: 'development' | 'test' | 'production'
  port: number
  host: string
  logLevel: string
  /** The app's runtime connection (least privilege); none means the embedded PostgreSQL in DATA_DIR. */
  databaseUrl?: string
  /** The schema owner's connection, for migrations only; DATABASE_URL when unset. */
  migrationDatabaseUrl?: string
  dataDir: string
  embeddedPgPort: number
  seedDemo: boolean
  publicHost?: string
  teams: { enabled: boolean; appId?: string; appPassword?: string; appType: string; tenantId?: string }
  slack: { enabled: boolean; signingSecret?: string; botToken?: string; apiUrl?: string; caseReviewChannel?: string }
  /** The audit chain's HMAC key; absent outside production, where a key kept in DATA_DIR is used. */
  auditHmacKey?: string
  /** The tab's single sign-on: whose tokens it accepts and where their signing keys are. */
  tab: { clientId: string; resource?: string; jwksUrl?: string }
  security: SecurityConfig
  /** Installing the app through Microsoft Graph for people who never opened it (absent: not configured). */
  graph?: {
    tenantId: string
    clientId: string
    clientSecret: string
    catalogAppId: string
    apiUrl: string
    loginUrl: string
  }
  broadcastConcurrency: number
}

/** Token buckets: `burst` at once, refilled at `perMinute` (or `perSecond`); counted in memory per instance. */
export type Bucket = { perSecond: number; burst: number }

type SecurityConfig = {
  /** HOST is 127.0.0.1, ::1 or localhost: nothing off this machine can reach the app. */
  isLoopback: boolean
  /** ALLOW_UNAUTHENTICATED_DEV=true: unauthenticated Teams requests (and the playground) off loopback. */
  allowUnauthenticatedDev: boolean
  /** The playground (which lists everyone) may be mounted: outside production, on loopback or by the flag. */
  playground: boolean
  limits: {
    /** Requests per client address at /api/messages and /slack/events, before authentication. */
    endpoint: Bucket
    /** Interactions per person (messages, buttons, form submits), before anyone is resolved. */
    person: Bucket
    /** Form submits and buttons that change something, per person. */
    submit: Bucket
  }
}

const UNLIMITED = 1e9
const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost|::ffff:127(\.\d{1,3}){3})$/i

/** True when `host` only accepts connections from this machine. */
const isLoopbackHost = (host: string): boolean => LOOPBACK.test(host.replace(/^\[|\]$/g, ''))

/** Parses the environment; throws with every problem listed when the app must not start. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n  ${lines.join('\n  ')}`)
  }
  const e = parsed.data
  const isProduction = e.NODE_ENV === 'production'
  const slackEnabled = e.SLACK_ENABLED ?? Boolean(e.SLACK_SIGNING_SECRET)
  const problems: string[] = []
  if (isProduction && e.TEAMS_ENABLED) {
    if (!e.MICROSOFT_APP_ID) problems.push('MICROSOFT_APP_ID is required in production when Teams is enabled')
    if (!e.MICROSOFT_APP_PASSWORD && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI')
      problems.push('MICROSOFT_APP_PASSWORD is required in production when Teams is enabled')
    if (e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID)
      problems.push('MICROSOFT_APP_TENANT_ID is required for a single-tenant or managed-identity bot')
  }
  // Scripted tests and benchmarks act faster than any person: under NODE_ENV=test a limit left unset is none.
  const limit = (value: number | undefined, normal: number) => value ?? (e.NODE_ENV === 'test' ? UNLIMITED : normal)
  const host = e.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1')
  const isLoopback = isLoopbackHost(host)
  // Fail closed: without Teams credentials /api/messages cannot authenticate anyone, so it may listen only
  // where nothing else can reach it, unless the developer says otherwise in so many words.
  if (isProduction && e.ALLOW_UNAUTHENTICATED_DEV)
    problems.push('ALLOW_UNAUTHENTICATED_DEV must not be set in production')
  if (!isProduction && e.TEAMS_ENABLED && !e.MICROSOFT_APP_ID && !isLoopback && !e.ALLOW_UNAUTHENTICATED_DEV)
    problems.push(
      `HOST=${host} is reachable from other machines and MICROSOFT_APP_ID is not set, so /api/messages ` +
        'would accept anyone: set the Teams credentials, listen on 127.0.0.1, or set ALLOW_UNAUTHENTICATED_DEV=true',
    )
  if (slackEnabled) {
    if (!e.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET is required when Slack is enabled')
    if (isProduction && !e.SLACK_BOT_TOKEN)
      problems.push('SLACK_BOT_TOKEN is required in production when Slack is enabled')
  }
  if (isProduction && !e.AUDIT_HMAC_KEY)
    problems.push('AUDIT_HMAC_KEY is required in production (it keys the audit chain)')
  if (isProduction && !e.DATABASE_URL && !e.ALLOW_EMBEDDED_DB_IN_PRODUCTION)
    problems.push(
      'DATABASE_URL is required in production (or set ALLOW_EMBEDDED_DB_IN_PRODUCTION=true to keep ' +
        'the database in DATA_DIR on this machine)',
    )
  const graphTenant = e.GRAPH_TENANT_ID ?? e.MICROSOFT_APP_TENANT_ID
  const graphClient = e.GRAPH_CLIENT_ID ?? e.MICROSOFT_APP_ID
  const graphSecret = e.GRAPH_CLIENT_SECRET ?? e.MICROSOFT_APP_PASSWORD
  if (e.GRAPH_INSTALL_ENABLED && !(graphTenant && graphClient && graphSecret && e.TEAMS_CATALOG_APP_ID))
    problems.push(
      'GRAPH_INSTALL_ENABLED needs the tenant (GRAPH_TENANT_ID or MICROSOFT_APP_TENANT_ID), the client id and ' +
        "secret (GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET, or the bot's) and TEAMS_CATALOG_APP_ID",
    )
  if (e.MIGRATION_DATABASE_URL && !e.DATABASE_URL) problems.push('MIGRATION_DATABASE_URL needs DATABASE_URL as well')
  if (problems.length) throw new Error(`Refusing to start:\n  ${problems.join('\n  ')}`)
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    seedDemo: e.SEED_DEMO ?? !isProduction,
    publicHost: e.PUBLIC_HOST,
    teams: {
      enabled: e.TEAMS_ENABLED,
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
    },
    slack: {
      enabled: slackEnabled,
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN ?? (slackEnabled ? 'xoxb-not-set' : undefined),
      apiUrl: e.SLACK_API_URL,
      caseReviewChannel: e.SLACK_CASE_REVIEW_CHANNEL,
    },
    auditHmacKey: e.AUDIT_HMAC_KEY,
    tab: {
      // Without an app registration (development) the tab accepts only the playground's own tokens.
      clientId: e.TAB_SSO_CLIENT_ID ?? e.MICROSOFT_APP_ID ?? 'learning-loop-development',
      resource:
        e.TAB_SSO_RESOURCE ??
        (e.PUBLIC_HOST && (e.TAB_SSO_CLIENT_ID ?? e.MICROSOFT_APP_ID)
          ? `api://${e.PUBLIC_HOST}/${e.TAB_SSO_CLIENT_ID ?? e.MICROSOFT_APP_ID}`
          : undefined),
      jwksUrl: e.TAB_JWKS_URL,
    },
    ...(e.GRAPH_INSTALL_ENABLED
      ? {
          graph: {
            tenantId: graphTenant!,
            clientId: graphClient!,
            clientSecret: graphSecret!,
            catalogAppId: e.TEAMS_CATALOG_APP_ID!,
            apiUrl: e.GRAPH_API_URL.replace(/\/$/, ''),
            loginUrl: e.GRAPH_LOGIN_URL.replace(/\/$/, ''),
          },
        }
      : {}),
    broadcastConcurrency: e.BROADCAST_CONCURRENCY,
    security: {
      isLoopback,
      allowUnauthenticatedDev: e.ALLOW_UNAUTHENTICATED_DEV,
      playground: !isProduction && (isLoopback || e.ALLOW_UNAUTHENTICATED_DEV),
      limits: {
        endpoint: {
          perSecond: limit(e.RATE_LIMIT_ENDPOINT_PER_SECOND, 50),
          burst: limit(e.RATE_LIMIT_ENDPOINT_BURST, 200),
        },
        person: {
          perSecond: limit(e.RATE_LIMIT_PERSON_PER_MINUTE, 60) / 60,
          burst: limit(e.RATE_LIMIT_PERSON_BURST, 60),
        },
        submit: {
          perSecond: limit(e.RATE_LIMIT_SUBMITS_PER_MINUTE, 10) / 60,
          burst: limit(e.RATE_LIMIT_SUBMIT_BURST, 20),
        },
      },
    },
  }
}

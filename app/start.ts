/**
 * The composition root: the only place that wires concrete things together. `startApp` is used by
 * `npm start` (app/main.ts), by the tests and by the benchmarks.
 */
import { readFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { Express } from 'express'
import type { JWTVerifyGetKey } from 'jose'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSlackChannel } from '../bot/slack/index.js'
import { createTeamsChannel, type TeamsChannel } from '../bot/teams/index.js'
import type { BotDeps } from '../bot/core/types.js'
import type { RetryOptions } from '../bot/core/retry.js'
import type { Interaction } from '../cards/interaction.js'
import { createRegistry } from '../cards/registry.js'
import { movableClock, systemClock, type Clock } from '../lib/clock.js'
import type { Config } from '../lib/config.js'
import { createDb, type DbClient } from '../lib/db.js'
import { createLogger, type Logger } from '../lib/logger.js'
import { openDatabase } from '../lib/migrate.js'
import type { PlatformNotifier } from '../services/notifications/index.js'
import { runNudges } from '../services/nudges/index.js'
import { configurePartnershipChannel, seedPartnership } from '../services/people/index.js'
import { GraphInstaller } from '../bot/teams/graph-installer.js'
import { BroadcastEngine, type BroadcastPort, type Pacer } from '../services/broadcast/index.js'
import { learningProductSubject } from '../services/learning/index.js'
import { mountReachPages } from '../web/reach.js'
import { createBroadcastRunner, type BroadcastRunner } from './broadcast-runner.js'
import { createOutboxRunner, type OutboxRunner } from './outbox-runner.js'
import { startScheduler, type Scheduler } from './scheduler.js'
import { createHttpApp } from './server.js'
import { mountPlayground } from '../web/playground.js'
import { createTabAuth, microsoftKeys } from '../web/tab/tab-auth.js'
import { createServices } from '../services/index.js'
import { seedAuditTools } from '../services/audits/index.js'
import { warmIdentifyingDetailsCheck } from '../services/privacy/index.js'
import { loadAuditKey, runAuditCheckpoint, useAuditKey } from '../services/audit-log/index.js'
import { runRetention } from '../services/retention/index.js'
import { runTrainingSteps } from '../services/training/index.js'
import { mountTrainingPages } from '../web/training-pages.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type StartOptions = {
  clock?: Clock
  logger?: Logger
  /** Start pg-boss (default true). */
  scheduler?: boolean
  /** Skip `prisma migrate deploy` when the caller already migrated this database. */
  skipMigrations?: boolean
  retry?: RetryOptions
  extraRoutes?: Parameters<typeof createHttpApp>[0]['extraRoutes']
  /** The tab's token signing keys (tests use a local key set; by default Microsoft's, or TAB_JWKS_URL). */
  tabKeys?: JWTVerifyGetKey
  /** The broadcast engine's pacing and progress cadence (tests and benchmarks). */
  broadcast?: { pacer?: Pacer; progressEveryMs?: number; concurrency?: number }
  /** Definitions routed beside the app's own (cards/registry.ts), e.g. a test's dialog. */
  interactions?: readonly Interaction[]
}

export type RunningApp = {
  url: string
  port: number
  db: DbClient
  databaseUrl: string
  outbox: OutboxRunner
  /** The broadcast engine's runner (learning products and any mass message). */
  broadcasts: BroadcastRunner
  log: Logger
  stop(): Promise<void>
}

export async function startApp(config: Config, options: StartOptions = {}): Promise<RunningApp> {
  const log = options.logger ?? createLogger(config.logLevel)
  // In development the playground can move time forward (to see a follow-up weeks later): the services' clock is
  // the given one plus that offset. In production there is no offset and no way to set one.
  const movable = config.security.playground ? movableClock(options.clock ?? systemClock) : null
  const clock: Clock = movable ?? options.clock ?? systemClock
  // The embedded PostgreSQL unless DATABASE_URL is set; migrations as the owner; the app as the runtime role.
  const { databaseUrl, embedded } = await openDatabase(config, log, { skipMigrations: options.skipMigrations })
  const db = createDb(databaseUrl)
  // The audit chain's HMAC key lives outside the database (environment, or a key file in DATA_DIR outside production).
  useAuditKey(
    loadAuditKey({ key: config.auditHmacKey, dataDir: config.dataDir, production: config.env === 'production' }),
  )

  if (config.seedDemo && (await db.partnership.count()) === 0) {
    const fixture = JSON.parse(await readFile(path.join(root, 'prisma', 'seed', 'demo-partnership.json'), 'utf8'))
    await seedPartnership(db, fixture, clock.now())
    log.info('demo partnership seeded')
  }
  // The audit tools (Section 11, Section 175/157, the case audit) as version 1 for any partnership without them.
  const made = await seedAuditTools(
    db,
    JSON.parse(await readFile(path.join(root, 'prisma', 'seed', 'audit-tools.json'), 'utf8')),
    clock.now(),
  )
  if (made) log.info({ tools: made }, 'audit tools seeded')
  if (config.slack.enabled && config.slack.caseReviewChannel) {
    for (const p of await db.partnership.findMany({ select: { id: true } })) {
      await configurePartnershipChannel(
        { db, clock },
        {
          partnershipId: p.id,
          purpose: 'case-review',
          platform: 'slack',
          address: { channelId: config.slack.caseReviewChannel },
        },
      )
    }
  }

  const notifiers: PlatformNotifier[] = []
  let outbox: OutboxRunner | null = null
  let broadcasts: BroadcastRunner | null = null
  // The services bot/ and web/ are given: every use case and query, bound to the database, the clock and
  // delivery after commit. Neither layer ever sees the database client.
  // The app's own address, known once the server listens (the playground's connector and links on cards).
  let selfUrl = ''
  const publicUrl = () => (config.publicHost ? `https://${config.publicHost}` : selfUrl)
  const services = createServices({
    db,
    clock,
    publicUrl,
    deliver: () => outbox?.kick(),
    startBroadcasts: () => broadcasts?.kick(),
  })
  const deps: BotDeps = { services, log, registry: createRegistry(options.interactions) }

  let teams: TeamsChannel | undefined
  if (config.teams.enabled) {
    teams = createTeamsChannel(config, deps, options.retry)
    notifiers.push(teams.notifier)
    if (!config.teams.appId)
      log.warn(
        'Teams: no MICROSOFT_APP_ID, so /api/messages accepts unauthenticated requests (development only, as the Bot Framework Emulator expects)',
      )
  }
  const ports: BroadcastPort[] = teams ? [teams.broadcaster] : []
  let slackRouter
  if (config.slack.enabled) {
    const slack = createSlackChannel(config, deps, options.retry)
    slackRouter = slack.router
    notifiers.push(slack.notifier)
    ports.push(slack.broadcaster)
  }
  outbox = createOutboxRunner({ db, notifiers, log, clock })
  // The broadcast engine has its own pool: each row in flight holds a connection while its platform answers.
  const concurrency = options.broadcast?.concurrency ?? config.broadcastConcurrency
  const broadcastDb = createDb(databaseUrl, { max: concurrency + 4 })
  const engine = new BroadcastEngine({
    db: broadcastDb,
    log,
    clock,
    ports,
    subjects: { 'learning-product': learningProductSubject },
    installer: config.graph && teams ? new GraphInstaller(config.graph) : undefined,
    pacer: options.broadcast?.pacer,
    progressEveryMs: options.broadcast?.progressEveryMs,
    concurrency,
    deliver: () => outbox?.kick(),
  })
  broadcasts = createBroadcastRunner(engine, log)
  const scheduler: Scheduler | null =
    options.scheduler === false
      ? null
      : await startScheduler(databaseUrl, log, {
          outboxDrain: () => outbox!.drain(),
          broadcastSweep: () => broadcasts!.drain(),
          auditCheckpoint: () => runAuditCheckpoint({ db, clock }, { dataDir: config.dataDir }),
          retention: async () => log.info(await runRetention({ db, clock }), 'retention run'),
          training: async () => {
            const report = await runTrainingSteps({ db, clock, deliver: () => outbox?.kick(), publicUrl })
            if (report.steps || report.reminders || report.surveysOpened) log.info(report, 'training run')
          },
          nudges: async () => {
            const report = await runNudges({ db, clock })
            log.info(report, 'nudge run')
            outbox!.kick()
          },
        })

  // The tab's sign-in: Teams single sign-on tokens; in development also the playground's own (web/tab/tab-auth.ts).
  const tabAuth = await createTabAuth({
    clientId: config.tab.clientId,
    resource: config.tab.resource,
    tenantId: config.teams.tenantId,
    keys: options.tabKeys ?? microsoftKeys(config.tab.jwksUrl),
    devSigning: config.security.playground,
  })

  // Development only: the local playground (web/playground.ts) at GET /. Its connector's URL is the app's
  // own, known once the server listens (selfUrl is set below). In production these routes do not exist.
  const trainingRoutes = (app: Express) => mountTrainingPages(app, { services, log, clock })
  const extraRoutes = !config.security.playground
    ? (app: Express) => {
        mountReachPages(app, services, log)
        options.extraRoutes?.(app)
        trainingRoutes(app)
      }
    : (app: Express) => {
        mountReachPages(app, services, log)
        options.extraRoutes?.(app)
        trainingRoutes(app)
        mountPlayground(app, {
          ...(movable
            ? {
                clock: {
                  offsetMs: movable.offsetMs,
                  moveTo: movable.moveTo,
                  now: () => clock.now(),
                  runDue: async () => {
                    const training = await runTrainingSteps({ db, clock, deliver: () => outbox?.kick(), publicUrl })
                    const nudges = await runNudges({ db, clock })
                    outbox?.kick()
                    return { training, nudges }
                  },
                },
              }
            : {}),
          services,
          log,
          appUrl: () => selfUrl,
          tenantId: config.teams.tenantId,
          tabToken: tabAuth.mintDevToken,
          unavailable: !teams
            ? 'Teams is turned off (TEAMS_ENABLED=false), so the playground cannot talk to the bot.'
            : config.teams.appId
              ? 'MICROSOFT_APP_ID is set, so /api/messages only accepts requests signed by Teams: unset it to use the playground.'
              : undefined,
        })
      }
  const http = createHttpApp({
    db,
    log,
    databaseMode: embedded ? 'embedded' : 'external',
    teams,
    slackRouter,
    extraRoutes,
    tab: { services, log, auth: tabAuth },
    services,
  })
  const server: Server = await new Promise((resolve, reject) => {
    const s = http.listen(config.port, config.host, () => resolve(s))
    s.once('error', reject)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  selfUrl = url
  // The name lists of the identifying-details check load once, after the server listens, not on the first submit.
  // A send left running by an instance that stopped (or crashed) resumes now, not at the next sweep: after the
  // warm-up, which holds the event loop for a moment (a message answered meanwhile would wait to be recorded).
  setImmediate(() => {
    warmIdentifyingDetailsCheck()
    broadcasts!.kick()
  })
  log.info(
    { url, teams: config.teams.enabled, slack: config.slack.enabled, database: embedded ? 'embedded' : 'external' },
    'Learning Loop listening',
  )

  let stopping: Promise<void> | null = null
  return {
    url,
    port,
    db,
    databaseUrl,
    outbox,
    broadcasts,
    log,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        await scheduler?.stop().catch(() => undefined)
        await broadcasts!.stop()
        await outbox!.stop()
        await broadcastDb.$disconnect()
        await db.$disconnect()
        await embedded?.stop()
      })()
      return stopping
    },
  }
}

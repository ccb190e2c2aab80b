/**
 * The Slack channel as the app wires it: an Express router for /slack/events (a guard in front of Bolt's
 * receiver: request limit and future timestamps, see slack-guard.ts) and the outbound port.
 */
import { Router } from 'express'
import type { Config } from '../../lib/config.js'
import { RateLimiter } from '../core/rate-limit.js'
import type { BotDeps } from '../core/types.js'
import type { RetryOptions } from '../core/retry.js'
import { createSlackApp } from './slack-app.js'
import { slackRequestGuard } from './slack-guard.js'
import { SlackBroadcaster } from './slack-broadcaster.js'
import { SlackNotifier } from './slack-notifier.js'

/** Bolt's app behind its guard, the notifier the outbox delivers through, and the broadcast engine's port. */
export function createSlackChannel(config: Config, deps: BotDeps, retry?: RetryOptions) {
  const { app, receiver } = createSlackApp(config, deps)
  const { perSecond, burst } = config.security.limits.endpoint
  const router = Router()
  router.post('/slack/events', slackRequestGuard(new RateLimiter(perSecond, burst), deps.log))
  router.use(receiver.router)
  return {
    router,
    notifier: new SlackNotifier(app.client, retry),
    broadcaster: new SlackBroadcaster(app.client, 'workspace'),
  }
}

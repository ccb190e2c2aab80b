/** The Slack channel as the app wires it: an Express router for /slack/events and the outbound port. */
import type { Config } from '../../lib/config.js'
import type { BotDeps } from '../core/types.js'
import type { RetryOptions } from '../core/retry.js'
import { createSlackApp } from './slack-app.js'
import { SlackNotifier } from './slack-notifier.js'

export { SLACK_LISTENERS } from './slack-app.js'

export function createSlackChannel(config: Config, deps: BotDeps, retry?: RetryOptions) {
  const { app, receiver } = createSlackApp(config, deps)
  return { router: receiver.router, notifier: new SlackNotifier(app.client, retry) }
}

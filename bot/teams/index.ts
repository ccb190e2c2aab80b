/** The Teams channel as the app wires it: an HTTP handler for /api/messages and the outbound port. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Config } from '../../lib/config.js'
import type { BotDeps } from '../core/types.js'
import type { RetryOptions } from '../core/retry.js'
import { createTeamsAdapter } from './teams-adapter.js'
import { LearningLoopTeamsBot } from './teams-bot.js'
import { TeamsNotifier } from './teams-notifier.js'

export type TeamsChannel = {
  /** Handles one POST /api/messages (the request body already parsed as JSON). */
  process(req: IncomingMessage & { body?: unknown }, res: ServerResponse): Promise<void>
  notifier: TeamsNotifier
}

export function createTeamsChannel(config: Config, deps: BotDeps, retry?: RetryOptions): TeamsChannel {
  const adapter = createTeamsAdapter(config, deps.log)
  const bot = new LearningLoopTeamsBot(deps)
  return {
    process: (req, res) => adapter.process(req as never, res as never, (ctx) => bot.run(ctx)),
    notifier: new TeamsNotifier(adapter, config.teams.appId ?? '', retry),
  }
}

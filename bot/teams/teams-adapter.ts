/** The CloudAdapter, with credentials from the environment (none in development = no authentication). */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder'
import type { Config } from '../../lib/config.js'
import type { Logger } from '../../lib/logger.js'

export function createTeamsAdapter(config: Config, log: Logger): CloudAdapter {
  const t = config.teams
  const auth = new ConfigurationBotFrameworkAuthentication(
    t.appId
      ? { MicrosoftAppId: t.appId, MicrosoftAppPassword: t.appPassword, MicrosoftAppType: t.appType, MicrosoftAppTenantId: t.tenantId }
      : {},
  )
  const adapter = new CloudAdapter(auth)
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: { name: error.name, message: error.message }, activityType: context.activity.type }, 'teams turn failed')
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong and nothing was saved. Please try again in a moment.').catch(() => undefined)
    }
  }
  return adapter
}

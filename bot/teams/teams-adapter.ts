/**
 * The CloudAdapter and the Bot Framework authentication it uses, with credentials from the environment. No
 * MICROSOFT_APP_ID means no authentication, which lib/config.ts allows only on loopback or with
 * ALLOW_UNAUTHENTICATED_DEV=true. The authentication is returned too: the edge checks each request with it
 * itself (bot/teams/index.ts), so a failure is a quiet 401 rather than CloudAdapter's 500 and stack trace.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder'
import type { Config } from '../../lib/config.js'
import type { Logger } from '../../lib/logger.js'
import { errorSummary } from '../../lib/db-errors.js'

/** Checks inbound requests (botbuilder does not re-export botframework-connector's types, so derived here). */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>
/** What a successful check yields: who called, and how to answer them. */
export type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>

/** CloudAdapter with its turn for an already authenticated request made public (it is protected there). */
export class TeamsAdapter extends CloudAdapter {
  /** Runs one turn for an activity whose request `authenticated` vouches for; returns the invoke response. */
  runAuthenticated(
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic)
  }
}

/** The adapter (for turns and proactive messages) and the authentication that checks inbound requests. */
export function createTeamsAdapter(
  config: Config,
  log: Logger,
): { adapter: TeamsAdapter; auth: BotFrameworkAuthentication } {
  const t = config.teams
  const auth = new ConfigurationBotFrameworkAuthentication(
    t.appId
      ? {
          MicrosoftAppId: t.appId,
          MicrosoftAppPassword: t.appPassword,
          MicrosoftAppType: t.appType,
          MicrosoftAppTenantId: t.tenantId,
        }
      : {},
  )
  const adapter = new TeamsAdapter(auth)
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Name and code only: a message can quote a query, and so a case.
    log.error({ err: errorSummary(error), activityType: context.activity.type }, 'teams turn failed')
    if (context.activity.type === 'message') {
      await context
        .sendActivity('Sorry, something went wrong and nothing was saved. Please try again in a moment.')
        .catch(() => undefined)
    }
  }
  return { adapter, auth }
}

/**
 * The baselines: a bare botbuilder CloudAdapter handler that answers every card action with a fixed card (and
 * every task module submit with a fixed page), and the durable floor, the same handler writing one row and one
 * audit event in one transaction first.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { PrismaClient } from '@prisma/client'
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type TaskModuleResponse,
} from 'botbuilder'
import { plainTransaction } from '../lib/db.js'
import { recordAudit } from '../services/audit-log/index.js'

class FixedCardBot extends TeamsActivityHandler {
  constructor(private readonly write?: () => Promise<void>) {
    super()
  }
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    await this.write?.()
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Referral NSCP-2026-0001 received', wrap: true }],
      } as never,
    }
  }
  protected override async handleTeamsTaskModuleSubmit(): Promise<TaskModuleResponse> {
    await this.write?.()
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Section 2 of 12', wrap: true }],
      actions: [{ type: 'Action.Submit', title: 'Next', data: { move: 'next' } }],
    }
    return {
      task: {
        type: 'continue',
        value: {
          title: 'Section 11 return',
          card: { contentType: 'application/vnd.microsoft.card.adaptive', content: card },
        },
      },
    }
  }
}

/**
 * The durable floor's write: one row in a table of its own (created here) and one audit event through
 * recordAudit (the same chain-head update and hash), in one transaction on `db`. What any handler that keeps
 * a change and its audit record must at least pay.
 */
export async function durableWrite(db: PrismaClient, partnershipId: string): Promise<() => Promise<void>> {
  await db.$executeRawUnsafe('create table if not exists "BenchFloor" (id uuid primary key, at timestamptz not null)')
  // The same transaction the referral submit uses (a plain connection, see lib/db.ts), so the ratio compares
  // like with like.
  return async () => {
    await plainTransaction(
      db,
      async (tx) => {
        const id = randomUUID()
        const at = new Date()
        await tx.$executeRaw`insert into "BenchFloor" (id, at) values (${id}::uuid, ${at})`
        await recordAudit(tx, {
          partnershipId,
          actorId: null,
          action: 'NUDGE_SENT',
          subjectType: 'nudge-run',
          subjectId: id,
          after: { people: [] },
          at,
        })
      },
      { timeoutMs: 5000 },
    )
  }
}

/** A bare handler on its own port; with `write`, it runs it before answering (the durable floor). */
export async function startBareBot(write?: () => Promise<void>): Promise<{ url: string; stop(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}))
  const bot = new FixedCardBot(write)
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const request = Object.assign(req, { body: JSON.parse(raw) })
      const response = Object.assign(res, {
        status(code: number) {
          res.statusCode = code
          return response
        },
        header(name: string, value: string) {
          res.setHeader(name, value)
          return response
        },
        send(body?: unknown) {
          if (body !== undefined) {
            if (typeof body === 'object') {
              res.setHeader('content-type', 'application/json')
              res.end(JSON.stringify(body))
            } else res.end(String(body))
          } else res.end()
          return response
        },
      })
      adapter
        .process(request as never, response as never, (ctx) => bot.run(ctx))
        .catch(() => {
          res.statusCode = 500
          res.end()
        })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The baseline: a bare botbuilder CloudAdapter handler that answers every card action with a fixed card. */
import http from 'node:http'
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type AdaptiveCardInvokeResponse } from 'botbuilder'

class FixedCardBot extends ActivityHandler {
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Referral NSCP-2026-0001 received', wrap: true }] } as never,
    }
  }
}

export async function startBareBot(): Promise<{ url: string; stop(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}))
  const bot = new FixedCardBot()
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const request = Object.assign(req, { body: JSON.parse(raw) })
      const response = Object.assign(res, {
        status(code: number) { res.statusCode = code; return response },
        header(name: string, value: string) { res.setHeader(name, value); return response },
        send(body?: unknown) { if (body !== undefined) { if (typeof body === 'object') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(body)) } else res.end(String(body)) } else res.end(); return response },
      })
      adapter.process(request as never, response as never, (ctx) => bot.run(ctx)).catch(() => { res.statusCode = 500; res.end() })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }) }
}

/** A loopback HTTP server for the test fakes: listens on a free port, reads whole bodies, stops cleanly. */
import http from 'node:http'

export abstract class LocalServer {
  private readonly server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => this.onRequest(req, res, raw))
  })
  /** Answer the next `remaining` requests with 429 and this Retry-After (seconds). */
  throttle = { remaining: 0, retryAfter: 0 }
  url = ''

  protected abstract readonly basePath: string
  protected abstract onRequest(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}${this.basePath}`
    return this
  }

  stop(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  /** Takes one throttled turn if any are left, answering 429 with `body`; returns whether it did. */
  protected throttled(res: http.ServerResponse, body: unknown): boolean {
    if (this.throttle.remaining <= 0) return false
    this.throttle.remaining -= 1
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.throttle.retryAfter) })
    res.end(JSON.stringify(body))
    return true
  }

  protected json(res: http.ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
}

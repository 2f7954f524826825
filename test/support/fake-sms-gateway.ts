import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GatewayMode = 'ok' | 'fail' | 'hang';

export interface ReceivedSms {
  authorization: string | undefined;
  body: any;
  at: number;
  /** It answered 200 (a hung or failed request is recorded but not accepted). */
  accepted: boolean;
}

/**
 * A local JSON SMS gateway on a real socket (127.0.0.1, a free port) whose behaviour tests
 * switch at will: `ok` answers 200, `fail` answers 500, `hang` never answers. It records every
 * request it received, whatever it answered.
 */
export class FakeSmsGateway {
  readonly received: ReceivedSms[] = [];
  mode: GatewayMode = 'ok';
  private server?: Server;

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/sms`;
  }

  /** Messages it accepted (answered 200). */
  get delivered(): ReceivedSms[] {
    return this.received.filter((r) => r.accepted);
  }

  static async start(mode: GatewayMode = 'ok'): Promise<FakeSmsGateway> {
    const gateway = new FakeSmsGateway();
    gateway.mode = mode;
    gateway.server = createServer((req, res) => gateway.handle(req, res));
    await new Promise<void>((resolve) => gateway.server!.listen(0, '127.0.0.1', resolve));
    return gateway;
  }

  /** Requests sent to `to`, in arrival order. */
  to(phone: string): ReceivedSms[] {
    return this.received.filter((r) => r.body?.to === phone);
  }

  async close(): Promise<void> {
    this.server!.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      const record: ReceivedSms = {
        authorization: req.headers.authorization,
        body,
        at: Date.now(),
        accepted: false,
      };
      this.received.push(record);
      if (this.mode === 'hang') return;
      record.accepted = this.mode === 'ok';
      res.writeHead(this.mode === 'ok' ? 200 : 500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          this.mode === 'ok' ? { id: String(this.received.length) } : { error: 'boom' },
        ),
      );
    });
  }
}

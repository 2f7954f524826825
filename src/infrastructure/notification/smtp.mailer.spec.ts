import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SmtpMailer } from './smtp.mailer';

const REPLIES: Record<string, string> = {
  EHLO: '250 tiny',
  HELO: '250 tiny',
  MAIL: '250 ok',
  RCPT: '250 ok',
  RSET: '250 ok',
  DATA: '354 go ahead',
};

/**
 * A minimal SMTP server on a real socket: enough of RFC 5321 for nodemailer to deliver one
 * message (or, `silent`, a server that accepts the connection and never greets).
 */
class TinySmtpServer {
  readonly messages: Array<{ from: string; to: string[]; data: string }> = [];
  private server!: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly silent = false) {}

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((socket) => this.session(socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private session(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    if (this.silent) return;
    let from = '';
    let to: string[] = [];
    let data: string | null = null;
    let buffer = '';
    socket.write('220 tiny ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data !== null) {
          if (line === '.') {
            this.messages.push({ from, to, data });
            data = null;
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') from = line;
        if (verb === 'RCPT') to.push(line);
        if (verb === 'RSET') to = [];
        if (verb === 'DATA') data = '';
        if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write(`${REPLIES[verb] ?? '502 not implemented'}\r\n`);
      }
    });
  }
}

describe('SmtpMailer (nodemailer over a real socket)', () => {
  it('delivers from MAIL_FROM to the recipient with subject and text', async () => {
    const server = new TinySmtpServer();
    await server.start();
    const mailer = new SmtpMailer(server.url, 'Atrium <no-reply@atrium.test>', 2000);
    try {
      await mailer.send({
        to: 'ada@example.com',
        subject: 'Confirm your email',
        text: 'open https://x/verify-email?token=abc',
      });
      expect(server.messages).toHaveLength(1);
      const [m] = server.messages;
      expect(m.from).toContain('<no-reply@atrium.test>');
      expect(m.to).toEqual([expect.stringContaining('<ada@example.com>')]);
      expect(m.data).toContain('Subject: Confirm your email');
      expect(m.data).toContain('token=abc');
    } finally {
      mailer.close();
      await server.stop();
    }
  });

  it('gives up on a server that never greets within the timeout', async () => {
    const server = new TinySmtpServer(true);
    await server.start();
    const mailer = new SmtpMailer(server.url, 'Atrium <no-reply@atrium.test>', 300);
    const started = Date.now();
    try {
      await expect(
        mailer.send({ to: 'ada@example.com', subject: 's', text: 't' }),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      mailer.close();
      await server.stop();
    }
  });
});

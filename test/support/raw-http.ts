import { connect, Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Parses the first HTTP/1.1 response in `raw` (Content-Length framed). */
export function parseRawResponse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no complete HTTP response in: ${raw.slice(0, 200)}`);
  const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const length = Number(headers.get('content-length') ?? raw.length - split - 4);
  const text = raw.slice(split + 4, split + 4 + length);
  const json = (headers.get('content-type') ?? '').includes('json') && text.length > 0;
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: json ? JSON.parse(text) : text,
    text,
  };
}

/** An open TCP connection to the app, to write requests by hand (below what fetch allows). */
export class RawConnection {
  private received = '';
  private ended = false;
  private readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (this.received += d));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.ended = true;
        resolve();
      }),
    );
  }

  static async open(baseUrl: string): Promise<RawConnection> {
    const url = new URL(baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawConnection(socket);
  }

  write(text: string): void {
    this.socket.write(text, 'latin1');
  }

  /** Everything the server sent until it closed the connection (or `timeoutMs` passed). */
  async readUntilClosed(timeoutMs = 10_000): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.closed, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    if (!this.ended) this.socket.destroy();
    return this.received;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Sends `request` on a fresh connection and returns the first response the server wrote. */
export async function rawRequest(baseUrl: string, request: string): Promise<RawResponse> {
  const conn = await RawConnection.open(baseUrl);
  conn.write(request);
  return parseRawResponse(await conn.readUntilClosed());
}

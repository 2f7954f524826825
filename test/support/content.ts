import { randomBytes } from 'node:crypto';
import type { HttpClient, HttpResponse } from './app';
import { registerAndLogin, RegisteredUser } from './factories';

export const AUTHOR_ARTICLE_KEYS = [
  'abstract',
  'authorId',
  'content',
  'createdAt',
  'hasUnpublishedChanges',
  'id',
  'publishedAt',
  'status',
  'title',
  'updatedAt',
];
export const PUBLIC_ARTICLE_KEYS = [
  'abstract',
  'author',
  'collected',
  'content',
  'id',
  'liked',
  'publishedAt',
  'stats',
  'title',
];
export const LIST_KEYS = (keys: string[]) => keys.filter((k) => k !== 'content');

export function uniqueTitle(prefix = 'title'): string {
  return `${prefix} ${randomBytes(6).toString('hex')}`;
}

function expectStatus(res: HttpResponse, status: number, what: string): HttpResponse {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text}`);
  return res;
}

/** A content/interaction client bound to one app. */
export class Content {
  constructor(readonly http: HttpClient) {}

  user(): Promise<RegisteredUser> {
    return registerAndLogin(this.http);
  }

  create(
    token: string,
    body: Record<string, unknown> = {
      title: uniqueTitle(),
      content: `content ${randomBytes(8).toString('hex')}`,
    },
  ) {
    return this.http.post('/v1/articles', body, { token });
  }

  async draft(token: string, body?: { title: string; content: string }): Promise<any> {
    return expectStatus(await this.create(token, body), 201, 'create article').body;
  }

  async published(token: string, body?: { title: string; content: string }): Promise<any> {
    const a = await this.draft(token, body);
    return expectStatus(await this.publish(token, a.id), 200, 'publish').body;
  }

  get(token: string, id: string) {
    return this.http.get(`/v1/articles/${id}`, { token });
  }

  edit(token: string, id: string, body: Record<string, unknown>) {
    return this.http.patch(`/v1/articles/${id}`, body, { token });
  }

  publish(token: string, id: string) {
    return this.http.post(`/v1/articles/${id}/publish`, undefined, { token });
  }

  withdraw(token: string, id: string) {
    return this.http.post(`/v1/articles/${id}/withdraw`, undefined, { token });
  }

  feedItem(id: string, token?: string) {
    return this.http.get(`/v1/feed/${id}`, token ? { token } : {});
  }

  like(token: string, id: string, on = true) {
    return on
      ? this.http.put(`/v1/feed/${id}/like`, undefined, { token })
      : this.http.delete(`/v1/feed/${id}/like`, { token });
  }

  collect(token: string, id: string, on = true) {
    return on
      ? this.http.put(`/v1/feed/${id}/collect`, undefined, { token })
      : this.http.delete(`/v1/feed/${id}/collect`, { token });
  }

  reward(token: string, id: string, body: Record<string, unknown>, key?: string) {
    return this.http.post(`/v1/feed/${id}/rewards`, body, {
      token,
      headers: key ? { 'idempotency-key': key } : {},
    });
  }

  /** Follows nextCursor through every page of a list. */
  async all(path: string, token?: string, limit = 100): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: HttpResponse = await this.http.get(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token ? { token } : {},
      );
      expectStatus(res, 200, `list ${path}`);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }
}

/**
 * Seeds published articles straight into the database (multi-row INSERTs, 1,000 rows per
 * statement), for measuring the ranking recomputation on a realistic volume:
 *
 *   DB_NAME=atrium npx ts-node --transpile-only scripts/seed-articles.ts 100000
 *
 * Creates one author (a `users` row) and N articles, each in both stores (`articles` with status
 * published and `published_articles`) with an `article_stats` row: publish times spread over the
 * last 30 days, like counts skewed (most articles have few likes, some many).
 */
import { createConnection, Connection } from 'mysql2/promise';
import { newId } from '../src/domain/shared/uuid';

const BATCH = 1000;
const DAY_MS = 86_400_000;

function bin(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

export async function seedArticles(
  db: Connection,
  count: number,
): Promise<{ authorId: string; ms: number }> {
  const started = Date.now();
  const now = Date.now();
  const authorId = newId();
  const username = `seed_${authorId.slice(-12)}`;
  await db.query(
    `INSERT INTO users (id, username, email, full_name, nickname, role, email_verified, created_at, updated_at)
     VALUES (?, ?, ?, 'Seed Author', 'Seeder', 'user', 0, ?, ?)`,
    [bin(authorId), username, `${username}@example.com`, new Date(now), new Date(now)],
  );
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    const articles: unknown[] = [];
    const published: unknown[] = [];
    const stats: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const id = bin(newId());
      const publishedAt = new Date(now - Math.floor(Math.random() * 30 * DAY_MS));
      const title = `Seeded article ${done + i}`;
      const content = `Body of seeded article ${done + i}. `.repeat(4);
      const abstract = content.slice(0, 128);
      const likes = Math.floor(Math.pow(Math.random(), 4) * 1000);
      articles.push(
        id,
        bin(authorId),
        title,
        content,
        abstract,
        publishedAt,
        publishedAt,
        publishedAt,
      );
      published.push(id, bin(authorId), title, content, abstract, publishedAt);
      stats.push(id, Math.floor(Math.random() * 10_000), likes);
    }
    await db.query(
      `INSERT INTO articles (id, author_id, title, content, abstract, status, has_unpublished_changes, created_at, updated_at, published_at)
       VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?, 'published', 0, ?, ?, ?)").join(', ')}`,
      articles,
    );
    await db.query(
      `INSERT INTO published_articles (id, author_id, title, content, abstract, published_at) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      published,
    );
    await db.query(
      `INSERT INTO article_stats (article_id, \`reads\`, likes, collects) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, 0)').join(', ')}`,
      stats,
    );
  }
  return { authorId, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error('usage: seed-articles.ts <count>');
  const db = await createConnection({
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 3306),
    user: process.env.DB_USER ?? 'atrium',
    password: process.env.DB_PASSWORD ?? 'atrium',
    database: process.env.DB_NAME ?? 'atrium',
  });
  try {
    const { authorId, ms } = await seedArticles(db, count);
    console.log(`seeded ${count} published articles by ${authorId} in ${ms} ms`);
  } finally {
    await db.end();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidToBuffer } from './column-codecs';
import { RowMapper, selectList } from './row-mapper';

/** Rows changed by a raw INSERT/UPDATE/DELETE (TypeORM's query() may wrap mysql2's result header). */
export function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return affectedRows(result[1] ?? result[0]);
  return (result as { affectedRows?: number })?.affectedRows ?? 0;
}

/** `?, ?, ?` for an `IN (…)` list of `n` values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/**
 * Where a read runs. The primary, unless the caller declared that it accepts a replica's lag
 * (`Sql.fromReplica()`), it runs outside a unit of work (a transaction's reads must see its own
 * writes and hold its locks), and replicas are configured (`DB_REPLICA_HOSTS`).
 */
export function readTarget(read: {
  lagTolerant: boolean;
  inTransaction: boolean;
  replicated: boolean;
}): 'primary' | 'replica' {
  return read.lagTolerant && !read.inTransaction && read.replicated ? 'replica' : 'primary';
}

/** The reads, wherever they run. */
export abstract class SqlReads {
  /** SELECT: the rows as mysql2 returns them. */
  abstract rows<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;

  async one<R>(sql: string, params: readonly unknown[] = []): Promise<R | null> {
    const rows = await this.rows<R>(sql, params);
    return rows[0] ?? null;
  }

  /**
   * A keyset page of `mapper`'s table, newest first by the UUIDv7 `id`: the rows matching every
   * `column = value` of `where` (undefined values are no filter), with an id below `beforeId`
   * when given, at most `limit`. Each list repository reads its pages through this.
   *
   * `index` names the index on `(filter columns…, id)` that the page must be read through
   * (`FORCE INDEX`). Left to itself, MariaDB 10.11 picks `ref` access on the filter column for
   * a deep page and reads every row of the owner newer than the cursor to return `limit` of
   * them (17,012 rows for page 1,000 of an account with 1,000,000 entries); through the index
   * it is a `range` that reads `limit` rows at any depth. docs/performance.md has the plans.
   */
  newestFirst<D, R extends object>(
    mapper: RowMapper<D, R>,
    where: Partial<Record<keyof R & string, unknown>>,
    beforeId: string | null,
    limit: number,
    index?: string,
  ): Promise<R[]> {
    const filters = Object.entries(where).filter(([, value]) => value !== undefined);
    const conditions = filters.map(([column]) => `${column} = ?`);
    const params = filters.map(([, value]) => value);
    if (beforeId) {
      conditions.push('id < ?');
      params.push(uuidToBuffer(beforeId));
    }
    const clause = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    if (index !== undefined && !/^\w+$/.test(index))
      return Promise.reject(new Error(`bad index name ${index}`));
    const from = index ? `${mapper.table} FORCE INDEX (${index})` : mapper.table;
    return this.rows<R>(
      `SELECT ${selectList(mapper)} FROM ${from} ${clause} ORDER BY id DESC LIMIT ?`,
      [...params, limit],
    );
  }
}

/** Reads that accept a replica's lag (see `Sql.fromReplica()`). */
class ReplicaReads extends SqlReads {
  constructor(private readonly sql: Sql) {
    super();
  }

  rows<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.sql.replicaRows<R>(sql, params);
  }
}

/** How often a failing replica is reported while its reads fall back to the primary. */
const REPLICA_WARNING_MS = 10_000;

/**
 * The one way repositories talk to the database: parameterised SQL on the connection of the
 * current unit of work (or a pooled one outside it), so every statement joins the caller's
 * transaction without an `EntityManager` being passed around. Every statement runs on the
 * primary, except the reads made through `fromReplica()`.
 */
@Injectable()
export class Sql extends SqlReads {
  private readonly logger = new Logger(Sql.name);
  private readonly replicated: boolean;
  private readonly replica = new ReplicaReads(this);
  private warnedAt = 0;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
    this.replicated = 'replication' in dataSource.options && !!dataSource.options.replication;
  }

  rows<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.txHost.tx.query(sql, params as unknown[]);
  }

  /**
   * The same reads, declared tolerant of replica lag: they may miss the last writes (seconds,
   * or more while a replica is behind). Only for the paths docs/scaling.md ("Read replicas")
   * lists; everything else reads the primary. Inside a unit of work they join its transaction.
   * A replica that fails answers from the primary instead.
   */
  fromReplica(): SqlReads {
    return this.replica;
  }

  /** @internal ReplicaReads' one way in. */
  async replicaRows<R>(sql: string, params: readonly unknown[]): Promise<R[]> {
    const target = readTarget({
      lagTolerant: true,
      inTransaction: this.txHost.isTransactionActive(),
      replicated: this.replicated,
    });
    if (target === 'primary') return this.rows<R>(sql, params);
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return (await runner.query(sql, params as unknown[])) as R[];
    } catch (error) {
      this.warnReplicaFailure(error);
      return this.rows<R>(sql, params);
    } finally {
      await runner.release();
    }
  }

  private warnReplicaFailure(error: unknown): void {
    const now = Date.now();
    if (now - this.warnedAt < REPLICA_WARNING_MS) return;
    this.warnedAt = now;
    this.logger.warn(
      `A replica read failed, reading the primary instead: ${(error as Error).message}`,
    );
  }

  /** INSERT/UPDATE/DELETE: the number of rows changed. */
  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    return affectedRows(await this.txHost.tx.query(sql, params as unknown[]));
  }

  /** One multi-row INSERT of `values` through their mapper (columns spelled once, in the mapper). */
  insert<D, R extends object>(mapper: RowMapper<D, R>, ...values: D[]): Promise<number> {
    return this.insertRows('INSERT', mapper, values);
  }

  /** The same as an `INSERT IGNORE`: a row whose key exists is skipped (count it in the result). */
  insertIgnoringDuplicates<D, R extends object>(
    mapper: RowMapper<D, R>,
    ...values: D[]
  ): Promise<number> {
    return this.insertRows('INSERT IGNORE', mapper, values);
  }

  private async insertRows<D, R extends object>(
    verb: 'INSERT' | 'INSERT IGNORE',
    mapper: RowMapper<D, R>,
    values: D[],
  ): Promise<number> {
    if (values.length === 0) return 0;
    const row = `(${placeholders(mapper.columns.length)})`;
    const params = values.flatMap((v) => {
      const r = mapper.toRow(v);
      return mapper.columns.map((c) => r[c]);
    });
    return this.execute(
      `${verb} INTO ${mapper.table} (${mapper.columns.join(', ')}) VALUES ${values.map(() => row).join(', ')}`,
      params,
    );
  }
}

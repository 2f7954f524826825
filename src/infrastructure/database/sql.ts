import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
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
 * The one way repositories talk to the database: parameterised SQL on the connection of the
 * current unit of work (or a pooled one outside it), so every statement joins the caller's
 * transaction without an `EntityManager` being passed around.
 */
@Injectable()
export class Sql {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** SELECT: the rows as mysql2 returns them. */
  rows<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.txHost.tx.query(sql, params as unknown[]);
  }

  async one<R>(sql: string, params: readonly unknown[] = []): Promise<R | null> {
    const rows = await this.rows<R>(sql, params);
    return rows[0] ?? null;
  }

  /** INSERT/UPDATE/DELETE: the number of rows changed. */
  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    return affectedRows(await this.txHost.tx.query(sql, params as unknown[]));
  }

  /**
   * A keyset page of `mapper`'s table, newest first by the UUIDv7 `id`: the rows matching every
   * `column = value` of `where` (undefined values are no filter), with an id below `beforeId`
   * when given, at most `limit`. Each list repository reads its pages through this.
   */
  newestFirst<D, R extends object>(
    mapper: RowMapper<D, R>,
    where: Partial<Record<keyof R & string, unknown>>,
    beforeId: string | null,
    limit: number,
  ): Promise<R[]> {
    const filters = Object.entries(where).filter(([, value]) => value !== undefined);
    const conditions = filters.map(([column]) => `${column} = ?`);
    const params = filters.map(([, value]) => value);
    if (beforeId) {
      conditions.push('id < ?');
      params.push(uuidToBuffer(beforeId));
    }
    const clause = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.rows<R>(
      `SELECT ${selectList(mapper)} FROM ${mapper.table} ${clause} ORDER BY id DESC LIMIT ?`,
      [...params, limit],
    );
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

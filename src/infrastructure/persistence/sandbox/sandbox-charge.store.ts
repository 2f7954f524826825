import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { affectedRows, placeholders } from '@infra/database/sql';
import { SandboxCharge, SandboxChargeRow, sandboxChargeMapper } from './sandbox-charge.mapper';

const COLUMNS = selectList(sandboxChargeMapper);

/**
 * The sandbox provider's storage. It stands for a system outside Atrium, so its statements run
 * on pooled connections of their own (the DataSource, not `Sql`), never inside an Atrium unit
 * of work: a charge exists whether or not the business transaction that asked for it commits.
 */
@Injectable()
export class SandboxChargeStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates the charge, or returns the one already created for this payment (idempotency key). */
  async create(charge: SandboxCharge): Promise<SandboxCharge> {
    const row = sandboxChargeMapper.toRow(charge);
    await this.dataSource.query(
      `INSERT IGNORE INTO sandbox_charges (${sandboxChargeMapper.columns.join(', ')})
       VALUES (${placeholders(sandboxChargeMapper.columns.length)})`,
      sandboxChargeMapper.columns.map((c) => row[c]),
    );
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sandbox_charges WHERE payment_id = ?`,
      [uuidToBuffer(charge.paymentId)],
    )) as SandboxChargeRow[];
    return sandboxChargeMapper.toDomain(rows[0]);
  }

  async find(providerRef: string): Promise<SandboxCharge | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sandbox_charges WHERE provider_ref = ?`,
      [providerRef],
    )) as SandboxChargeRow[];
    return rows[0] ? sandboxChargeMapper.toDomain(rows[0]) : null;
  }

  /** pending → succeeded | failed; false when the charge was already decided. */
  async settle(providerRef: string, status: 'succeeded' | 'failed', now: Date): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE sandbox_charges SET status = ?, settled_at = ? WHERE provider_ref = ? AND status = 'pending'`,
      [status, now, providerRef],
    );
    return affectedRows(result) === 1;
  }

  /** succeeded → refunded; false when the charge was not a succeeded one (refunded already, or never paid). */
  async refund(providerRef: string, now: Date): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE sandbox_charges SET status = 'refunded', refunded_at = ?
       WHERE provider_ref = ? AND status = 'succeeded'`,
      [now, providerRef],
    );
    return affectedRows(result) === 1;
  }

  /** The charges refunded in [from, to), oldest first. */
  async refundedBetween(from: Date, to: Date): Promise<SandboxCharge[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sandbox_charges WHERE refunded_at >= ? AND refunded_at < ?
       ORDER BY refunded_at, provider_ref`,
      [from, to],
    )) as SandboxChargeRow[];
    return rows.map(sandboxChargeMapper.toDomain);
  }

  /** The charges decided in [from, to), oldest first (whatever happened to them since). */
  async settledBetween(from: Date, to: Date): Promise<SandboxCharge[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sandbox_charges WHERE settled_at >= ? AND settled_at < ?
       ORDER BY settled_at, provider_ref`,
      [from, to],
    )) as SandboxChargeRow[];
    return rows.map(sandboxChargeMapper.toDomain);
  }
}

import { bufferToUuid, toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export const SANDBOX_CHARGE_STATUSES = ['pending', 'succeeded', 'failed', 'refunded'] as const;
export type SandboxChargeStatus = (typeof SANDBOX_CHARGE_STATUSES)[number];

/** A charge at the sandbox provider. */
export interface SandboxCharge {
  providerRef: string;
  paymentId: string;
  amount: number;
  currency: string;
  description: string;
  status: SandboxChargeStatus;
  createdAt: Date;
  /** When the payer paid or declined. */
  settledAt: Date | null;
  /** When the sandbox refunded it (status `refunded`). */
  refundedAt: Date | null;
}

export interface SandboxChargeRow {
  provider_ref: string;
  payment_id: Buffer;
  amount: number | string;
  currency: string;
  description: string;
  status: SandboxChargeStatus;
  created_at: Date;
  settled_at: Date | null;
  refunded_at: Date | null;
}

export const sandboxChargeMapper: RowMapper<SandboxCharge, SandboxChargeRow> = {
  table: 'sandbox_charges',
  columns: [
    'provider_ref',
    'payment_id',
    'amount',
    'currency',
    'description',
    'status',
    'created_at',
    'settled_at',
    'refunded_at',
  ],
  toDomain: (r) => ({
    providerRef: r.provider_ref,
    paymentId: bufferToUuid(r.payment_id),
    amount: toSafeInteger(r.amount),
    currency: r.currency,
    description: r.description,
    status: r.status,
    createdAt: r.created_at,
    settledAt: r.settled_at,
    refundedAt: r.refunded_at,
  }),
  toRow: (c) => ({
    provider_ref: c.providerRef,
    payment_id: uuidToBuffer(c.paymentId),
    amount: c.amount,
    currency: c.currency,
    description: c.description,
    status: c.status,
    created_at: c.createdAt,
    settled_at: c.settledAt,
    refunded_at: c.refundedAt,
  }),
};

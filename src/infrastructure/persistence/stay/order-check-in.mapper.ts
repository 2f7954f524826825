import { CheckInCredential } from '@domain/stay/check-in-credential';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface OrderCheckInRow {
  order_id: Buffer;
  code_hash: string;
  wrong_codes: number;
  lockouts: number;
  locked_until: Date | null;
}

export const orderCheckInMapper: RowMapper<CheckInCredential, OrderCheckInRow> = {
  table: 'order_check_ins',
  columns: ['order_id', 'code_hash', 'wrong_codes', 'lockouts', 'locked_until'],
  toDomain: (r) =>
    CheckInCredential.restore({
      orderId: bufferToUuid(r.order_id),
      codeHash: r.code_hash,
      wrongCodes: r.wrong_codes,
      lockouts: r.lockouts,
      lockedUntil: r.locked_until,
    }),
  toRow: (credential) => {
    const c = credential.snapshot();
    return {
      order_id: uuidToBuffer(c.orderId),
      code_hash: c.codeHash,
      wrong_codes: c.wrongCodes,
      lockouts: c.lockouts,
      locked_until: c.lockedUntil,
    };
  },
};

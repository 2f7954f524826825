import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeBigInt, uuidBinary } from '@infra/database/column-codecs';

/** Ids are UUIDv7: (city, id DESC) is the newest-first keyset order of a city's list. */
@Entity('homestays')
@Index('ix_homestays_city', ['city', 'id'])
@Index('ix_homestays_host', ['hostId'])
export class HomestayOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ name: 'host_id', type: 'binary', length: 16, transformer: uuidBinary })
  hostId: string;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 100 })
  city: string;

  @Column({ name: 'price_per_night', type: 'bigint', transformer: safeBigInt })
  pricePerNight: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'max_guests', type: 'smallint' })
  maxGuests: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  /**
   * Bumped by every transaction that takes this row as its lock (booking, editing). On Galera only
   * written rows are certified across nodes: a lock that is only read holds on one node.
   */
  @Column({ name: 'lock_seq', type: 'bigint', unsigned: true, default: 0, transformer: safeBigInt })
  lockSeq: number;
}

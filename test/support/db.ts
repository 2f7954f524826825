import { createConnection, Connection } from 'mysql2/promise';

/** A direct connection to the run's database, for asserting what the API wrote. */
export function connectDb(): Promise<Connection> {
  return createConnection({
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT),
    user: process.env.DB_USER,
    password: process.env.DB_PASSWORD,
    database: process.env.DB_NAME,
    supportBigNumbers: true,
    timezone: 'Z',
  });
}

export { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';

import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Appends one JSON object per line to `<OUTBOX_DIR>/<file>` (the `file` transports of API.md). */
export class FileOutboxWriter {
  private ready?: Promise<unknown>;

  constructor(private readonly dir: string) {}

  async append(file: string, record: Record<string, unknown>): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    await appendFile(join(this.dir, file), `${JSON.stringify(record)}\n`, 'utf8');
  }
}

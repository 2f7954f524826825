import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationError } from '@domain/shared/domain-error';

/** `?limit=&cursor=` of every list (API.md Conventions). */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque; the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Where a keyset list resumes: the sort key of the last row served (short keys: it is in URLs). */
export type CursorPosition = Record<string, string | number>;

/** Cursors are opaque to clients: base64url JSON of the keyset position. */
function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<T extends Record<string, unknown>>(
  cursor: string | undefined,
  isValid: (v: Record<string, unknown>) => boolean,
): T | null {
  if (cursor === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && isValid(value)) return value as T;
  } catch {
    // fall through
  }
  throw new ValidationError('cursor', 'is not a cursor this list produced');
}

/**
 * Keyset lists read one row more than the page holds: that row's presence is how a list knows
 * a next page exists without counting. Ask the store for `keysetFetchSize(limit)` rows and turn
 * them into the page with `keysetPage`.
 */
export function keysetFetchSize(limit: number): number {
  return limit + 1;
}

/**
 * The page of `rows` (read with keysetFetchSize): its first `limit` rows, mapped by `toItem`
 * when given, and the cursor at the position of its last row when more rows follow.
 */
export function keysetPage<R>(
  rows: readonly R[],
  limit: number,
  positionOf: (last: R) => CursorPosition,
): Page<R>;
export function keysetPage<R, T>(
  rows: readonly R[],
  limit: number,
  positionOf: (last: R) => CursorPosition,
  toItem: (row: R) => T,
): Page<T>;
export function keysetPage<R, T>(
  rows: readonly R[],
  limit: number,
  positionOf: (last: R) => CursorPosition,
  toItem?: (row: R) => T,
): Page<R | T> {
  const page = rows.slice(0, limit);
  return {
    items: toItem ? page.map((row) => toItem(row)) : page,
    nextCursor: rows.length > limit ? encodeCursor(positionOf(page[page.length - 1])) : null,
  };
}

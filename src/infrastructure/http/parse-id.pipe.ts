import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@domain/shared/domain-error';
import { isUuid } from '@domain/shared/uuid';

/** Ids are opaque to clients: a malformed one names nothing, so it is a 404, not a 400. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !isUuid(value)) throw new NotFoundError();
    return value.toLowerCase();
  }
}

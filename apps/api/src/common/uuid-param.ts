import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../../../../libs/errors/src/index.js';

/** Path ids are UUIDs; anything else is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => DomainError.validation(`Path parameter ${name} must be a UUID`, [{ field: name, message: 'must be a UUID' }]),
  });
}

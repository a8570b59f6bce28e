import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { DomainError, type InputProblem } from '../../../../libs/errors/src/index.js';

function flatten(errors: ValidationError[], prefix = ''): InputProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * A DTO body is JSON: a plain object or array. Anything else (a request stream handed on
 * by a streamed-body parser) is refused before class-transformer walks it: walking a
 * stream's native handles aborts Node.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== null && typeof value === 'object') {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null && !Array.isArray(value)) {
        throw new DomainError('unsupported-media-type', 'This route takes a JSON body (application/json)');
      }
    }
    return super.transform(value, metadata);
  }
}

/** Strict input: unknown fields refused, types transformed, every problem named by field. */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => DomainError.validation('The request is invalid', flatten(errors)),
  });
}

/**
 * A class-validator decorator from an `explain(value) → message | null` function of the
 * identifiers library, so the API and the ingest share one definition of "valid".
 */
export function Satisfies(explain: (value: unknown) => string | null, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: `satisfies${explain.name}`,
      target: target.constructor,
      propertyName: propertyName as string,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => explain(value) === null,
        defaultMessage: (args) => explain(args?.value) ?? 'is invalid',
      },
    });
  };
}

/** A calendar date written YYYY-MM-DD that exists (no 2025-02-30). */
export function IsIsoDate(validationOptions?: ValidationOptions): PropertyDecorator {
  return Satisfies(function explainIsoDate(value: unknown): string | null {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'must be a date written YYYY-MM-DD';
    const d = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? `${value} is not a calendar date` : null;
  }, validationOptions);
}

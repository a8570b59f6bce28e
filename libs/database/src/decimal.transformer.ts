import type { ValueTransformer } from 'typeorm';
import { Decimal } from 'decimal.js';

/**
 * Maps PostgreSQL `numeric` to a Decimal and back, so money never passes through a JS
 * number. The driver hands `numeric` over as a string already; this keeps it exact.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: Decimal | string | null | undefined) => (value == null ? value : new Decimal(value).toFixed()),
  from: (value: string | null) => (value == null ? value : new Decimal(value)),
};

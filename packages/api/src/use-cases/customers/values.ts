import type { z } from 'zod';
import type { customerInput } from '../../domain/customer.ts';

/** A customer's profile as the form sends it, once parsed. */
export type CustomerValues = z.output<typeof customerInput>;

import { purgeDeletedNotes as purge } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';

/** Idempotent: only notes past their Undo grace period go, and going twice is a no-op. */
export const purgeDeletedNotes = (deps: { db: Database }, now = new Date()) => purge(deps, now);

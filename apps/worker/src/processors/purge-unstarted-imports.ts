import { purgeUnstartedImports as purge } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';

/** Idempotent: only uploads left unstarted for a day go, and going twice is a no-op. */
export const purgeUnstartedImports = (deps: { db: Database }, now = new Date()) => purge(deps, now);

import { purgeUnroutableEmail as purge } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';

export const purgeUnroutableEmail = (deps: { db: Database }) => purge(deps);

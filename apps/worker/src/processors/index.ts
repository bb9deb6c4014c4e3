import type { JobName, JobPayload } from '@rapport/api/jobs';
import type { Database } from '@rapport/db';
import type { Logger } from 'pino';
import { purgeDeletedNotes } from './purge-deleted-notes.ts';
import { purgeExpiredSessions } from './purge-expired-sessions.ts';

export interface ProcessorDeps {
	db: Database;
	log: Logger;
}

type Processor<N extends JobName> = (
	payload: JobPayload<N>,
	deps: ProcessorDeps,
) => Promise<unknown>;

/** One processor per job name; the compiler insists every job in the contract has one. */
export const processors: { [N in JobName]: Processor<N> } = {
	'purge-expired-sessions': (_payload, deps) => purgeExpiredSessions(deps),
	'purge-deleted-notes': (_payload, deps) => purgeDeletedNotes(deps),
};

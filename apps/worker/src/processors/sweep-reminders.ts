import { sweepReminders as sweep } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';
import type { Queue } from 'bullmq';
import { emailJobs } from './email-jobs.ts';

/** The repeating reminder sweep (REMINDER_SWEEP_SECONDS): see sweepReminders. */
export function sweepReminders(
	deps: { db: Database; emailQueue: Queue; mailDomain: string },
	now = new Date(),
) {
	return sweep(
		{ db: deps.db, jobs: emailJobs(deps.emailQueue), mail: { domain: deps.mailDomain } },
		now,
	);
}

import type { PublishCustomerEvents } from '@rapport/api/events';
import type { JobName, JobPayload } from '@rapport/api/jobs';
import type { Database } from '@rapport/db';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { importCustomers } from './import-customers.ts';
import {
	type FormIngest,
	ingestFormSubmission,
	ingestFormSubmissions,
} from './ingest-form-submission.ts';
import { ingestInboundEmail } from './ingest-inbound-email.ts';
import { purgeDeletedNotes } from './purge-deleted-notes.ts';
import { purgeExpiredSessions } from './purge-expired-sessions.ts';
import { purgeUnroutableEmail } from './purge-unroutable-email.ts';
import { purgeUnstartedImports } from './purge-unstarted-imports.ts';
import { recordOnlinePayment } from './record-online-payment.ts';
import { sendAccountEmail } from './send-account-email.ts';
import { type AttemptInfo, type SendEmailDeps, sendEmail } from './send-email.ts';
import { sweepOutbox } from './sweep-outbox.ts';
import { sweepReminders } from './sweep-reminders.ts';

export interface ProcessorDeps extends SendEmailDeps {
	db: Database;
	log: Logger;
	/** Live updates to open dashboards (Redis pub/sub). */
	publish?: PublishCustomerEvents;
	emailQueue: Queue;
	/** The process's batcher of contact-form submissions (built by startWorkers). */
	formIngest: FormIngest;
	/** INBOUND_EMAIL_DOMAIN (defaults to the host of `origin`). */
	inboundDomain?: string;
}

type Processor<N extends JobName> = (
	payload: JobPayload<N>,
	deps: ProcessorDeps,
	attempt: AttemptInfo,
) => Promise<unknown>;

/** One processor per job name; the compiler insists every job in the contract has one. */
export const processors: { [N in JobName]: Processor<N> } = {
	'purge-expired-sessions': (_payload, deps) => purgeExpiredSessions(deps),
	'purge-deleted-notes': (_payload, deps) => purgeDeletedNotes(deps),
	'purge-unstarted-imports': (_payload, deps) => purgeUnstartedImports(deps),
	'sweep-outbox': (_payload, deps) => sweepOutbox(deps),
	'sweep-reminders': (_payload, deps) => sweepReminders(deps),
	'send-email': (payload, deps, attempt) => sendEmail(payload, deps, attempt),
	'send-account-email': (payload, deps) => sendAccountEmail(payload, deps),
	'purge-unroutable-email': (_payload, deps) => purgeUnroutableEmail(deps),
	'ingest-form-submissions': (payload, deps) => ingestFormSubmissions(payload, deps),
	// The old single-submission name: only jobs an older release left queued or failed.
	'ingest-form-submission': (payload, deps) => ingestFormSubmission(payload, deps),
	'ingest-inbound-email': (payload, deps) => ingestInboundEmail(payload, deps),
	'record-online-payment': (payload, deps) => recordOnlinePayment(payload, deps),
	'import-customers': (payload, deps, attempt) => importCustomers(payload, deps, attempt),
};

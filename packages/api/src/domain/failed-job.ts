/**
 * Jobs that failed for good, as the business owner sees them: what it was and why, in plain
 * words. The raw error stays in the database for operators (internal text never reaches a page).
 */

export type FailedJobKind = 'attempts' | 'unrecoverable' | 'stalled';

/** Crashes of the worker a job may cause before it is set aside (BullMQ's stalled count). */
export const MAX_STALLED_COUNT = 10;

export const STALLED_REASON = 'job stalled more than allowable limit';

export function failedJobKind(error: { name?: string; message?: string }): FailedJobKind {
	if (error.message === STALLED_REASON) return 'stalled';
	if (error.name === 'UnrecoverableError') return 'unrecoverable';
	return 'attempts';
}

/** Why it failed, for the owner. Unrecoverable reasons are written for people where raised. */
export function plainFailureReason(kind: FailedJobKind, reason: string, attempts: number): string {
	switch (kind) {
		case 'stalled':
			return 'The worker stopped every time it worked on this, so it was set aside to keep everything else running.';
		case 'unrecoverable':
			return reason;
		case 'attempts':
			return `It went wrong each of the ${attempts} time${attempts === 1 ? '' : 's'} it was tried.`;
	}
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

function sender(submission: unknown): string {
	const s = (submission ?? {}) as { name?: unknown; email?: unknown };
	const name = text(s.name);
	const email = text(s.email);
	return name && email ? `${name} <${email}>` : (name ?? email ?? 'an unknown sender');
}

/** One line saying what the job was about, read from its payload (which may be malformed). */
export function describeFailedJob(jobName: string, payload: unknown): string {
	const p = (payload ?? {}) as { submissions?: unknown };
	switch (jobName) {
		case 'ingest-form-submission':
			return `Contact-form submission from ${sender(payload)}`;
		case 'ingest-form-submissions': {
			const list = Array.isArray(p.submissions) ? p.submissions : [];
			if (list.length === 0) return 'Contact-form submissions';
			if (list.length === 1) return `Contact-form submission from ${sender(list[0])}`;
			return `${list.length} contact-form submissions (from ${list.map(sender).join(', ')})`;
		}
		case 'send-email':
			return 'An outgoing email';
		case 'ingest-inbound-email':
			return 'An incoming email';
		case 'record-online-payment':
			return 'An online payment from Stripe';
		default:
			return 'A background task';
	}
}

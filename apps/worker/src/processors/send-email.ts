import { type DeliverEmailDeps, deliverEmail, UndeliverableError } from '@rapport/api/use-cases';
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { Mailer } from '../email/mailer.ts';
import type { EmailTemplates } from '../email/templates.ts';

export { UNCERTAIN_OUTCOME } from '@rapport/api/use-cases';

/** The mailer and templates are the worker's (email/); the workflow is deliverEmail's. */
export type SendEmailDeps = DeliverEmailDeps & {
	log: Logger;
	mailer: Mailer;
	templates: EmailTemplates;
};

export interface AttemptInfo {
	attemptsMade: number;
	attempts: number;
}

/** The send-email job: at most one email per row (see deliverEmail for the state machine). */
export async function sendEmail(
	payload: { messageId: string },
	deps: SendEmailDeps,
	attempt: AttemptInfo,
) {
	try {
		return await deliverEmail(deps, { messageId: payload.messageId, attempt });
	} catch (error) {
		// Retrying cannot help: BullMQ must not run the job again.
		if (error instanceof UndeliverableError) throw new UnrecoverableError(error.message);
		throw error;
	}
}

export { type InvoiceEmailLabels, invoiceEmailLabels } from '../../domain/invoice-email.ts';
export { deliverEmail, UNCERTAIN_OUTCOME } from './deliver.ts';
export {
	type DeliverEmailDeps,
	type OutgoingEmail,
	type RenderedEmail,
	UndeliverableError,
} from './deps.ts';
export { enqueueEmail, QUEUE_UNAVAILABLE } from './enqueue.ts';
export { type OutboundEmailDraft, queueEmail } from './queue.ts';
export { retryEmail } from './retry.ts';
export { IN_FLIGHT_GRACE_MS, type OutboxQueue, settleStuckEmails } from './settle-stuck.ts';

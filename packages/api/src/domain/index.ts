export * from './account.ts';
export * from './api-key.ts';
export * from './business.ts';
export * from './clean-text.ts';
export * from './customer.ts';
export * from './customer-import.ts';
export * from './customer-matching.ts';
export * from './customer-merge.ts';
export * from './delivery-state.ts';
export * from './email-identity.ts';
export * from './email-verification.ts';
export * from './errors.ts';
export * from './failed-job.ts';
export * from './field-errors.ts';
export * from './form-fields.ts';
export * from './form-redirect.ts';
export * from './form-spam.ts';
export * from './form-submission.ts';
export * from './inbound-email.ts';
export * from './invoice.ts';
export * from './invoice-email-template.ts';
export * from './invoice-number.ts';
export * from './invoice-overview.ts';
export * from './invoice-status.ts';
export * from './language.ts';
export * from './locale-number.ts';
export * from './message.ts';
export * from './money.ts';
export * from './note.ts';
export * from './outage.ts';
export * from './password-reset.ts';
export * from './payment.ts';
export * from './plan.ts';
export * from './raw-email.ts';
export {
	REMINDER_EMAIL_VARIABLES,
	REMINDER_MESSAGE_MAX,
	REMINDER_SUBJECT_MAX,
} from './reminder-email.ts';
export * from './reminder-schedule.ts';
export * from './smtp-failure.ts';

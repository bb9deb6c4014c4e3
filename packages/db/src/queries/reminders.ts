import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';

/**
 * Issued, unpaid invoices that reminders may concern now: not paused, the business has
 * reminders on and a plan with invoices (a trial that ended counts as Starter), the customer has
 * an email, and the due date is within the widest schedule. Paged by id so a sweep of many
 * invoices holds no long transaction. `today` is a UTC calendar date; the window is wide enough
 * for every time zone.
 */
export async function findReminderCandidates(
	db: Executor,
	opts: { today: string; afterId?: string; limit: number; now?: Date },
) {
	let query = db
		.selectFrom('invoices')
		.innerJoin('businesses', 'businesses.id', 'invoices.businessId')
		.innerJoin('customers', 'customers.id', 'invoices.customerId')
		.select([
			'invoices.id',
			'invoices.businessId',
			'invoices.dueDate',
			'invoices.issuedAt',
			'businesses.timeZone',
			'businesses.reminderHour',
			'businesses.reminderSteps',
			'businesses.remindersEnabledAt',
		])
		.select((eb) => [
			claimedOffsets(eb.ref('invoices.id')).as('claimedOffsets'),
			lastInvoiceEmailAt(eb.ref('invoices.id')).as('lastInvoiceEmailAt'),
		])
		.where('invoices.status', '=', 'sent')
		.where('invoices.remindersPausedAt', 'is', null)
		.where('businesses.remindersEnabled', '=', true)
		.where('businesses.plan', 'in', ['launch', 'grow'])
		.where((eb) =>
			eb.or([
				eb('businesses.trialEndsAt', 'is', null),
				eb('businesses.trialEndsAt', '>', opts.now ?? new Date()),
			]),
		)
		.where('customers.email', 'is not', null)
		.where(
			sql<boolean>`invoices.due_date between ${opts.today}::date - 182 and ${opts.today}::date + 62`,
		)
		.orderBy('invoices.id')
		.limit(opts.limit);
	if (opts.afterId) query = query.where('invoices.id', '>', opts.afterId);
	return query.execute();
}

// The steps an invoice already had (sent, queued, or nudged by hand), whatever became of them.
const claimedOffsets = (invoiceId: unknown) =>
	sql<number[]>`(select coalesce(array_agg(m.reminder_offset), '{}') from messages m
		where m.invoice_id = ${invoiceId} and m.kind = 'reminder' and m.reminder_offset is not null)`;

const lastInvoiceEmailAt = (invoiceId: unknown) =>
	sql<Date | null>`(select max(m.created_at) from messages m
		where m.invoice_id = ${invoiceId} and m.kind = 'invoice')`;

/** What the invoice view and "Send reminder now" need to place an invoice on its schedule. */
export async function findInvoiceReminderFacts(
	db: Executor,
	businessId: string,
	invoiceId: string,
) {
	if (!isUuid(invoiceId)) return undefined;
	return db
		.selectFrom('invoices')
		.innerJoin('businesses', 'businesses.id', 'invoices.businessId')
		.innerJoin('customers', 'customers.id', 'invoices.customerId')
		.select([
			'invoices.id',
			'invoices.status',
			'invoices.dueDate',
			'invoices.issuedAt',
			'invoices.remindersPausedAt',
			'customers.email as customerEmail',
			'businesses.plan',
			'businesses.trialEndsAt',
			'businesses.timeZone',
			'businesses.remindersEnabled',
			'businesses.reminderHour',
			'businesses.reminderSteps',
			'businesses.remindersEnabledAt',
		])
		.select((eb) => [
			claimedOffsets(eb.ref('invoices.id')).as('claimedOffsets'),
			lastInvoiceEmailAt(eb.ref('invoices.id')).as('lastInvoiceEmailAt'),
		])
		.where('invoices.businessId', '=', businessId)
		.where('invoices.id', '=', invoiceId)
		.executeTakeFirst();
}

export async function setInvoiceRemindersPaused(
	db: Executor,
	businessId: string,
	invoiceId: string,
	paused: boolean,
) {
	if (!isUuid(invoiceId)) return false;
	const result = await db
		.updateTable('invoices')
		.set({ remindersPausedAt: paused ? new Date() : null })
		.where('businessId', '=', businessId)
		.where('id', '=', invoiceId)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function findReminderSettings(db: Executor, businessId: string) {
	return db
		.selectFrom('businesses')
		.select(['remindersEnabled', 'remindersEnabledAt', 'reminderHour', 'reminderSteps'])
		.where('id', '=', businessId)
		.executeTakeFirst();
}

export async function updateReminderSettings(
	db: Executor,
	businessId: string,
	settings: {
		enabled: boolean;
		hour: number;
		steps: { offsetDays: number; subject: string | null; message: string | null }[];
	},
) {
	await db
		.updateTable('businesses')
		.set({
			remindersEnabled: settings.enabled,
			// Turning reminders on starts the clock: steps already past are never sent.
			remindersEnabledAt: settings.enabled
				? sql<Date>`case when reminders_enabled then reminders_enabled_at else now() end`
				: null,
			reminderHour: settings.hour,
			reminderSteps: JSON.stringify(settings.steps),
			updatedAt: new Date(),
		})
		.where('id', '=', businessId)
		.execute();
}

/**
 * A reminder still waiting whose invoice was paid or voided meanwhile: cancelled instead of
 * sent. True when it was cancelled.
 */
export async function cancelQueuedEmail(db: Executor, messageId: string, reason: string) {
	const result = await db
		.updateTable('messages')
		.set({ deliveryState: 'cancelled', deliveryError: reason })
		.where('id', '=', messageId)
		.where('deliveryState', '=', 'queued')
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

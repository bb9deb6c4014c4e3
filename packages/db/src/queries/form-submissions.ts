import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { Executor } from '../executor.ts';
import { newFormKey } from './businesses.ts';

/** The business a public form key belongs to; a rotated-away key finds nothing. */
export async function findBusinessIdByFormKey(db: Executor, formKey: string) {
	const row = await db
		.selectFrom('businesses')
		.select('id')
		.where('formKey', '=', formKey)
		.executeTakeFirst();
	return row?.id;
}

/** Replaces the form key; the old one stops working at once. */
export async function rotateFormKey(db: Executor, businessId: string) {
	const row = await db
		.updateTable('businesses')
		.set({ formKey: newFormKey(), updatedAt: new Date() })
		.where('id', '=', businessId)
		.returning('formKey')
		.executeTakeFirst();
	return row?.formKey;
}

export interface FormCustomerUpsert {
	businessId: string;
	/** Trimmed; matched to existing customers by lower(email). One entry per business+email. */
	email: string;
	name: string;
	phone: string | null;
	lastActivityAt: Date;
}

export interface FormMessageInsert {
	businessId: string;
	/** The sender's email: the message joins the customer with the same lower(email). */
	email: string;
	sourceId: string;
	subject: string;
	body: string;
	fields: Record<string, string>;
	senderName: string | null;
	createdAt: Date;
}

/**
 * Stores a batch of contact-form submissions in one transaction: one multi-row customer upsert
 * (new senders become customers; existing ones keep their name, get a missing phone filled and
 * their last activity bumped) and one multi-row message insert. Idempotent per source id: a
 * retried submission already stored is skipped by messages_source_uq.
 * `customers` must hold one entry per business + lower(email), sorted, so that concurrent
 * batches lock rows in one order. Returns the messages this call stored, with their customer.
 */
export async function ingestFormBatch(
	db: Database,
	customers: readonly FormCustomerUpsert[],
	messages: readonly FormMessageInsert[],
): Promise<{ stored: { sourceId: string; customerId: string }[] }> {
	if (messages.length === 0) return { stored: [] };
	return db.transaction().execute(async (trx) => {
		await trx
			.insertInto('customers')
			.values(customers.map((c) => ({ ...c })))
			.onConflict((oc) =>
				oc.expression(sql`business_id, lower(email)`).where('email', 'is not', null).doUpdateSet({
					lastActivityAt: sql`greatest(customers.last_activity_at, excluded.last_activity_at)`,
					phone: sql`coalesce(customers.phone, excluded.phone)`,
				}),
			)
			.execute();
		const rows = JSON.stringify(messages);
		// One statement for the whole batch; each message finds its customer by lower(email).
		const result = await sql<{ sourceId: string; customerId: string }>`
			insert into messages (business_id, customer_id, direction, channel, subject, body,
				fields, sender_name, sender_email, source_id, created_at)
			select v."businessId", c.id, 'inbound', 'form', v.subject, v.body,
				v.fields, v."senderName", v.email, v."sourceId", v."createdAt"
			from jsonb_to_recordset(${rows}::jsonb) as v("businessId" uuid, email text,
				"sourceId" text, subject text, body text, fields jsonb, "senderName" text,
				"createdAt" timestamptz)
			join customers c on c.business_id = v."businessId" and lower(c.email) = lower(v.email)
			on conflict (business_id, source_id) where source_id is not null do nothing
			returning source_id, customer_id
		`.execute(trx);
		return { stored: result.rows };
	});
}

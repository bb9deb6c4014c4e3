import { sql } from 'kysely';
import type { Database } from '../client.ts';
import type { Executor } from '../executor.ts';
import type { Customer, Message } from '../schema.ts';
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

export type FormCustomerUpsert = Pick<
	Customer,
	'businessId' | 'name' | 'phone' | 'lastActivityAt'
> & {
	/** Trimmed; matched to existing customers by lower(email). One entry per business+email. */
	email: string;
};

// Not null for a form message: the columns are nullable for other channels.
export type FormMessageInsert = Pick<
	Message,
	'businessId' | 'body' | 'senderName' | 'createdAt'
> & {
	/** The sender's email: the message joins the customer with the same lower(email). */
	email: string;
	sourceId: string;
	subject: string;
	fields: Record<string, string>;
};

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
	// One statement, so one round trip and one commit. DO UPDATE (never DO NOTHING) returns
	// every customer of the batch, new or existing, so each message finds its customer in the
	// batch's own rows instead of a join against the whole customers table.
	const result = await sql<{ sourceId: string; customerId: string }>`
		with batch_customers as (
			insert into customers (business_id, email, name, phone, last_activity_at)
			select c."businessId", c.email, c.name, c.phone, c."lastActivityAt"
			from jsonb_to_recordset(${JSON.stringify(customers)}::jsonb) as c("businessId" uuid,
				email text, name text, phone text, "lastActivityAt" timestamptz)
			on conflict (business_id, lower(email)) where email is not null do update set
				last_activity_at = greatest(customers.last_activity_at, excluded.last_activity_at),
				phone = coalesce(customers.phone, excluded.phone)
			returning id, business_id, lower(email) as email_key
		)
		insert into messages (business_id, customer_id, direction, channel, subject, body,
			fields, sender_name, sender_email, source_id, created_at)
		select v."businessId", c.id, 'inbound', 'form', v.subject, v.body,
			v.fields, v."senderName", v.email, v."sourceId", v."createdAt"
		from jsonb_to_recordset(${JSON.stringify(messages)}::jsonb) as v("businessId" uuid,
			email text, "sourceId" text, subject text, body text, fields jsonb, "senderName" text,
			"createdAt" timestamptz)
		join batch_customers c on c.business_id = v."businessId" and c.email_key = lower(v.email)
		on conflict (business_id, source_id) where source_id is not null do nothing
		returning source_id, customer_id
	`.execute(db);
	return { stored: result.rows };
}

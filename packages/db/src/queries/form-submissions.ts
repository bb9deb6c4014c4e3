import { sql } from 'kysely';
import type { Database } from '../client.ts';
import { type Executor, isForeignKeyViolation, isUniqueViolation } from '../executor.ts';
import type { Customer, FormField, Message } from '../schema.ts';
import { newFormKey } from './businesses.ts';
import { CUSTOMER_EMAILS_UNIQUE } from './customer-addresses.ts';

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
	/** In submission order; stored as sent (jsonb keeps an array's order). */
	fields: FormField[];
};

/**
 * Stores a batch of contact-form submissions in one transaction: one multi-row customer upsert
 * (new senders become customers; existing ones keep their name, get a missing phone filled and
 * their last activity bumped) and one multi-row message insert. A sender is matched by any of
 * a customer's emails (customer_emails): the upsert is keyed by that customer's primary email,
 * so senders writing from two addresses of one customer touch its row once. Idempotent per
 * source id: a retried submission already stored is skipped by messages_source_uq.
 * `customers` must hold one entry per business + lower(email). Returns the messages this call
 * stored, with their customer.
 */
export async function ingestFormBatch(
	db: Database,
	customers: readonly FormCustomerUpsert[],
	messages: readonly FormMessageInsert[],
): Promise<{ stored: { sourceId: string; customerId: string }[] }> {
	if (messages.length === 0) return { stored: [] };
	try {
		return await upsertFormBatch(db, customers, messages);
	} catch (error) {
		// A merge committed between this statement's snapshot and its writes: a sender's customer
		// was deleted (its email now belongs to the survivor). Run again on a fresh snapshot,
		// which matches the sender to the survivor. A single statement, so nothing half-written.
		if (!isUniqueViolation(error, CUSTOMER_EMAILS_UNIQUE) && !isForeignKeyViolation(error))
			throw error;
		return upsertFormBatch(db, customers, messages);
	}
}

async function upsertFormBatch(
	db: Database,
	customers: readonly FormCustomerUpsert[],
	messages: readonly FormMessageInsert[],
) {
	// One statement, so one round trip and one commit. DO UPDATE (never DO NOTHING) returns
	// every customer of the batch, new or existing, so each message finds its customer in the
	// batch's own rows instead of a join against the whole customers table. The upsert walks
	// its rows sorted, so concurrent batches lock customer rows in one order (no deadlock).
	const result = await sql<{ sourceId: string; customerId: string }>`
		with sender as (
			select c."businessId" as business_id, c.email, c.name, c.phone, c."lastActivityAt" as at
			from jsonb_to_recordset(${JSON.stringify(customers)}::jsonb) as c("businessId" uuid,
				email text, name text, phone text, "lastActivityAt" timestamptz)
		), resolved as (
			select s.*, coalesce(owner.email, s.email) as customer_email
			from sender s
			left join customer_emails e
				on e.business_id = s.business_id and lower(e.email) = lower(s.email)
			left join customers owner on owner.id = e.customer_id
		), candidate as (
			select business_id, min(customer_email) as email, min(name) as name, max(at) as at,
				(array_agg(phone order by at) filter (where phone is not null))[1] as phone
			from resolved
			group by business_id, lower(customer_email)
		), batch_customers as (
			insert into customers (business_id, email, name, phone, last_activity_at)
			select business_id, email, name, phone, at from candidate
			order by business_id, lower(email) collate "C"
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
		join resolved r on r.business_id = v."businessId" and lower(r.email) = lower(v.email)
		join batch_customers c
			on c.business_id = v."businessId" and c.email_key = lower(r.customer_email)
		on conflict (business_id, source_id) where source_id is not null do nothing
		returning source_id, customer_id
	`.execute(db);
	return { stored: result.rows };
}

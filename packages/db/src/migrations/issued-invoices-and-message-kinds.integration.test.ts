import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../client.ts';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '../testing/index.ts';
import { down, up } from './2026_12_01_0013_issued_invoices_and_message_kinds.ts';

const db = createDb(testDatabaseUrl());
afterAll(() => db.destroy());

class Rollback extends Error {}

/** Runs `check` on the schema as it was before 0013, migrated up inside a transaction undone after. */
async function beforeAndAfter(
	arrange: (trx: Kysely<any>) => Promise<Record<string, string>>,
	check: (trx: Kysely<any>, ids: Record<string, string>) => Promise<void>,
) {
	await db
		.transaction()
		.execute(async (trx) => {
			// Rows of kinds that came later (receipts, reminders of other tests' invoices) would
			// break the old one-live-send-per-invoice index that down() restores.
			await sql`delete from messages where kind <> 'invoice' and invoice_id is not null`.execute(
				trx,
			);
			await down(trx);
			const ids = await arrange(trx);
			await up(trx);
			await check(trx, ids);
			throw new Rollback();
		})
		.catch((error) => {
			if (!(error instanceof Rollback)) throw error;
		});
}

async function legacyInvoice(
	trx: Kysely<any>,
	businessId: string,
	customerId: string,
	number: string,
	status: string,
) {
	const { rows } = await sql<{ id: string }>`insert into invoices
		(business_id, customer_id, number, issue_date, due_date, currency, status, subtotal_minor, tax_minor, total_minor)
		values (${businessId}, ${customerId}, ${number}, '2026-12-01', '2026-12-15', 'EUR', ${status}, 12050, 0, 12050)
		returning id`.execute(trx);
	const id = rows[0]!.id;
	await sql`insert into invoice_items (invoice_id, position, description, quantity, unit_price_minor, tax_rate)
		values (${id}, 0, 'Bouquet', 1.5, 8033, 0), (${id}, 1, 'Ribbon', 1, 1, 20)`.execute(trx);
	return id;
}

async function legacyMessage(
	trx: Kysely<any>,
	businessId: string,
	customerId: string,
	values: { direction: string; invoiceId?: string; state?: string },
) {
	const { rows } = await sql<{ id: string }>`insert into messages
		(business_id, customer_id, direction, channel, subject, body, invoice_id, delivery_state)
		values (${businessId}, ${customerId}, ${values.direction}, 'email', 'Hi', 'Hello',
			${values.invoiceId ?? null}, ${values.state ?? null})
		returning id`.execute(trx);
	return rows[0]!.id;
}

describe('migration 0013: issued invoices and message kinds', () => {
	it('freezes issued invoices, issues drafts whose email was on its way, and gives messages kinds', async () => {
		const business = await createTestBusiness(db, { name: 'Fleurs de Lyon', address: '1 rue X' });
		const customer = await createTestCustomer(db, business.id, {
			name: 'Ana',
			email: 'ana@example.test',
		});
		await beforeAndAfter(
			async (trx) => {
				const sent = await legacyInvoice(trx, business.id, customer.id, 'A-1', 'sent');
				const sending = await legacyInvoice(trx, business.id, customer.id, 'A-2', 'draft');
				const failed = await legacyInvoice(trx, business.id, customer.id, 'A-3', 'draft');
				return {
					sent,
					sending,
					failed,
					sentEmail: await legacyMessage(trx, business.id, customer.id, {
						direction: 'outbound',
						invoiceId: sent,
						state: 'sent',
					}),
					sendingEmail: await legacyMessage(trx, business.id, customer.id, {
						direction: 'outbound',
						invoiceId: sending,
						state: 'accepted',
					}),
					failedEmail: await legacyMessage(trx, business.id, customer.id, {
						direction: 'outbound',
						invoiceId: failed,
						state: 'failed',
					}),
					reply: await legacyMessage(trx, business.id, customer.id, {
						direction: 'outbound',
						state: 'sent',
					}),
					inbound: await legacyMessage(trx, business.id, customer.id, { direction: 'inbound' }),
				};
			},
			async (trx, ids) => {
				const invoices = await trx
					.selectFrom('invoices')
					.select(['id', 'status', 'issuedAt', 'issuedSnapshot'])
					.where('businessId', '=', business.id)
					.execute();
				const byId = new Map(invoices.map((i) => [i.id, i]));
				expect(byId.get(ids.sent)?.issuedSnapshot).toEqual({
					version: 1,
					business: { name: 'Fleurs de Lyon', email: business.email, address: '1 rue X' },
					customer: {
						name: 'Ana',
						email: 'ana@example.test',
						phone: customer.phone,
						address: null,
					},
					invoice: {
						number: 'A-1',
						issueDate: '2026-12-01',
						dueDate: '2026-12-15',
						currency: 'EUR',
						notes: null,
					},
					items: [
						{ description: 'Bouquet', quantity: '1.5', unitPriceMinor: 8033, taxRate: '0' },
						{ description: 'Ribbon', quantity: '1', unitPriceMinor: 1, taxRate: '20' },
					],
					totals: { subtotalMinor: 12050, taxMinor: 0, totalMinor: 12050 },
				});
				expect(byId.get(ids.sending)).toMatchObject({ status: 'sent', issuedAt: expect.any(Date) });
				expect(byId.get(ids.sending)?.issuedSnapshot).toMatchObject({ invoice: { number: 'A-2' } });
				expect(byId.get(ids.failed)).toMatchObject({ status: 'draft', issuedSnapshot: null });

				const kinds = await trx
					.selectFrom('messages')
					.select(['id', 'kind'])
					.where('businessId', '=', business.id)
					.execute();
				expect(Object.fromEntries(kinds.map((m) => [m.id, m.kind]))).toEqual({
					[ids.sentEmail!]: 'invoice',
					[ids.sendingEmail!]: 'invoice',
					[ids.failedEmail!]: 'invoice',
					[ids.reply!]: 'reply',
					[ids.inbound!]: 'reply',
				});

				// One live invoice email per invoice, but a reminder may share the outbox with it.
				await sql`insert into messages (business_id, customer_id, direction, channel, body, invoice_id, delivery_state, kind)
					values (${business.id}, ${customer.id}, 'outbound', 'email', 'Reminder', ${ids.sending}, 'queued', 'reminder')`.execute(
					trx,
				);
				await expect(
					sql`insert into messages (business_id, customer_id, direction, channel, body, invoice_id, delivery_state, kind)
						values (${business.id}, ${customer.id}, 'outbound', 'email', 'Again', ${ids.sending}, 'queued', 'invoice')`.execute(
						trx,
					),
				).rejects.toMatchObject({ constraint: 'messages_invoice_active_send_uq' });
			},
		);
	});
});

import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../client.ts';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '../testing/index.ts';
import { down, up } from './2026_12_01_0015_payments.ts';

const db = createDb(testDatabaseUrl());
afterAll(() => db.destroy());

class Rollback extends Error {}

async function invoiceRow(
	trx: Kysely<any>,
	ids: { businessId: string; customerId: string },
	number: string,
	status: string,
	paidOn: string | null = null,
) {
	const { rows } = await sql<{ id: string }>`insert into invoices
		(business_id, customer_id, number, issue_date, due_date, currency, status, subtotal_minor, tax_minor, total_minor, paid_on)
		values (${ids.businessId}, ${ids.customerId}, ${number}, '2026-11-01', '2026-11-15', 'EUR', ${status}, 12050, 0, 12050, ${paidOn})
		returning id`.execute(trx);
	return rows[0]!.id;
}

describe('migration 0015 payments', () => {
	it('gives invoices paid before the ledger their payment, and customers their open balance', async () => {
		const business = await createTestBusiness(db);
		const customer = await createTestCustomer(db, business.id);
		const ids = { businessId: business.id, customerId: customer.id };
		await db
			.transaction()
			.execute(async (trx) => {
				// Messages of kinds that came later (customer merges, written by other tests on this
				// database) would break the kind check that down() restores.
				await sql`delete from messages where kind = 'merge'`.execute(trx);
				await down(trx);
				const paid = await invoiceRow(trx, ids, 'INV-1', 'paid', '2026-11-10');
				await invoiceRow(trx, ids, 'INV-2', 'sent');
				await invoiceRow(trx, ids, 'INV-3', 'sent');
				await invoiceRow(trx, ids, 'INV-4', 'void');
				await invoiceRow(trx, ids, 'INV-5', 'draft');
				await up(trx);

				// The camel-case plugin renames result columns.
				const { rows: payments } = await sql<{
					invoiceId: string;
					amountMinor: number;
					paidOn: string;
				}>`select invoice_id, amount_minor, paid_on from payments where business_id = ${business.id}`.execute(
					trx,
				);
				expect(payments).toEqual([{ invoiceId: paid, amountMinor: 12050, paidOn: '2026-11-10' }]);
				const { rows: invoices } = await sql<{ number: string; paidMinor: number }>`
					select number, paid_minor from invoices where business_id = ${business.id} order by number`.execute(
					trx,
				);
				expect(invoices.map((i) => i.paidMinor)).toEqual([12050, 0, 0, 0, 0]);
				const { rows: balance } = await sql<{ openBalanceMinor: number }>`
					select open_balance_minor from customers where id = ${customer.id}`.execute(trx);
				expect(balance[0]!.openBalanceMinor).toBe(24100);
				throw new Rollback();
			})
			.catch((error) => {
				if (!(error instanceof Rollback)) throw error;
			});
	});
});

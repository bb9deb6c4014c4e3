import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../client.ts';
import { createTestBusiness, testDatabaseUrl } from '../testing/index.ts';
import { down, up } from './2026_12_01_0020_customer_addresses.ts';

const db = createDb(testDatabaseUrl());
afterAll(() => db.destroy());

class Rollback extends Error {}

const addressesOf = async (trx: Kysely<any>, businessId: string) => {
	const { rows } = await sql<{ name: string; email: string | null; phone: string | null }>`
		select c.name, e.email, p.phone from customers c
		left join customer_emails e on e.customer_id = c.id
		left join customer_phones p on p.customer_id = c.id
		where c.business_id = ${businessId} order by c.name`.execute(trx);
	return rows;
};

describe('migration 0020 customer addresses', () => {
	it('gives every existing customer its email and phone as primary rows, then keeps them in step', async () => {
		const business = await createTestBusiness(db);
		await db
			.transaction()
			.execute(async (trx) => {
				await down(trx);
				await sql`insert into customers (business_id, name, email, phone) values
					(${business.id}, 'Ada', 'Ada@Example.test', '+1 555 0100'),
					(${business.id}, 'Bo', null, null)`.execute(trx);
				await up(trx);
				expect(await addressesOf(trx, business.id)).toEqual([
					{ name: 'Ada', email: 'Ada@Example.test', phone: '+1 555 0100' },
					{ name: 'Bo', email: null, phone: null },
				]);
				// The triggers: a new customer's and a changed primary's rows follow customers.
				await sql`insert into customers (business_id, name, email) values (${business.id}, 'Cy', 'cy@example.test')`.execute(
					trx,
				);
				await sql`update customers set email = 'bo@example.test', phone = '555 0101' where business_id = ${business.id} and name = 'Bo'`.execute(
					trx,
				);
				await sql`update customers set email = 'ada@example.test', phone = null where business_id = ${business.id} and name = 'Ada'`.execute(
					trx,
				);
				expect(await addressesOf(trx, business.id)).toEqual([
					{ name: 'Ada', email: 'ada@example.test', phone: null },
					{ name: 'Bo', email: 'bo@example.test', phone: '555 0101' },
					{ name: 'Cy', email: 'cy@example.test', phone: null },
				]);
				throw new Rollback();
			})
			.catch((error) => {
				if (!(error instanceof Rollback)) throw error;
			});
	});

	it('one email per business across all customers, case-insensitively', async () => {
		const business = await createTestBusiness(db);
		const { rows } = await sql<{ id: string }>`insert into customers (business_id, name, email)
			values (${business.id}, 'Ada', 'ada@example.test') returning id`.execute(db);
		await sql`insert into customer_emails (business_id, customer_id, email)
			values (${business.id}, ${rows[0]!.id}, 'ada@work.test')`.execute(db);
		await expect(
			sql`insert into customers (business_id, name, email) values (${business.id}, 'Bo', 'ADA@work.test')`.execute(
				db,
			),
		).rejects.toMatchObject({ code: '23505', constraint: 'customer_emails_business_email_uq' });
	});
});

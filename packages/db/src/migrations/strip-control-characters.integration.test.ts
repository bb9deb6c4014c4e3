import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../client.ts';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '../testing/index.ts';
import { up } from './2026_12_01_0012_strip_control_characters.ts';

const db = createDb(testDatabaseUrl());
afterAll(() => db.destroy());

async function invoice(businessId: string, customerId: string, number: string) {
	const { id } = await db
		.insertInto('invoices')
		.values({
			businessId,
			customerId,
			number,
			issueDate: '2026-12-01',
			dueDate: '2026-12-15',
			currency: 'USD',
			subtotalMinor: 0,
			taxMinor: 0,
			totalMinor: 0,
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

const numberOf = async (id: string) =>
	(await db.selectFrom('invoices').select('number').where('id', '=', id).executeTakeFirstOrThrow())
		.number;

describe('migration 0012: control characters out of single-line columns', () => {
	it('replaces runs of control characters with one space and trims', async () => {
		const business = await createTestBusiness(db, {
			name: 'Acme\r\nBcc: victim@example.test',
			email: 'owner@acme.test\n',
			invoicePrefix: 'INV\t-',
		});
		const customer = await createTestCustomer(db, business.id, {
			name: '\u001b[31mRed\u0007Alert\u2028',
			phone: '+1 555\r\n0100',
		});
		const other = await createTestCustomer(db, business.id, { name: 'Fine\nname' });
		await up(db);

		const b = await db
			.selectFrom('businesses')
			.select(['name', 'email', 'invoicePrefix'])
			.where('id', '=', business.id)
			.executeTakeFirstOrThrow();
		expect(b).toEqual({
			name: 'Acme Bcc: victim@example.test',
			email: 'owner@acme.test',
			invoicePrefix: 'INV -',
		});
		const customers = await db
			.selectFrom('customers')
			.select(['id', 'name', 'phone', 'email'])
			.where('businessId', '=', business.id)
			.execute();
		const byId = new Map(customers.map((c) => [c.id, c]));
		expect(byId.get(customer.id)).toMatchObject({ name: '[31mRed Alert', phone: '+1 555 0100' });
		expect(byId.get(other.id)).toMatchObject({ name: 'Fine name', email: other.email });
	});

	it('keeps invoice numbers unique per business: a taken cleaned number gets a suffix', async () => {
		const business = await createTestBusiness(db);
		const neighbour = await createTestBusiness(db);
		const customer = await createTestCustomer(db, business.id);
		const theirs = await createTestCustomer(db, neighbour.id);
		const clean = await invoice(business.id, customer.id, 'INV-0001');
		const crlf = await invoice(business.id, customer.id, 'INV-0001\r\n');
		const tab = await invoice(business.id, customer.id, 'INV-0001\t');
		const taken2 = await invoice(business.id, customer.id, 'INV-0001-3');
		const inner = await invoice(business.id, customer.id, 'INV\n0002');
		const onlyControls = await invoice(business.id, customer.id, '\r\n');
		// Another business's number does not count as taken.
		const elsewhere = await invoice(neighbour.id, theirs.id, 'INV 0002');
		await up(db);

		expect(await numberOf(clean)).toBe('INV-0001');
		// The two that clean to INV-0001 get the first free suffixes, -3 being taken.
		expect(new Set([await numberOf(crlf), await numberOf(tab)])).toEqual(
			new Set(['INV-0001-2', 'INV-0001-4']),
		);
		expect(await numberOf(taken2)).toBe('INV-0001-3');
		expect(await numberOf(inner)).toBe('INV 0002');
		expect(await numberOf(onlyControls)).toBe('INV');
		expect(await numberOf(elsewhere)).toBe('INV 0002');
	});

	it('drops an email that, cleaned, another customer of the business already has', async () => {
		const business = await createTestBusiness(db);
		const holder = await createTestCustomer(db, business.id, { email: 'same@example.test' });
		const dup = await createTestCustomer(db, business.id, { email: 'SAME@example.test\r\n' });
		await up(db);
		const emails = await db
			.selectFrom('customers')
			.select(['id', 'email'])
			.where('id', 'in', [holder.id, dup.id])
			.execute();
		expect(new Map(emails.map((c) => [c.id, c.email]))).toEqual(
			new Map([
				[holder.id, 'same@example.test'],
				[dup.id, null],
			]),
		);
	});

	it('is safe to run again', async () => {
		await up(db);
		const { rows } = await sql<{ n: number }>`
			select count(*)::int as n from businesses where name ~ '[\\x01-\\x1f]'
		`.execute(db);
		expect(rows[0]?.n).toBe(0);
	});
});

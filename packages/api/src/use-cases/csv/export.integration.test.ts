import { createTestBusiness, createTestCustomer } from '@rapport/db/testing';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import { useHarness } from '../../testing/harness.ts';
import { createTestInvoice } from '../../testing/invoices.ts';
import { systemActor } from '../actor.ts';
import { exportCustomers } from '../customers/export.ts';
import { exportInvoices } from '../invoices/export.ts';
import { EXPORT_PAGE } from './csv-body.ts';

const { db } = useHarness();

async function text(body: AsyncIterable<string>) {
	let all = '';
	for await (const chunk of body) all += chunk;
	return all;
}
const rows = (csv: string, delimiter = ',') =>
	parse(csv, { bom: true, delimiter, columns: true }) as Record<string, string>[];

describe('CSV exports', () => {
	it("exports only the business's customers, BOM first, formulas defused, phones intact", async () => {
		const mine = await createTestBusiness(db);
		const theirs = await createTestBusiness(db);
		await createTestCustomer(db, mine.id, {
			name: '=HYPERLINK("http://evil.test","Click")',
			phone: '+1 (555) 010-0100',
			address: 'Line 1\nLine 2, "quoted"',
		});
		await createTestCustomer(db, theirs.id, { name: 'Not mine' });
		const { body } = await exportCustomers({ db }, systemActor(mine.id), { format: 'iso' });
		const csv = await text(body);
		expect(
			csv.startsWith(
				'\ufeffName,Email,Phone,Address,Tax ID,Open balance,Last activity,Created\r\n',
			),
		).toBe(true);
		const [row, ...rest] = rows(csv);
		expect(rest).toEqual([]);
		expect(row).toMatchObject({
			Name: `'=HYPERLINK("http://evil.test","Click")`,
			Phone: '+1 (555) 010-0100',
			Address: 'Line 1\nLine 2, "quoted"',
			'Open balance': '0.00',
		});
		expect(row?.['Last activity']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('reads every customer across pages', async () => {
		const business = await createTestBusiness(db);
		const count = EXPORT_PAGE + 3;
		await db
			.insertInto('customers')
			.values(Array.from({ length: count }, (_, i) => ({ businessId: business.id, name: `C${i}` })))
			.execute();
		const { body } = await exportCustomers({ db }, systemActor(business.id), { format: 'iso' });
		expect(new Set(rows(await text(body)).map((r) => r.Name)).size).toBe(count);
	});

	it("writes invoices with the page's filters, and numbers and dates in the locale on request", async () => {
		const business = await createTestBusiness(db, { locale: 'de-DE', currency: 'EUR' });
		const actor = systemActor(business.id);
		const ada = await createTestCustomer(db, business.id, { name: 'Ada' });
		const bob = await createTestCustomer(db, business.id, { name: 'Bob' });
		await createTestInvoice({ db }, actor, ada.id, {
			issueDate: '2026-03-09',
			dueDate: '2026-04-08',
		});
		await createTestInvoice({ db }, actor, bob.id);

		const iso = rows(
			await text((await exportInvoices({ db }, actor, { customerId: ada.id, format: 'iso' })).body),
		);
		expect(iso).toEqual([
			{
				Number: 'INV-0001', // the business's first number
				'Issue date': '2026-03-09',
				'Due date': '2026-04-08',
				Customer: 'Ada',
				Currency: 'EUR',
				Subtotal: '50.00',
				Tax: '0.00',
				Total: '50.00',
				Paid: '0.00',
				Balance: '50.00',
				Status: 'draft',
			},
		]);
		const local = await text(
			(await exportInvoices({ db }, actor, { customerId: ada.id, format: 'locale' })).body,
		);
		expect(rows(local, ';')[0]).toMatchObject({ 'Issue date': '09.03.26', Total: '50,00' });
		expect(
			(await text((await exportInvoices({ db }, actor, { format: 'iso' })).body)).split('\r\n'),
		).toHaveLength(4);
	});

	it("refuses another business's customer as a filter", async () => {
		const other = await createTestBusiness(db);
		const foreign = await createTestCustomer(db, other.id);
		const actor = systemActor((await createTestBusiness(db)).id);
		await expect(
			exportInvoices({ db }, actor, { customerId: foreign.id, format: 'iso' }),
		).rejects.toBeInstanceOf(NotFoundError);
	});
});

import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../client.ts';
import { isUniqueViolation } from '../executor.ts';
import { migrateToLatest } from '../migrate.ts';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '../testing/index.ts';
import {
	CUSTOMER_EMAIL_UNIQUE,
	findCustomer,
	findCustomerByEmail,
	listCustomers,
} from './customers.ts';

const db = createDb(testDatabaseUrl());
afterAll(() => db.destroy());

describe('customer queries', () => {
	it('migrating again is a no-op', async () => {
		expect(await migrateToLatest(db)).toEqual([]);
	});

	it('enforces one email per business, case-insensitively', async () => {
		const business = await createTestBusiness(db);
		await createTestCustomer(db, business.id, { email: 'Same@Example.com' });
		const error = await createTestCustomer(db, business.id, { email: 'same@example.COM' }).catch(
			(e: unknown) => e,
		);
		expect(isUniqueViolation(error, CUSTOMER_EMAIL_UNIQUE)).toBe(true);
		expect((await findCustomerByEmail(db, business.id, 'SAME@example.com'))?.email).toBe(
			'Same@Example.com',
		);
	});

	it('pages newest activity first without gaps or repeats, even with equal timestamps', async () => {
		const business = await createTestBusiness(db);
		const at = new Date('2026-01-01T00:00:00Z');
		const ids = new Set<string>();
		for (let i = 0; i < 10; i++) {
			ids.add(
				(
					await createTestCustomer(db, business.id, {
						lastActivityAt: i < 5 ? at : new Date(at.getTime() + i),
					})
				).id,
			);
		}
		const seen: string[] = [];
		let cursor: Awaited<ReturnType<typeof listCustomers>>['nextCursor'] = null;
		do {
			const page = await listCustomers(db, business.id, { limit: 4, cursor: cursor ?? undefined });
			seen.push(...page.items.map((c) => c.id));
			cursor = page.nextCursor;
		} while (cursor);
		expect(seen).toHaveLength(10);
		expect(new Set(seen)).toEqual(ids);
	});

	it('never loses a row between pages when times differ below a millisecond', async () => {
		const business = await createTestBusiness(db);
		for (const at of [
			'2026-01-01T00:00:00.123456Z',
			'2026-01-01T00:00:00.123789Z',
			'2026-01-01T00:00:00.123999Z',
		]) {
			await createTestCustomer(db, business.id, { lastActivityAt: at });
		}
		const seen: string[] = [];
		let cursor: Awaited<ReturnType<typeof listCustomers>>['nextCursor'] = null;
		do {
			const page = await listCustomers(db, business.id, { limit: 1, cursor: cursor ?? undefined });
			seen.push(...page.items.map((c) => c.id));
			cursor = page.nextCursor;
		} while (cursor);
		expect(new Set(seen).size).toBe(3);
	});

	it('scopes lookups to the business and ignores malformed ids', async () => {
		const a = await createTestBusiness(db);
		const b = await createTestBusiness(db);
		const customer = await createTestCustomer(db, a.id);
		expect(await findCustomer(db, b.id, customer.id)).toBeUndefined();
		expect(await findCustomer(db, a.id, 'nope')).toBeUndefined();
	});
});

import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../client.ts';
import type { Executor } from '../executor.ts';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '../testing/index.ts';
import { customerSearchTiers } from './customer-search.ts';
import { type CustomerCursor, listCustomers } from './customers.ts';

const db = createDb(testDatabaseUrl());
afterAll(() => db.destroy());

/** A word no other test's data contains, so every search here sees only its own rows. */
const token = () => `q${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const names = (page: { items: { name: string }[] }) => page.items.map((c) => c.name);

async function allPages(businessId: string, search: string, limit: number) {
	const seen: string[] = [];
	let cursor: CustomerCursor | null = null;
	do {
		const page: Awaited<ReturnType<typeof listCustomers>> = await listCustomers(db, businessId, {
			search,
			cursor: cursor ?? undefined,
			limit,
		});
		seen.push(...names(page));
		cursor = page.nextCursor;
	} while (cursor);
	return seen;
}

describe('customer search', () => {
	it('finds a substring of the name or the email, in any case', async () => {
		const business = await createTestBusiness(db);
		const word = token();
		await createTestCustomer(db, business.id, { name: `Ann ${word}Smith` });
		await createTestCustomer(db, business.id, { name: 'Bob', email: `bob.${word}@mail.test` });
		await createTestCustomer(db, business.id, { name: 'Carl' });
		const found = await listCustomers(db, business.id, {
			search: word.slice(2, 8).toUpperCase(),
			limit: 10,
		});
		expect(names(found).sort()).toEqual([`Ann ${word}Smith`, 'Bob'].sort());
	});

	it('matches the digits of a phone however it was written', async () => {
		const business = await createTestBusiness(db);
		const digits = String(Math.floor(Math.random() * 9e6) + 1e6);
		const phone = `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
		await createTestCustomer(db, business.id, { name: 'Dana', phone });
		await createTestCustomer(db, business.id, { name: 'Eve', phone: '+44 20 7946 0000' });
		for (const search of [digits, digits.slice(1, 5), `${digits.slice(0, 3)}-${digits.slice(3)}`]) {
			expect(names(await listCustomers(db, business.id, { search, limit: 10 }))).toEqual(['Dana']);
		}
		// The brief's example: "+1 (555) 010-0" is found by "5550100".
		await createTestCustomer(db, business.id, { name: 'Fay', phone: '+1 (555) 010-0' });
		expect(names(await listCustomers(db, business.id, { search: '5550100', limit: 10 }))).toEqual([
			'Fay',
		]);
	});

	it('matches one- and two-character searches at the start of a name or email only', async () => {
		const business = await createTestBusiness(db);
		await createTestCustomer(db, business.id, { name: 'Zelda', email: null });
		await createTestCustomer(db, business.id, { name: 'Ozzy', email: null });
		await createTestCustomer(db, business.id, { name: 'Amy', email: 'zed@mail.test' });
		expect(names(await listCustomers(db, business.id, { search: 'z', limit: 10 })).sort()).toEqual([
			'Amy',
			'Zelda',
		]);
		expect(names(await listCustomers(db, business.id, { search: 'ZE', limit: 10 })).sort()).toEqual(
			['Amy', 'Zelda'],
		);
		expect(names(await listCustomers(db, business.id, { search: 'zz', limit: 10 }))).toEqual([]);
	});

	it('ranks exact matches before prefixes before substrings, then by recent activity', async () => {
		const business = await createTestBusiness(db);
		const word = token();
		const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
		// The newest rows are the weakest matches: only ranking puts them last.
		await createTestCustomer(db, business.id, { name: `Old ${word}`, lastActivityAt: at(1) });
		await createTestCustomer(db, business.id, { name: `x${word}y`, lastActivityAt: at(50) });
		await createTestCustomer(db, business.id, { name: `${word} Ltd`, lastActivityAt: at(2) });
		await createTestCustomer(db, business.id, { name: `${word} & Co`, lastActivityAt: at(3) });
		await createTestCustomer(db, business.id, {
			name: 'Someone',
			email: word,
			lastActivityAt: at(4),
		});
		const found = await listCustomers(db, business.id, { search: word, limit: 10 });
		expect(names(found)).toEqual([
			'Someone', // exact (email)
			`${word} & Co`, // starts with, newer
			`${word} Ltd`,
			`x${word}y`, // contains, newer
			`Old ${word}`,
		]);
	});

	it('pages a search with Load more: every match once, in rank order, across the tiers', async () => {
		const business = await createTestBusiness(db);
		const word = token();
		const expected: string[] = [];
		for (let i = 0; i < 3; i++)
			expected.push((await createTestCustomer(db, business.id, { name: `${word} p${i}` })).name);
		for (let i = 0; i < 4; i++)
			expected.push((await createTestCustomer(db, business.id, { name: `a ${word} s${i}` })).name);
		for (const limit of [1, 2, 3, 7, 10]) {
			const seen = await allPages(business.id, word, limit);
			expect(seen).toHaveLength(7);
			expect(new Set(seen)).toEqual(new Set(expected));
			expect(seen.slice(0, 3).every((n) => n.startsWith(word))).toBe(true);
		}
		// Two-character searches have only the prefix tier; it pages the same way.
		const short = await allPages(business.id, word.slice(0, 2), 2);
		expect(short.sort()).toEqual(expected.slice(0, 3).sort());
	});

	it("never finds another business's customers", async () => {
		const mine = await createTestBusiness(db);
		const theirs = await createTestBusiness(db);
		const word = token();
		await createTestCustomer(db, theirs.id, {
			name: word,
			phone: '555 0199',
			email: `${word}@x.test`,
		});
		for (const search of [word, word.slice(0, 1), word.slice(3), '5550199']) {
			expect((await listCustomers(db, mine.id, { search, limit: 10 })).items).toEqual([]);
		}
		expect(names(await listCustomers(db, theirs.id, { search: word, limit: 10 }))).toEqual([word]);
	});

	it('answers from the indexes at 100,000 customers (EXPLAIN after ANALYZE)', async () => {
		// Inside a transaction that is rolled back: the shared test database does not grow.
		await db
			.transaction()
			.execute(async (trx) => {
				const business = await createTestBusiness(trx);
				await sql`insert into customers (business_id, name, email, phone, last_activity_at)
					select ${business.id}::uuid, 'Person ' || md5(g::text), 'p' || g || '@example.test',
						'+1 555 ' || lpad(g::text, 7, '0'), now() - make_interval(secs => g)
					from generate_series(1, 100000) g`.execute(trx);
				await sql`analyze customers`.execute(trx);
				const plans = {
					contains: await explain(trx, business.id, 'abc12', CONTAINS),
					phone: await explain(trx, business.id, '50099999', CONTAINS),
					exact: await explain(trx, business.id, 'p123@example.test', EXACT),
					prefix: await explain(trx, business.id, 'person 9fab1', PREFIX),
					// Matches every row: the activity index, filtered, stops after a page.
					short: await explain(trx, business.id, 'p', PREFIX),
				};
				expect(plans.contains).toMatch(/Bitmap Index Scan on customers_name_trgm_idx/);
				expect(plans.contains).toMatch(/Bitmap Index Scan on customers_email_trgm_idx/);
				expect(plans.phone).toMatch(/customers_phone_digits_trgm_idx/);
				expect(plans.exact).toMatch(/customers_business_email_prefix_idx/);
				expect(plans.prefix).toMatch(/customers_business_name_prefix_idx/);
				expect(plans.short).toMatch(/Index Scan/);
				expect(Object.values(plans).join('\n')).not.toMatch(/Seq Scan on customers/);
				throw new Rollback();
			})
			.catch((error: unknown) => {
				if (!(error instanceof Rollback)) throw error;
			});
	}, 60_000);
});

class Rollback extends Error {}

const [EXACT, PREFIX, CONTAINS] = [0, 1, 2] as const;

/** The plan of one tier's first page, as searchCustomers asks for it. */
async function explain(trx: Executor, businessId: string, search: string, rank: 0 | 1 | 2) {
	const query = customerSearchTiers(trx, businessId, search)[rank];
	if (!query) throw new Error(`no tier ${rank} for ${search}`);
	const compiled = query
		.orderBy('lastActivityAt', 'desc')
		.orderBy('id', 'desc')
		.limit(26)
		.compile();
	const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
		CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
	);
	return rows.map((r) => r['QUERY PLAN']).join('\n');
}

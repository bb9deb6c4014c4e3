import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../client.ts';
import type { Executor } from '../executor.ts';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '../testing/index.ts';
import {
	deleteCustomerEmail,
	insertCustomerEmail,
	insertCustomerPhone,
	listCustomerAddresses,
	setCustomerPrimaries,
} from './customer-addresses.ts';
import { customerSearchQuery, LISTED_MATCHES } from './customer-search.ts';
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

	it('finds a customer by any of its other emails and phones: exactly, by prefix, by substring', async () => {
		const business = await createTestBusiness(db);
		const word = token();
		const ann = await createTestCustomer(db, business.id, { name: 'Ann', phone: '+1 555 0100' });
		await insertCustomerEmail(db, business.id, ann.id, `${word}.Work@Office.test`);
		await insertCustomerPhone(db, business.id, ann.id, '+44 (20) 7946-0958');
		await createTestCustomer(db, business.id, { name: 'Bob', phone: '+1 555 0199' });
		const search = async (q: string) =>
			names(await listCustomers(db, business.id, { search: q, limit: 10 }));
		for (const q of [
			`${word}.work@office.test`, // exact, in another case
			word.slice(0, 2), // a two-letter prefix
			word.slice(0, 7),
			`${word.slice(4)}.wo`, // a substring
			'2079460958',
			'+44 20 7946', // a prefix of the digits, written as a phone
			'7946-09', // a substring of the digits
		]) {
			expect(await search(q), q).toEqual(['Ann']);
		}
		// Removed, it no longer matches; the primaries still do.
		const { emails } = await listCustomerAddresses(db, business.id, ann.id);
		const other = emails.find((e) => !e.primary)!;
		await deleteCustomerEmail(db, business.id, ann.id, other.id);
		expect(await search(word.slice(0, 7))).toEqual([]);
		expect(await search(ann.email!)).toEqual(['Ann']);
	});

	it('ranks a match on another address like one on the primary ones, and pages through them', async () => {
		const business = await createTestBusiness(db);
		const word = token();
		const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
		const make = async (name: string, minutes: number, other?: string) => {
			const c = await createTestCustomer(db, business.id, { name, lastActivityAt: at(minutes) });
			if (other) await insertCustomerEmail(db, business.id, c.id, other);
			return c;
		};
		await make(`x${word}y`, 60); // contains
		await make('Contains too', 50, `a.${word}@mail.test`); // contains, on another email
		await make(`${word} Ltd`, 3); // starts with
		await make('Starts too', 40, `${word}.b@mail.test`); // starts with, on another email
		await make('Exact', 2, word); // exact, on another email
		// Matching twice (name and another email) it still comes once, at its best rank.
		await make(`${word} Twice`, 30, `${word}.twice@mail.test`);
		const expected = [
			'Exact',
			'Starts too',
			`${word} Twice`,
			`${word} Ltd`,
			`x${word}y`,
			'Contains too',
		];
		expect(names(await listCustomers(db, business.id, { search: word, limit: 10 }))).toEqual(
			expected,
		);
		for (const limit of [1, 2, 4]) {
			expect(await allPages(business.id, word, limit)).toEqual(expected);
		}
	});

	it("never finds a customer by another business's other addresses", async () => {
		const mine = await createTestBusiness(db);
		const theirs = await createTestBusiness(db);
		const word = token();
		await createTestCustomer(db, mine.id, { name: 'Mine' });
		const their = await createTestCustomer(db, theirs.id, { name: 'Theirs' });
		await insertCustomerEmail(db, theirs.id, their.id, `${word}@other.test`);
		await insertCustomerPhone(db, theirs.id, their.id, '+1 555 013 4477');
		for (const search of [
			`${word}@other.test`,
			word.slice(0, 2),
			word.slice(2),
			'5550134477',
			'0134',
		]) {
			expect((await listCustomers(db, mine.id, { search, limit: 10 })).items, search).toEqual([]);
		}
		expect(names(await listCustomers(db, theirs.id, { search: word, limit: 10 }))).toEqual([
			'Theirs',
		]);
	});

	it('keeps the search copies in step when an address moves or becomes the primary', async () => {
		const business = await createTestBusiness(db);
		const word = token();
		const from = await createTestCustomer(db, business.id, { name: 'From' });
		const to = await createTestCustomer(db, business.id, { name: 'To' });
		await insertCustomerEmail(db, business.id, from.id, `${word}@moved.test`);
		const search = async (q: string) =>
			names(await listCustomers(db, business.id, { search: q, limit: 10 }));
		expect(await search(word)).toEqual(['From']);
		// What a merge does: every address of one customer moves to the other, its primary too.
		await db
			.updateTable('customerEmails')
			.set({ customerId: to.id })
			.where('customerId', '=', from.id)
			.execute();
		await db.deleteFrom('customers').where('id', '=', from.id).execute();
		expect(await search(word)).toEqual(['To']);
		expect(await search(from.email!)).toEqual(['To']);
		// The other address becomes To's primary, the old primary one of its others.
		await setCustomerPrimaries(db, business.id, to.id, { email: `${word}@moved.test` });
		await insertCustomerEmail(db, business.id, to.id, to.email!);
		const rows = await db
			.selectFrom('customerEmails')
			.select(['email', 'isPrimary'])
			.where('customerId', '=', to.id)
			.orderBy('email')
			.execute();
		expect(rows.filter((r) => r.isPrimary).map((r) => r.email)).toEqual([`${word}@moved.test`]);
		const copy = await db
			.selectFrom('customers')
			.select('otherEmails')
			.where('id', '=', to.id)
			.executeTakeFirstOrThrow();
		expect(copy.otherEmails?.split('\n').filter(Boolean).sort()).toEqual(
			[from.email!, to.email!].map((e) => e.toLowerCase()).sort(),
		);
		expect(await search(word)).toEqual(['To']);
		expect(await search(to.email!)).toEqual(['To']);
	});

	it('still finds every match when more other addresses start with a search than it lists', async () => {
		const business = await createTestBusiness(db);
		const word = token();
		const count = LISTED_MATCHES + 5;
		await sql`insert into customers (business_id, name, last_activity_at)
			select ${business.id}::uuid, 'Many ' || g, now() - make_interval(secs => g)
			from generate_series(1, ${count}) g`.execute(db);
		await sql`insert into customer_emails (business_id, customer_id, email)
			select business_id, id, ${word} || '.' || replace(name, ' ', '') || '@many.test' from customers
			where business_id = ${business.id}`.execute(db);
		const seen = await allPages(business.id, word, 100);
		expect(seen).toHaveLength(count);
		expect(new Set(seen).size).toBe(count);
		expect(seen[0]).toBe('Many 1'); // newest activity first
	});

	it('answers from the indexes at 100,000 customers (EXPLAIN after ANALYZE)', async () => {
		// Inside a transaction that is rolled back: the shared test database does not grow.
		await db
			.transaction()
			.execute(async (trx) => {
				const business = await createTestBusiness(trx);
				// Drops this connection's cached plans (the foreign-key checks' among them), made
				// while the tables were small: kept, they would scan customers once per row added.
				await sql`analyze customers, customer_emails, customer_phones`.execute(trx);
				await sql`insert into customers (business_id, name, email, phone, last_activity_at)
					select ${business.id}::uuid, 'Person ' || md5(g::text), 'p' || g || '@example.test',
						'+1 555 ' || lpad(g::text, 7, '0'), now() - make_interval(secs => g)
					from generate_series(1, 100000) g`.execute(trx);
				// One customer in twenty has a work email, one in fifty a second phone.
				await sql`insert into customer_emails (business_id, customer_id, email)
					select business_id, id, 'w' || md5(name) || '@work.test' from customers
					where business_id = ${business.id} and email ~ '^p[0-9]*[02468]0@'`.execute(trx);
				await sql`insert into customer_phones (business_id, customer_id, phone)
					select business_id, id, '+44 20 ' || lpad(substring(email from '^p([0-9]+)@'), 6, '0')
					from customers where business_id = ${business.id} and email ~ '^p[0-9]*[05]0@'`.execute(
					trx,
				);
				await sql`analyze customers, customer_emails, customer_phones`.execute(trx);
				const work = await sql<{ email: string }>`select email from customer_emails
					where business_id = ${business.id} and not is_primary limit 1`.execute(trx);
				const workEmail = work.rows[0]!.email;
				const plans = {
					contains: await explain(trx, business.id, 'abc12'),
					phone: await explain(trx, business.id, '50099999'),
					exact: await explain(trx, business.id, 'p123@example.test'),
					prefix: await explain(trx, business.id, 'person 9fab1'),
					// Matches every row: the activity index, filtered, stops after a page.
					short: await explain(trx, business.id, 'p'),
					otherExact: await explain(trx, business.id, workEmail),
					otherContains: await explain(trx, business.id, workEmail.slice(3, 12)),
					otherPhone: await explain(trx, business.id, '4420012350'),
				};
				expect(plans.contains).toMatch(/Bitmap Index Scan on customers_name_trgm_idx/);
				expect(plans.contains).toMatch(/Bitmap Index Scan on customers_email_trgm_idx/);
				expect(plans.contains).toMatch(/Bitmap Index Scan on customers_other_emails_trgm_idx/);
				expect(plans.phone).toMatch(/customers_phone_digits_trgm_idx/);
				expect(plans.phone).toMatch(/customers_other_phones_trgm_idx/);
				expect(plans.exact).toMatch(/customers_business_email_prefix_idx/);
				expect(plans.prefix).toMatch(/customers_business_name_prefix_idx/);
				expect(plans.short).toMatch(/Index Scan/);
				// Another email: listed from its btree, then read by id.
				expect(plans.otherExact).toMatch(/Index Scan using customer_emails_other_prefix_idx/);
				expect(plans.otherExact).toMatch(/Bitmap Index Scan on customers_pkey/);
				expect(plans.otherContains).toMatch(/customers_other_emails_trgm_idx/);
				expect(plans.otherPhone).toMatch(/customer_phones_other_prefix_idx/);
				expect(Object.values(plans).join('\n')).not.toMatch(/Seq Scan/);
				throw new Rollback();
			})
			.catch((error: unknown) => {
				if (!(error instanceof Rollback)) throw error;
			});
	}, 60_000);
});

class Rollback extends Error {}

/** The plan of a search's first page, as searchCustomers runs it. */
async function explain(trx: Executor, businessId: string, search: string) {
	const page = customerSearchQuery(businessId, { search, limit: 25 });
	if (!page) throw new Error(`no query for ${search}`);
	const compiled = page.compile(trx);
	const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
		CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
	);
	return rows.map((r) => r['QUERY PLAN']).join('\n');
}

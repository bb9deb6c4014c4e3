// Customer search at 100,000 customers in one business (listCustomers with a search), next to the
// unfiltered first page measured in the same run. Seeded like balances.bench.ts (one
// generate_series insert, then vacuum analyze), with varied names, emails and phones so the
// searches match a realistic share of rows; one customer in five has a second (work) email and
// one in ten a second phone, which search matches too. Target: p95 ≤ 20 ms and ≤ 3× the
// unfiltered page.
import { createDb, insertBusiness, listCustomers } from '@rapport/db';
import { sql } from 'kysely';

const db = createDb(process.env.DATABASE_URL!);
const CUSTOMERS = 100_000;
const PAGE = 25;
const NAME = 'Bench: customer search';
const FIRST = [
	'Anna',
	'Ben',
	'Chloé',
	'David',
	'Emma',
	'Farid',
	'Grace',
	'Hugo',
	'Ines',
	'Jonas',
	'Kai',
	'Lena',
	'Marco',
	'Nora',
	'Omar',
	'Paula',
	'Quinn',
	'Rosa',
	'Sam',
	'Tara',
];
const LAST = [
	'Smith',
	'Johnson',
	'Müller',
	'García',
	'Martin',
	'Rossi',
	'Dubois',
	'Nowak',
	'Silva',
	'Kim',
	'Nguyen',
	'Jensen',
	'Hansen',
	'Novak',
	'Costa',
	'Weber',
	'Fischer',
	'Moreau',
	'Lopez',
	'Brown',
];

async function seed() {
	const existing = await db
		.selectFrom('businesses')
		.select('id')
		.where('name', '=', NAME)
		.executeTakeFirst();
	if (existing) return addOtherAddresses(existing.id);
	console.log(`  seeding ${CUSTOMERS.toLocaleString('en')} customers (once; kept in .data/bench)…`);
	const business = await insertBusiness(db, { name: NAME, timeZone: 'UTC' });
	// Name: first + last + a number, so 1 in 20 share a first name and 1 in 400 a full name.
	await sql`insert into customers (business_id, name, email, phone, last_activity_at, created_at)
		select ${business.id}::uuid, f.a[1 + g % 20] || ' ' || l.a[1 + (g / 20) % 20] || ' ' || g,
			lower(f.a[1 + g % 20]) || '.' || g || '@' || (array['gmail.test', 'mail.test', 'work.test'])[1 + g % 3],
			'+1 (555) ' || lpad((g % 1000)::text, 3, '0') || '-' || lpad(g::text, 6, '0'),
			now() - make_interval(secs => g * 3), now() - make_interval(secs => g * 3)
		from generate_series(1, ${CUSTOMERS}) g,
			(select ${FIRST}::text[] as a) f, (select ${LAST}::text[] as a) l`.execute(db);
	await sql`vacuum analyze customers`.execute(db);
	return addOtherAddresses(business.id);
}

/** Second addresses, added once (also to a data set seeded before customers had them). */
async function addOtherAddresses(businessId: string) {
	const { rows } = await sql<{ any: boolean }>`select exists (select 1 from customer_emails
		where business_id = ${businessId} and not is_primary) as any`.execute(db);
	if (rows[0]?.any) return businessId;
	console.log('  adding second emails and phones to some customers (once)…');
	// The number at the end of the name is the generate_series value g above.
	await sql`insert into customer_emails (business_id, customer_id, email)
		select business_id, id, lower(l.a[1 + (g / 20) % 20]) || '.' || g || '@office.test'
		from (select business_id, id, split_part(name, ' ', 3)::int as g from customers
			where business_id = ${businessId}) c, (select ${LAST}::text[] as a) l
		where g % 5 = 0`.execute(db);
	await sql`insert into customer_phones (business_id, customer_id, phone)
		select business_id, id, '+44 20 ' || lpad(g::text, 8, '0')
		from (select business_id, id, split_part(name, ' ', 3)::int as g from customers
			where business_id = ${businessId}) c
		where g % 10 = 0`.execute(db);
	// customers too: copying the addresses onto 30,000 rows left their trigram indexes' pending
	// lists full, which every search then read until autovacuum came by.
	await sql`vacuum analyze customers, customer_emails, customer_phones`.execute(db);
	return businessId;
}

/** p50/p95 per piece of work; each round starts with a different one so drift hits all alike. */
async function timings<K extends string>(runs: number, works: Record<K, () => Promise<unknown>>) {
	const entries = Object.entries(works) as [K, () => Promise<unknown>][];
	for (let i = 0; i < 10; i++) for (const [, work] of entries) await work();
	const samples = new Map<K, number[]>(entries.map(([key]) => [key, []]));
	for (let i = 0; i < runs; i++) {
		for (let j = 0; j < entries.length; j++) {
			const [key, work] = entries[(i + j) % entries.length]!;
			const t = performance.now();
			await work();
			samples.get(key)!.push(performance.now() - t);
		}
	}
	const result = {} as Record<K, { p50: number; p95: number }>;
	for (const [key, values] of samples) {
		values.sort((a, b) => a - b);
		const at = (p: number) => values[Math.min(values.length - 1, Math.floor(p * values.length))]!;
		result[key] = { p50: at(0.5), p95: at(0.95) };
	}
	return result;
}

const businessId = await seed();
const search = (q: string) => () => listCustomers(db, businessId, { search: q, limit: PAGE });
const searches = {
	'full name "Nora Weber 4213"': search('Nora Weber 4213'),
	'part of a name "webe"': search('webe'),
	'exact email "emma.4@mail.test"': search('emma.4@mail.test'),
	'email domain part "work.te"': search('work.te'),
	'phone digits "555012"': search('555012'),
	// Customer 4215's second email as the seed writes it: its last name (LAST[210 % 20]), number.
	'other email "nguyen.4215@office.test"': search('nguyen.4215@office.test'),
	'other emails\' domain part "office.te"': search('office.te'),
	'other phone\'s digits "00042130"': search('00042130'),
	'one letter "m"': search('m'),
	'two letters "zz" (no match)': search('zz'),
	'no match "qqqq"': search('qqqq'),
};
const runs = Number(process.env.BENCH_RUNS ?? 200);
const results = await timings(runs, {
	unfiltered: () => listCustomers(db, businessId, { limit: PAGE }),
	...searches,
});
const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
const reference = results.unfiltered;
console.log(
	`\nCustomer search, first page of ${PAGE} (${CUSTOMERS.toLocaleString('en')} customers in one business)`,
);
const row = (label: string, t: { p50: number; p95: number }, note: string) =>
	console.log(`  ${label.padEnd(42)} p50 ${ms(t.p50)}   p95 ${ms(t.p95)}   ${note}`);
row('unfiltered first page', reference, '(reference, same run)');
let worst = 0;
for (const label of Object.keys(searches) as (keyof typeof searches)[]) {
	const t = results[label];
	worst = Math.max(worst, t.p95);
	row(label, t, `= ${(t.p95 / reference.p95).toFixed(2)}× unfiltered at p95`);
}
console.log(
	`  worst search p95 ${worst.toFixed(2)} ms = ${(worst / reference.p95).toFixed(2)}× unfiltered (target p95 ≤ 20 ms and ≤ 3×)`,
);
await db.destroy();

// The Messages tab's first page with 1,000,000 messages in the database and 100,000 on one
// customer, through the same tRPC procedure the tab calls (server time), plus a page 10,000
// messages deep. Reference measured in the same run: a bare `select 1` round trip.
import { createCaller, createContext } from '@rapport/api';
import type { JobProducer } from '@rapport/api/jobs';
import { createDb, insertBusiness } from '@rapport/db';
import { sql } from 'kysely';

const db = createDb(process.env.DATABASE_URL!);
const TOTAL = 1_000_000;
const HEAVY = 100_000;
const OTHERS = 9_000; // customers sharing the other 900,000 messages (100 each)

async function seed() {
	const existing = await db
		.selectFrom('businesses')
		.select('id')
		.where('name', '=', 'Bench: messages')
		.executeTakeFirst();
	if (existing) {
		const heavy = await db
			.selectFrom('customers')
			.select('id')
			.where('businessId', '=', existing.id)
			.where('name', '=', 'Heavy')
			.executeTakeFirstOrThrow();
		return { businessId: existing.id, customerId: heavy.id };
	}
	console.log(`  seeding ${TOTAL.toLocaleString('en')} messages (once; kept in .data/bench)…`);
	const started = performance.now();
	const business = await insertBusiness(db, { name: 'Bench: messages' });
	const heavy = await db
		.insertInto('customers')
		.values({ businessId: business.id, name: 'Heavy', email: 'heavy@bench.test' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await sql`insert into customers (business_id, name, email)
		select ${business.id}::uuid, 'Customer ' || g, 'c' || g || '@bench.test' from generate_series(1, ${OTHERS}) g`.execute(
		db,
	);
	const insertFor = (customerFilter: ReturnType<typeof sql>, perCustomer: number) => sql`
		insert into messages (business_id, customer_id, direction, channel, subject, body, sender_email, created_at, read_at)
		select c.business_id, c.id,
			case when g % 2 = 0 then 'inbound' else 'outbound' end, 'email', 'Subject ' || g,
			'Hello, this is message ' || g || ' of a long conversation about flowers and deliveries.',
			c.email, now() - make_interval(secs => g * 7), now()
		from customers c cross join generate_series(1, ${perCustomer}) g
		where ${customerFilter}`;
	await insertFor(sql`c.id = ${heavy.id}::uuid`, HEAVY).execute(db);
	await insertFor(
		sql`c.business_id = ${business.id}::uuid and c.id <> ${heavy.id}::uuid`,
		(TOTAL - HEAVY) / OTHERS,
	).execute(db);
	await sql`analyze messages`.execute(db);
	console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return { businessId: business.id, customerId: heavy.id };
}

async function timings(runs: number, work: () => Promise<unknown>) {
	for (let i = 0; i < 10; i++) await work();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await work();
		samples.push(performance.now() - t);
	}
	samples.sort((a, b) => a - b);
	const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
	return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const { businessId, customerId } = await seed();
const count = await db
	.selectFrom('messages')
	.select((eb) => eb.fn.countAll<number>().as('n'))
	.executeTakeFirstOrThrow();
const noJobs = {} as JobProducer; // the list procedure queues nothing
const caller = createCaller(
	createContext({
		db,
		jobs: noJobs,
		mail: { domain: 'bench.test' },
		session: { userId: 'bench', businessId },
	}),
);

const deep = await db
	.selectFrom('messages')
	.select(['createdAt', 'id'])
	.where('businessId', '=', businessId)
	.where('customerId', '=', customerId)
	.orderBy('createdAt', 'desc')
	.orderBy('id', 'desc')
	.offset(10_000)
	.limit(1)
	.executeTakeFirstOrThrow();

const runs = Number(process.env.BENCH_RUNS ?? 300);
const bare = await timings(runs, () => sql`select 1`.execute(db));
const first = await timings(runs, () => caller.messages.list({ customerId, limit: 30 }));
const deepPage = await timings(runs, () =>
	caller.messages.list({
		customerId,
		limit: 30,
		before: { createdAt: deep.createdAt.toISOString(), id: deep.id },
	}),
);

const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
console.log(
	`\nMessages tab, first page of 30 (${Number(count.n).toLocaleString('en')} messages in the database, ${HEAVY.toLocaleString('en')} on this customer)`,
);
console.log(
	`  first page                 p50 ${ms(first.p50)}   p95 ${ms(first.p95)}   (target p95 ≤ 20 ms)`,
);
console.log(
	`  page 10,000 messages deep  p50 ${ms(deepPage.p50)}   p95 ${ms(deepPage.p95)}   = ${(deepPage.p95 / first.p95).toFixed(2)}× the first page (target ≤ 1.5×)`,
);
console.log(
	`  bare select 1 round trip   p50 ${ms(bare.p50)}   p95 ${ms(bare.p95)}   (reference, same run)`,
);
await db.destroy();

import { createJobProducer } from '@rapport/api/jobs';
import { callerFor } from '@rapport/api/testing';
import { customerImportReport, uploadCustomerImport } from '@rapport/api/use-cases';
import { createDb } from '@rapport/db';
import { createTestBusiness, createTestUser, testDatabaseUrl } from '@rapport/db/testing';
import { parse } from 'csv-parse/sync';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { eventually } from './testing/eventually.ts';
import { startWorkers } from './worker.ts';

const db = createDb(testDatabaseUrl());
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const closers: (() => Promise<unknown>)[] = [];

afterAll(async () => {
	for (const close of closers.reverse()) await close().catch(() => {});
	await connection.quit();
	await db.destroy();
});

const EMAIL_ROWS = 49_000;
const WALK_IN_ROWS = 950;
const DUPLICATE_EMAIL_ROWS = 30;
const DUPLICATE_WALK_IN_ROWS = 10;
const BAD_EMAIL_ROWS = 10;
const ROWS =
	EMAIL_ROWS + WALK_IN_ROWS + DUPLICATE_EMAIL_ROWS + DUPLICATE_WALK_IN_ROWS + BAD_EMAIL_ROWS;
/** The email row (0-based) whose address is already another customer's second email. */
const KNOWN_ROW = 123;

/**
 * 50,000 data rows, in this order: distinct emails (one of them a pre-existing customer's other
 * email), walk-ins with only name + phone, repeats of earlier emails (every other one in capitals),
 * repeats of earlier walk-ins, and bad emails.
 */
function generatedCsv(tag: string): string {
	const email = (i: number) =>
		i === KNOWN_ROW ? `known-${tag}@example.test` : `c${i}-${tag}@example.test`;
	const lines = ['Name,Email,Phone,Company'];
	for (let i = 0; i < EMAIL_ROWS; i++)
		lines.push(
			`Customer ${i},${email(i)},+44 20 7946 ${String(i).padStart(5, '0')},"Shop ${i}, Ltd"`,
		);
	for (let i = 0; i < WALK_IN_ROWS; i++) lines.push(`Walk-in ${i},,+1 555 ${1000 + i},`);
	for (let i = 0; i < DUPLICATE_EMAIL_ROWS; i++) {
		const again = email(i * 1000 + 7);
		lines.push(`Again ${i},${i % 2 ? again.toUpperCase() : again},,`);
	}
	for (let i = 0; i < DUPLICATE_WALK_IN_ROWS; i++)
		lines.push(`walk-in ${i * 90},,+1 (555) ${1000 + i * 90},`);
	for (let i = 0; i < BAD_EMAIL_ROWS; i++) lines.push(`Bad ${i},bad-${i}-at-example.test,,`);
	expect(lines).toHaveLength(ROWS + 1);
	return lines.join('\n');
}

const mapping = { name: 0, email: 1, phone: 2, company: 3 };

describe('customer CSV import at the 50,000-row limit', () => {
	it('imports a generated 50,000-row file with an exact report, and the same file again creates nothing', async () => {
		const prefix = `import-scale-${Math.random().toString(36).slice(2, 10)}`;
		const jobs = createJobProducer(connection, prefix);
		closers.push(() => jobs.close());
		const workers = await startWorkers({
			connection,
			deps: {
				db,
				log,
				mailer: createMailer('smtp://127.0.0.1:1', 'Test <t@rapport.test>'),
				templates: loadEmailTemplates(),
				origin: 'http://localhost',
				mailDomain: 'rapport.test',
			},
			concurrency: 1,
			prefix,
			schedules: false,
		});
		closers.push(() => workers.close());
		const business = await createTestBusiness(db);
		const user = await createTestUser(db, business.id);
		const actor = { businessId: business.id, userId: user.id };
		const caller = callerFor({ db, jobs }, actor);
		const known = await caller.customers.create({
			name: 'Known',
			email: 'known-primary@example.test',
			phone: '',
		});
		await caller.customerAddresses.addEmail({
			customerId: known.id,
			email: 'known-s@example.test',
		});

		const csv = generatedCsv('s');
		const countCustomers = async () =>
			Number(
				(
					await db
						.selectFrom('customers')
						.select((eb) => eb.fn.countAll().as('n'))
						.where('businessId', '=', business.id)
						.executeTakeFirstOrThrow()
				).n,
			);
		const importFile = async (onExisting: 'skip' | 'fill_empty') => {
			const { id } = await uploadCustomerImport({ db }, actor, {
				fileName: 'customers.csv',
				bytes: new TextEncoder().encode(csv),
			});
			const view = await caller.customerImports.byId({ id });
			expect(view).toMatchObject({ totalRows: ROWS, hasHeader: true, suggestedMapping: mapping });
			await caller.customerImports.start({ id, mapping, onExisting, hasHeader: true });
			const done = await eventually(async () => {
				const v = await caller.customerImports.byId({ id });
				return v.status === 'done' ? v : null;
			}, 120_000);
			const report = parse((await customerImportReport({ db }, actor, { id })).csv, {
				bom: true,
				columns: true,
			}) as Record<string, string>[];
			const outcomes = (outcome: string) => report.filter((r) => r.Outcome === outcome);
			return { done, rejected: outcomes('Rejected'), duplicates: outcomes('Possible duplicate') };
		};

		const first = await importFile('skip');
		const created = EMAIL_ROWS - 1 + WALK_IN_ROWS;
		expect(first.done).toMatchObject({
			processedRows: ROWS,
			createdCount: created,
			updatedCount: 0,
			// The known customer's address, and the walk-ins seen earlier in the file.
			skippedCount: 1 + DUPLICATE_WALK_IN_ROWS,
			rejectedCount: DUPLICATE_EMAIL_ROWS + BAD_EMAIL_ROWS,
		});
		expect(await countCustomers()).toBe(created + 1);
		const firstDuplicateRow = EMAIL_ROWS + WALK_IN_ROWS + 2;
		expect(first.rejected.slice(0, 2).map((r) => [r.Row, r.Reason, r.Email])).toEqual([
			[
				String(firstDuplicateRow),
				'Same email as row 9 of this file (the first one is imported)',
				'c7-s@example.test',
			],
			[
				String(firstDuplicateRow + 1),
				'Same email as row 1009 of this file (the first one is imported)',
				'C1007-S@EXAMPLE.TEST',
			],
		]);
		expect(first.rejected.at(-1)).toMatchObject({
			Row: String(ROWS + 1),
			Reason: 'Enter a valid email address: “bad-9-at-example.test”',
		});
		expect(first.duplicates.map((r) => r.Name)).toEqual(
			Array.from({ length: DUPLICATE_WALK_IN_ROWS }, (_, i) => `walk-in ${i * 90}`),
		);
		expect(first.duplicates[1]?.Reason).toBe(
			`Possible duplicate of row ${EMAIL_ROWS + 90 + 2} of this file (same name and phone, no email)`,
		);
		// Phones and company names are kept as written.
		expect(
			await db
				.selectFrom('customers')
				.select(['name', 'phone'])
				.where('businessId', '=', business.id)
				.where('email', '=', 'c42-s@example.test')
				.executeTakeFirst(),
		).toEqual({ name: 'Customer 42', phone: '+44 20 7946 00042' });

		// Again, now filling empty fields: the known customer gains the file's phone, no one is new.
		const second = await importFile('fill_empty');
		expect(second.done).toMatchObject({
			processedRows: ROWS,
			createdCount: 0,
			updatedCount: 1,
			skippedCount: EMAIL_ROWS - 1 + WALK_IN_ROWS + DUPLICATE_WALK_IN_ROWS,
			rejectedCount: DUPLICATE_EMAIL_ROWS + BAD_EMAIL_ROWS,
		});
		expect(await countCustomers()).toBe(created + 1);
		expect(second.rejected).toHaveLength(DUPLICATE_EMAIL_ROWS + BAD_EMAIL_ROWS);
		expect(second.duplicates).toHaveLength(WALK_IN_ROWS + DUPLICATE_WALK_IN_ROWS);
		expect(second.duplicates[0]).toMatchObject({
			Row: String(EMAIL_ROWS + 2),
			Name: 'Walk-in 0',
			Reason:
				'Possible duplicate: a customer with this name and phone (and no email) already exists',
		});
		expect(
			await db
				.selectFrom('customers')
				.select('phone')
				.where('id', '=', known.id)
				.executeTakeFirstOrThrow(),
		).toEqual({ phone: `+44 20 7946 00${KNOWN_ROW}` });
	}, 300_000);
});

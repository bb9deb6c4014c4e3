import { createJobProducer } from '@rapport/api/jobs';
import { callerFor } from '@rapport/api/testing';
import {
	customerImportReport,
	runCustomerImport,
	uploadCustomerImport,
} from '@rapport/api/use-cases';
import { createDb } from '@rapport/db';
import { createTestBusiness, createTestUser, testDatabaseUrl } from '@rapport/db/testing';
import { parse } from 'csv-parse/sync';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { eventually } from './testing/eventually.ts';
import { startWorkers, type WorkerOptions } from './worker.ts';

const db = createDb(testDatabaseUrl());
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const closers: (() => Promise<unknown>)[] = [];

afterAll(async () => {
	for (const close of closers.reverse()) await close().catch(() => {});
	await connection.quit();
	await db.destroy();
});

async function setup(options: Partial<WorkerOptions> = {}) {
	const prefix = `import-${Math.random().toString(36).slice(2, 10)}`;
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
		outageDelayMs: () => 50,
		...options,
	});
	closers.push(() => workers.close());
	const business = await createTestBusiness(db);
	const user = await createTestUser(db, business.id);
	const actor = { businessId: business.id, userId: user.id };
	const caller = callerFor({ db, jobs }, actor);
	return { business, actor, caller };
}

/**
 * 2,000 data rows: 1,990 distinct emails, 4 repeats of earlier emails (one in another case),
 * 3 invalid emails, 2 rows without email (matched by name + phone), 1 formula name.
 */
function generatedCsv(tag: string): string {
	const lines = ['\uFEFFFirst name;Last name;E-mail;Phone;Notes'];
	for (let i = 0; i < 1990; i++)
		lines.push(`Ana${i};Lima;ana${i}-${tag}@example.test;+1 555 ${1000 + i};"note ${i}; with ;"`);
	lines.push(`Dup;One;ana5-${tag}@example.test;;`);
	lines.push(`Dup;Two;ANA6-${tag}@EXAMPLE.TEST;;`);
	lines.push(`Dup;Three;ana1500-${tag}@example.test;;`);
	lines.push(`Dup;Four;ana1989-${tag}@example.test;;`);
	lines.push('Bad;One;not-an-email;;', 'Bad;Two;x@;;', 'Bad;Three;@@;;');
	lines.push('Walk;In;;+1 555 0000;', 'Other;Walk-in;;;');
	lines.push(`"=HYPERLINK(""http://evil.test"";""x"")";;formula-${tag}@example.test;;`);
	return lines.join('\r\n');
}

const mapping = { firstName: 0, lastName: 1, email: 2, phone: 3, notes: 4 };
const customersOf = (businessId: string) =>
	db
		.selectFrom('customers')
		.select(['name', 'email'])
		.where('businessId', '=', businessId)
		.execute();

async function importFile(
	s: Awaited<ReturnType<typeof setup>>,
	csv: string,
	onExisting: 'skip' | 'fill_empty' = 'skip',
) {
	const { id } = await uploadCustomerImport({ db }, s.actor, {
		fileName: 'customers.csv',
		bytes: new TextEncoder().encode(csv),
	});
	const view = await s.caller.customerImports.byId({ id });
	expect(view.suggestedMapping).toEqual(mapping);
	await s.caller.customerImports.start({ id, mapping, onExisting, hasHeader: view.hasHeader });
	return eventually(async () => {
		const v = await s.caller.customerImports.byId({ id });
		return v.status === 'done' ? v : null;
	}, 30_000);
}

describe('customer CSV import in the worker', () => {
	it('imports a 2,000-row file, reports the rejected rows, and a second import creates nothing', async () => {
		const s = await setup();
		const csv = generatedCsv('a');
		const done = await importFile(s, csv);
		expect(done).toMatchObject({
			totalRows: 2000,
			processedRows: 2000,
			createdCount: 1993,
			updatedCount: 0,
			skippedCount: 0,
			rejectedCount: 7,
		});
		const customers = await customersOf(s.business.id);
		expect(customers).toHaveLength(1993);
		expect(customers.find((c) => c.email === 'formula-a@example.test')?.name).toBe(
			'=HYPERLINK("http://evil.test";"x")',
		);
		const notes = await db
			.selectFrom('notes')
			.select('body')
			.where('businessId', '=', s.business.id)
			.execute();
		expect(notes).toHaveLength(1990);
		expect(notes).toContainEqual({ body: 'note 7; with ;' });

		const report = await customerImportReport({ db }, s.actor, { id: done.id });
		const rows = parse(report.csv, { bom: true }) as string[][];
		expect(rows[0]).toEqual([
			'Row',
			'Outcome',
			'Reason',
			'First name',
			'Last name',
			'E-mail',
			'Phone',
			'Notes',
		]);
		expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
			['1992', 'Rejected', 'Same email as row 7 of this file (the first one is imported)'],
			['1993', 'Rejected', 'Same email as row 8 of this file (the first one is imported)'],
			['1994', 'Rejected', 'Same email as row 1502 of this file (the first one is imported)'],
			['1995', 'Rejected', 'Same email as row 1991 of this file (the first one is imported)'],
			['1996', 'Rejected', 'Enter a valid email address: “not-an-email”'],
			['1997', 'Rejected', 'Enter a valid email address: “x@”'],
			['1998', 'Rejected', 'Enter a valid email address: “@@”'],
		]);

		// Cells as read, made safe for a spreadsheet: '@@' would start a formula.
		expect(rows.at(-1)?.slice(3)).toEqual(['Bad', 'Three', "'@@", '', '']);

		const again = await importFile(s, csv);
		expect(again).toMatchObject({ createdCount: 0, skippedCount: 1993, rejectedCount: 7 });
		expect(await customersOf(s.business.id)).toHaveLength(1993);
		// The walk-ins without email are held back as possible duplicates, in the report.
		const second = parse((await customerImportReport({ db }, s.actor, { id: again.id })).csv, {
			bom: true,
		}) as string[][];
		expect(second.filter((r) => r[1] === 'Possible duplicate').map((r) => r[3])).toEqual([
			'Walk',
			'Other',
		]);
	});

	it('fills empty fields of existing customers when asked, never overwriting', async () => {
		const s = await setup();
		const kept = await s.caller.customers.create({
			name: 'Kept',
			email: 'kept@example.test',
			phone: '',
		});
		// Matched by any of a customer's emails, not only the primary one.
		await db
			.insertInto('customerEmails')
			.values({ businessId: s.business.id, customerId: kept.id, email: 'Kept.Work@example.test' })
			.execute();
		await s.caller.customers.create({
			name: 'Full',
			email: 'full@example.test',
			phone: '+1 555 9',
		});
		const csv = [
			'First name;Last name;E-mail;Phone;Notes',
			'New;Name;KEPT@example.test;+1 555 1;',
			'Other;Name;full@example.test;+1 555 2;',
			'Work;Mail;kept.work@example.test;;',
		].join('\n');
		const done = await importFile(s, csv, 'fill_empty');
		expect(done).toMatchObject({ createdCount: 0, updatedCount: 1, skippedCount: 2 });
		const rows = await db
			.selectFrom('customers')
			.select(['name', 'phone'])
			.where('businessId', '=', s.business.id)
			.orderBy('name')
			.execute();
		expect(rows).toEqual([
			{ name: 'Full', phone: '+1 555 9' },
			{ name: 'Kept', phone: '+1 555 1' },
		]);
	});

	it('resumes after a crash mid-import without creating anything twice', async () => {
		let crashed = false;
		const s = await setup({
			processors: {
				// The first attempt commits two batches of 300 and then dies; the retry goes on.
				'import-customers': async (payload) => {
					if (crashed) return runCustomerImport({ db }, payload, { batchSize: 300 });
					crashed = true;
					await runCustomerImport({ db }, payload, {
						batchSize: 300,
						onBatch: (processed) => {
							if (processed >= 600) throw new Error('worker died');
						},
					});
				},
			},
		});
		const done = await importFile(s, generatedCsv('c'));
		expect(crashed).toBe(true);
		expect(done).toMatchObject({ processedRows: 2000, createdCount: 1993, rejectedCount: 7 });
		expect(await customersOf(s.business.id)).toHaveLength(1993);
		const report = await customerImportReport({ db }, s.actor, { id: done.id });
		expect(parse(report.csv, { bom: true })).toHaveLength(8);
	});

	it('keeps imports to their business', async () => {
		const s = await setup();
		const other = await setup();
		const { id } = await uploadCustomerImport({ db }, s.actor, {
			fileName: 'mine.csv',
			bytes: new TextEncoder().encode('Name,Email\nAna,ana@example.test\n'),
		});
		await expect(other.caller.customerImports.byId({ id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await expect(
			other.caller.customerImports.start({
				id,
				mapping: { name: 0, email: 1 },
				onExisting: 'skip',
				hasHeader: true,
			}),
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(customerImportReport({ db }, other.actor, { id })).rejects.toThrow('not found');
		// A job naming another business's import finds nothing to do.
		expect(await runCustomerImport({ db }, { businessId: other.business.id, importId: id })).toBe(
			'missing',
		);
		expect((await s.caller.customerImports.list()).map((i) => i.id)).toEqual([id]);
		expect(await other.caller.customerImports.list()).toEqual([]);
	});
});

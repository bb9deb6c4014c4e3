import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../domain/customer-import.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { importCustomersJobId } from '../../jobs/contract.ts';
import { useHarness } from '../../testing/harness.ts';
import { purgeUnstartedImports, UNSTARTED_IMPORT_KEPT_MS } from './purge-unstarted.ts';
import { runCustomerImport } from './run.ts';
import { uploadCustomerImport } from './upload.ts';

const { db, redis, prefix, signedIn } = useHarness();
const imports = new Queue('imports', { connection: redis, prefix });
afterAll(() => imports.close());
const encode = (s: string) => new TextEncoder().encode(s);

async function refusal(bytes: Uint8Array) {
	const { business, user } = await signedIn();
	const actor = { businessId: business.id, userId: user.id };
	const error = await uploadCustomerImport({ db }, actor, { fileName: 'x.csv', bytes }).catch(
		(e: unknown) => e,
	);
	const stored = await db
		.selectFrom('customerImports')
		.select('id')
		.where('businessId', '=', business.id)
		.execute();
	expect(stored).toEqual([]);
	expect(error).toBeInstanceOf(FieldValidationError);
	return (error as FieldValidationError).fieldErrors.file?.[0];
}

describe('uploading a customer CSV', () => {
	it('stores a ;-separated file with a BOM, its preview and row count', async () => {
		const { business, user, caller } = await signedIn();
		const { id } = await uploadCustomerImport(
			{ db },
			{ businessId: business.id, userId: user.id },
			{
				fileName: 'list.csv',
				bytes: encode(
					'\uFEFFName;Email address\n"Lima; Ana";ana@example.test\n\nBo;bo@example.test\n',
				),
			},
		);
		const view = await caller.customerImports.byId({ id });
		expect(view).toMatchObject({
			status: 'uploaded',
			delimiter: ';',
			hasHeader: true,
			totalRows: 2,
			columns: ['Name', 'Email address'],
			suggestedMapping: { name: 0, email: 1 },
			preview: [
				['Name', 'Email address'],
				['Lima; Ana', 'ana@example.test'],
				['Bo', 'bo@example.test'],
			],
		});
	});

	it('refuses bad files with a clear reason and stores nothing', async () => {
		expect(await refusal(Uint8Array.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0x0a]))).toMatch(
			/not UTF-8/,
		);
		expect(await refusal(new Uint8Array(0))).toBe('The file is empty.');
		expect(await refusal(new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x61))).toBe(
			'The file is larger than 10 MB.',
		);
		// 10 MB of one line.
		expect(await refusal(new Uint8Array(IMPORT_MAX_BYTES).fill(0x61))).toMatch(/longer than/);
		expect(await refusal(encode('Name,Email\n"Ana,ana@example.test\n'))).toMatch(/never closed/);
		expect(await refusal(encode('Name,Email\n'))).toMatch(/no customers/);
	});

	it('takes 50,000 rows and refuses 50,001 with the limit', async () => {
		const rows = (n: number) =>
			encode(
				['Name,Email', ...Array.from({ length: n }, (_, i) => `C${i},c${i}@x.test`)].join('\n'),
			);
		const { business, user } = await signedIn();
		const ok = await uploadCustomerImport(
			{ db },
			{ businessId: business.id, userId: user.id },
			{ fileName: 'max.csv', bytes: rows(50_000) },
		);
		expect(ok.id).toBeTruthy();
		expect(await refusal(rows(50_001))).toMatch(/more than 50,000 rows/);
	});
});

describe('starting again an import whose job was lost', () => {
	it('queues it once more from its checkpoint, once per checkpoint, and nothing is imported twice', async () => {
		const { business, user, caller } = await signedIn();
		const actor = { businessId: business.id, userId: user.id };
		const { id } = await uploadCustomerImport({ db }, actor, {
			fileName: 'lost.csv',
			bytes: encode('Name,Email\nAna,ana@x.test\nBo,bo@x.test\nCy,cy@x.test\n'),
		});
		await expect(caller.customerImports.requeue({ id })).rejects.toMatchObject({
			code: 'CONFLICT',
		});
		await caller.customerImports.start({
			id,
			mapping: { name: 0, email: 1 },
			onExisting: 'skip',
			hasHeader: true,
		});
		// A worker takes the job, commits one batch and dies; then Redis loses the job.
		const payload = { businessId: business.id, importId: id };
		await expect(
			runCustomerImport({ db }, payload, {
				batchSize: 1,
				onBatch: () => {
					throw new Error('worker died');
				},
			}),
		).rejects.toThrow('worker died');
		await (await imports.getJob(importCustomersJobId(id)))!.remove();
		expect(await caller.customerImports.byId({ id })).toMatchObject({
			status: 'running',
			processedRows: 1,
		});

		await caller.customerImports.requeue({ id });
		// A second click (or a second tab) adds nothing.
		await caller.customerImports.requeue({ id });
		const waiting = await imports.getJobs(['waiting']);
		expect(waiting.map((j) => [j.id, j.data])).toEqual([[importCustomersJobId(id, 2), payload]]);

		expect(await runCustomerImport({ db }, waiting[0]!.data)).toBe('done');
		expect(await caller.customerImports.byId({ id })).toMatchObject({
			status: 'done',
			processedRows: 3,
			createdCount: 3,
			rejectedCount: 0,
		});
		const customers = await db
			.selectFrom('customers')
			.select('email')
			.where('businessId', '=', business.id)
			.orderBy('email')
			.execute();
		expect(customers.map((c) => c.email)).toEqual(['ana@x.test', 'bo@x.test', 'cy@x.test']);
		await expect(caller.customerImports.requeue({ id })).rejects.toMatchObject({
			code: 'CONFLICT',
		});

		const other = await signedIn();
		await expect(other.caller.customerImports.requeue({ id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
	});
});

describe('uploads never started', () => {
	it('are dropped with their file after a day; started and recent ones stay', async () => {
		const { business, user } = await signedIn();
		const actor = { businessId: business.id, userId: user.id };
		const upload = () =>
			uploadCustomerImport({ db }, actor, {
				fileName: 'list.csv',
				bytes: encode('Name,Email\nAna,ana@example.test\n'),
			});
		const [abandoned, recent, started] = [await upload(), await upload(), await upload()];
		const dayAndAHourAgo = new Date(Date.now() - UNSTARTED_IMPORT_KEPT_MS - 3_600_000);
		await db
			.updateTable('customerImports')
			.set({ createdAt: dayAndAHourAgo } as never)
			.where('id', 'in', [abandoned.id, started.id])
			.execute();
		await db
			.updateTable('customerImports')
			.set({ status: 'failed' })
			.where('id', '=', started.id)
			.execute();

		expect((await purgeUnstartedImports({ db })).deleted).toBeGreaterThanOrEqual(1);
		const left = await db
			.selectFrom('customerImports')
			.select('id')
			.where('businessId', '=', business.id)
			.execute();
		expect(left.map((r) => r.id).sort()).toEqual([recent.id, started.id].sort());
		// A second sweep finds nothing more of this business to drop.
		await purgeUnstartedImports({ db });
		expect(
			await db
				.selectFrom('customerImports')
				.select('id')
				.where('businessId', '=', business.id)
				.execute(),
		).toHaveLength(2);
	});
});

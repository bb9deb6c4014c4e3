import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './client.ts';
import { listFailedJobs, recordFailedJobs } from './queries/failed-jobs.ts';
import { listEmailQuarantine, quarantineEmail } from './queries/inbound-email.ts';
import { createTestBusiness, testDatabaseUrl } from './testing/index.ts';

const db = createDb(testDatabaseUrl());
afterAll(() => db.destroy());

describe('pageByTimeDesc', () => {
	it('pages rows of one timestamp by id, each once, and the cursor survives JSON', async () => {
		const business = await createTestBusiness(db);
		// One call stamps every row with the same failed_at: only the id orders them.
		await recordFailedJobs(
			db,
			Array.from({ length: 5 }, (_, i) => ({
				businessId: business.id,
				queue: 'email',
				jobName: 'send-email',
				jobId: `job-${i}`,
				payload: { i },
				kind: 'attempts' as const,
				reason: 'down',
				attempts: 3,
			})),
		);
		const seen: string[] = [];
		let cursor: Awaited<ReturnType<typeof listFailedJobs>>['nextCursor'] = null;
		for (let page = 0; page < 3; page++) {
			const result = await listFailedJobs(db, business.id, {
				cursor: cursor ?? undefined,
				limit: 2,
			});
			seen.push(...result.items.map((row) => row.id));
			cursor = result.nextCursor && JSON.parse(JSON.stringify(result.nextCursor));
			if (page < 2)
				expect(cursor).toEqual({ failedAt: expect.any(String), id: result.items[1]!.id });
		}
		expect(cursor).toBeNull();
		expect(seen).toEqual([...seen].sort().reverse());
		expect(new Set(seen).size).toBe(5);
	});

	it('answers the first page when there is no cursor, scoped to the business', async () => {
		const [business, other] = [await createTestBusiness(db), await createTestBusiness(db)];
		for (const [b, sourceId] of [
			[business.id, 'mine-1'],
			[business.id, 'mine-2'],
			[other.id, 'theirs-1'],
		] as const) {
			await quarantineEmail(db, b, {
				sourceId: `${sourceId}-${business.id}`,
				senderName: null,
				senderEmail: 'x@example.test',
				subject: sourceId,
				reason: 'unknown-sender',
				payload: null,
			});
		}
		const page = await listEmailQuarantine(db, business.id);
		expect(page.items.map((row) => row.subject).sort()).toEqual(['mine-1', 'mine-2']);
		expect(page.nextCursor).toBeNull();
	});
});

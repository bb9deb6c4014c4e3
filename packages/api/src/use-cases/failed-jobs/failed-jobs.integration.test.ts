import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { FormSubmissionJob } from '../../jobs/form-submission.ts';
import { useHarness } from '../../testing/harness.ts';
import { recordFinalFailure } from './record.ts';

const { db, redis, prefix, signedIn, anonymous } = useHarness();

function submission(businessId: string, name: string): FormSubmissionJob {
	const email = `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@example.test`;
	return {
		businessId,
		submissionId: randomUUID(),
		acceptedAt: new Date().toISOString(),
		email,
		name,
		phone: null,
		message: 'Hello',
		fields: [
			{ name: 'email', value: email },
			{ name: 'name', value: name },
			{ name: 'message', value: 'Hello' },
		],
		startedAt: null,
	};
}

const failure = (jobId: string, payload: unknown) => ({
	queue: 'ingest',
	jobName: 'ingest-form-submissions',
	jobId,
	payload,
	kind: 'attempts' as const,
	reason: 'deadlock detected',
	attempts: 15,
});

describe('failed jobs', () => {
	it('a group job of two businesses is recorded once per business, each with only its own part', async () => {
		const a = await signedIn();
		const b = await signedIn();
		const [a1, b1, a2] = [
			submission(a.business.id, 'Ann'),
			submission(b.business.id, 'Bob'),
			submission(a.business.id, 'Amy'),
		];
		const jobId = `group-${randomUUID()}`;
		await recordFinalFailure({ db }, failure(jobId, { submissions: [a1, b1, a2] }));
		// Recording the same failure again (the worker died before BullMQ knew) keeps one row each.
		await recordFinalFailure({ db }, failure(jobId, { submissions: [a1, b1, a2] }));

		const listA = await a.caller.failedJobs.list();
		const listB = await b.caller.failedJobs.list();
		expect(listA).toHaveLength(1);
		expect(listB).toHaveLength(1);
		expect(listA[0]!.what).toBe(
			`2 contact-form submissions (from Ann <${a1.email}>, Amy <${a2.email}>)`,
		);
		expect(listA[0]!.reason).not.toContain('deadlock');
		expect(listB[0]!.what).toBe(`Contact-form submission from Bob <${b1.email}>`);

		// Retry re-queues only this business's part, once.
		await a.caller.failedJobs.retry({ id: listA[0]!.id });
		await expect(a.caller.failedJobs.retry({ id: listA[0]!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		const queue = new Queue('ingest', { connection: redis, prefix });
		const job = await queue.getJob(`retry-${listA[0]!.id}`);
		await queue.close();
		expect(job?.name).toBe('ingest-form-submissions');
		expect(
			(job!.data as { submissions: FormSubmissionJob[] }).submissions.map((s) => s.submissionId),
		).toEqual([a1.submissionId, a2.submissionId]);
		expect(await a.caller.failedJobs.list()).toEqual([]);
		expect(await b.caller.failedJobs.list()).toHaveLength(1);
	});

	it('dismiss removes it for its owner only', async () => {
		const a = await signedIn();
		const b = await signedIn();
		await recordFinalFailure(
			{ db },
			{
				...failure(`single-${randomUUID()}`, submission(a.business.id, 'Ann')),
				jobName: 'ingest-form-submission',
			},
		);
		const [item] = await a.caller.failedJobs.list();
		await expect(b.caller.failedJobs.dismiss({ id: item!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await expect(b.caller.failedJobs.retry({ id: item!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await a.caller.failedJobs.dismiss({ id: item!.id });
		expect(await a.caller.failedJobs.list()).toEqual([]);
		await expect(a.caller.failedJobs.dismiss({ id: item!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
	});

	it('needs a signed-in user', async () => {
		await expect(anonymous().failedJobs.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});
});

import { randomUUID } from 'node:crypto';
import { findBusinessIdByFormKey, quarantineFormSubmission } from '@rapport/db';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { FormSubmissionJob } from '../jobs/form-submission.ts';
import { useHarness } from '../testing/harness.ts';

const { db, redis, prefix, signedIn, formKeyRotations } = useHarness();
const ingest = new Queue('ingest', { connection: redis, prefix });
afterAll(() => ingest.close());

async function hold(businessId: string, overrides: Partial<FormSubmissionJob> = {}) {
	const payload: FormSubmissionJob = {
		businessId,
		submissionId: randomUUID(),
		acceptedAt: new Date().toISOString(),
		email: 'bot@spam.example',
		name: 'Quick Bot',
		phone: null,
		message: 'Buy now',
		fields: [
			{ name: 'email', value: 'bot@spam.example' },
			{ name: 'name', value: 'Quick Bot' },
			{ name: 'message', value: 'Buy now' },
		],
		startedAt: Date.now() - 100,
		...overrides,
	};
	await quarantineFormSubmission(db, businessId, {
		submissionId: payload.submissionId,
		payload,
		reason: 'Sent 0.1 s after the form was opened',
	});
	return payload;
}

describe('forms router', () => {
	it('lists only the signed-in business’s held submissions, newest first', async () => {
		const a = await signedIn();
		const b = await signedIn();
		await hold(a.business.id, { name: 'First' });
		await hold(a.business.id, { name: 'Second' });
		await hold(b.business.id, { name: 'Not yours' });

		const page = await a.caller.forms.quarantine.list({});
		expect(page.items.map((i) => i.name)).toEqual(['Second', 'First']);
		expect(page.items[0]).toMatchObject({
			email: 'bot@spam.example',
			message: 'Buy now',
			reason: 'Sent 0.1 s after the form was opened',
		});
		const first = await a.caller.forms.quarantine.list({ limit: 1 });
		expect(first.nextCursor).not.toBeNull();
		const next = await a.caller.forms.quarantine.list({ limit: 1, cursor: first.nextCursor });
		expect(next.items.map((i) => i.name)).toEqual(['First']);
	});

	it('“Not spam” queues normal ingestion once and removes it from the list', async () => {
		const { business, caller } = await signedIn();
		const held = await hold(business.id);
		const [item] = (await caller.forms.quarantine.list({})).items;

		await caller.forms.release({ id: item!.id });
		await caller.forms.release({ id: item!.id }); // a double click changes nothing
		expect((await caller.forms.quarantine.list({})).items).toEqual([]);

		const job = await ingest.getJob(`form-release-${held.submissionId}`);
		expect(job?.name).toBe('ingest-form-submissions');
		expect(job?.data).toMatchObject({ submissions: [{ ...held, released: true }] });
		expect(await ingest.getJobCountByTypes('waiting')).toBeGreaterThanOrEqual(1);
	});

	it('deletes a held submission for good: never another business’s, never a released one', async () => {
		const owner = await signedIn();
		const intruder = await signedIn();
		await hold(owner.business.id, { name: 'Spam' });
		await hold(owner.business.id, { name: 'Released' });
		const [released, spam] = (await owner.caller.forms.quarantine.list({})).items;
		await owner.caller.forms.release({ id: released!.id });

		const notFound = { code: 'NOT_FOUND' };
		await expect(intruder.caller.forms.discard({ id: spam!.id })).rejects.toMatchObject(notFound);
		await expect(owner.caller.forms.discard({ id: released!.id })).rejects.toMatchObject(notFound);
		expect((await owner.caller.forms.quarantine.list({})).items.map((i) => i.name)).toEqual([
			'Spam',
		]);

		await owner.caller.forms.discard({ id: spam!.id });
		expect((await owner.caller.forms.quarantine.list({})).items).toEqual([]);
		await expect(owner.caller.forms.discard({ id: spam!.id })).rejects.toMatchObject(notFound);
		const customers = await owner.caller.customers.list({});
		expect(customers.items).toEqual([]);
	});

	it('never releases another business’s submission', async () => {
		const owner = await signedIn();
		const intruder = await signedIn();
		await hold(owner.business.id);
		const [item] = (await owner.caller.forms.quarantine.list({})).items;
		await expect(intruder.caller.forms.release({ id: item!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		expect((await owner.caller.forms.quarantine.list({})).items).toHaveLength(1);
	});

	it('rotating the key retires the old one', async () => {
		const { business, caller } = await signedIn();
		const { formKey } = await caller.forms.rotateKey();
		expect(formKey).not.toBe(business.formKey);
		expect(await findBusinessIdByFormKey(db, business.formKey)).toBeUndefined();
		expect(await findBusinessIdByFormKey(db, formKey)).toBe(business.id);
		expect((await caller.settings.get()).formKey).toBe(formKey);
		expect(formKeyRotations).toContain(business.id); // every web process drops its cached key
	});
});

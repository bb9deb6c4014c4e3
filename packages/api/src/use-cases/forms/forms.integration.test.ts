import { randomUUID } from 'node:crypto';
import { findBusiness, quarantineFormSubmission } from '@rapport/db';
import { createTestBusiness } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import type { FormSubmissionJob } from '../../jobs/form-submission.ts';
import { useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import {
	discardHeldSubmission,
	ingestFormSubmissions,
	releaseHeldSubmission,
	rotateFormKey,
} from './index.ts';

const { db, redis, jobs, prefix } = useHarness();
const ingestQueue = new Queue('ingest', { connection: redis, prefix });
afterAll(() => ingestQueue.close());

function submission(businessId: string, overrides: Partial<FormSubmissionJob> = {}) {
	return {
		businessId,
		submissionId: randomUUID(),
		acceptedAt: new Date().toISOString(),
		email: 'sam@example.test',
		name: 'Sam',
		phone: null,
		message: 'Hello',
		fields: [{ name: 'email', value: 'sam@example.test' }],
		startedAt: null,
		...overrides,
	} satisfies FormSubmissionJob;
}

const heldOf = (businessId: string) =>
	db.selectFrom('formQuarantine').selectAll().where('businessId', '=', businessId).execute();

async function hold(businessId: string, overrides: Partial<FormSubmissionJob> = {}) {
	const payload = submission(businessId, { startedAt: Date.now() - 100, ...overrides });
	await quarantineFormSubmission(db, businessId, {
		submissionId: payload.submissionId,
		payload,
		reason: 'too fast',
	});
	return (await heldOf(businessId))[0]!;
}

describe('contact-form use cases', () => {
	it('rotates only the actor’s key and announces it; an unknown business is not found', async () => {
		const business = await createTestBusiness(db);
		const other = await createTestBusiness(db);
		const announced: string[] = [];
		const events = { formKeyRotated: async (id: string) => void announced.push(id) };
		const { formKey } = await rotateFormKey({ db, events }, systemActor(business.id));
		expect(formKey).not.toBe(business.formKey);
		expect(announced).toEqual([business.id]);
		expect((await findBusiness(db, other.id))?.formKey).toBe(other.formKey);
		await expect(rotateFormKey({ db, events }, systemActor(randomUUID()))).rejects.toBeInstanceOf(
			NotFoundError,
		);
	});

	it('another business can neither release nor discard a held submission; nothing is queued', async () => {
		const owner = await createTestBusiness(db);
		const held = await hold(owner.id);
		const stranger = systemActor((await createTestBusiness(db)).id);
		await expect(
			releaseHeldSubmission({ db, jobs }, stranger, { id: held.id }),
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(discardHeldSubmission({ db }, stranger, { id: held.id })).rejects.toBeInstanceOf(
			NotFoundError,
		);
		expect(await ingestQueue.getJob(`form-release-${held.submissionId}`)).toBeUndefined();
		expect(await heldOf(owner.id)).toMatchObject([{ id: held.id, releasedAt: null }]);
	});

	it('releases a held submission with its fields as sent: names, order and repeats', async () => {
		const actor = systemActor((await createTestBusiness(db)).id);
		const fields = [
			{ name: 'colour_scheme', value: 'green' },
			{ name: 'how_did_you_hear', value: 'Radio' },
			{ name: 'topic', value: 'cut' },
			{ name: 'topic', value: 'colour' },
		];
		const held = await hold(actor.businessId, { fields });
		await releaseHeldSubmission({ db, jobs }, actor, { id: held.id });
		const job = await ingestQueue.getJob(`form-release-${held.submissionId}`);
		expect(job?.data.submissions).toMatchObject([{ released: true, fields }]);
	});

	it('a released submission cannot be discarded any more', async () => {
		const actor = systemActor((await createTestBusiness(db)).id);
		const held = await hold(actor.businessId);
		await releaseHeldSubmission({ db, jobs }, actor, { id: held.id });
		await expect(discardHeldSubmission({ db }, actor, { id: held.id })).rejects.toBeInstanceOf(
			NotFoundError,
		);
	});

	it('holds spam back without storing it and hands the rest to the batched store', async () => {
		const business = await createTestBusiness(db);
		const now = new Date();
		const spam = submission(business.id, {
			acceptedAt: now.toISOString(),
			startedAt: now.getTime() - 200,
		});
		const fine = submission(business.id);
		const batched: FormSubmissionJob[] = [];
		const formIngest = { add: async (job: FormSubmissionJob) => void batched.push(job) };
		expect(await ingestFormSubmissions({ db, formIngest }, { submissions: [spam, fine] })).toEqual({
			stored: 1,
			quarantined: 1,
		});
		expect(batched).toEqual([fine]);
		expect((await heldOf(business.id)).map((h) => h.submissionId)).toEqual([spam.submissionId]);
	});
});

import { randomUUID } from 'node:crypto';
import { findBusiness } from '@rapport/db';
import { createTestBusiness } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import { useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { setPlan, updateBusinessDetails } from './index.ts';

const { db } = useHarness();

const details = {
	name: 'Renamed',
	email: 'owner@example.test',
	address: null,
	currency: 'EUR',
	invoicePrefix: 'R-',
	paymentTermsDays: 30,
};

describe('settings use cases', () => {
	it('changes only the actor’s business', async () => {
		const mine = await createTestBusiness(db);
		const other = await createTestBusiness(db);
		await updateBusinessDetails({ db }, systemActor(mine.id), details);
		expect(await findBusiness(db, mine.id)).toMatchObject(details);
		expect((await findBusiness(db, other.id))?.name).toBe(other.name);
	});

	it('a chosen plan ends the trial at once', async () => {
		const business = await createTestBusiness(db, { trialEndsAt: new Date(Date.now() + 1e9) });
		expect(await setPlan({ db }, systemActor(business.id), { plan: 'grow' })).toMatchObject({
			plan: 'grow',
			trialEndsAt: null,
		});
	});

	it('a business that no longer exists is not found', async () => {
		const gone = systemActor(randomUUID());
		await expect(updateBusinessDetails({ db }, gone, details)).rejects.toBeInstanceOf(
			NotFoundError,
		);
		await expect(setPlan({ db }, gone, { plan: 'starter' })).rejects.toBeInstanceOf(NotFoundError);
	});
});

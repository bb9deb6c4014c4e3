import { findCustomer } from '@rapport/db';
import { createTestBusiness, createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldConflictError } from '../../domain/field-errors.ts';
import { useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { createCustomer, requireCustomer, updateCustomer } from './index.ts';

const { db } = useHarness();
const profile = (email: string | null) => ({ name: 'Ada', email, phone: null });

describe('customer use cases', () => {
	it('refuses an email the business already has as a field conflict; another business may have it', async () => {
		const a = systemActor((await createTestBusiness(db)).id);
		const b = systemActor((await createTestBusiness(db)).id);
		await createCustomer({ db }, a, profile('ada@example.test'));
		const dup = await createCustomer({ db }, a, profile('ADA@example.test')).catch((e) => e);
		expect(dup).toBeInstanceOf(FieldConflictError);
		expect(dup.fieldErrors.email[0]).toMatch(/already exists/);
		expect(await createCustomer({ db }, b, profile('ada@example.test'))).toMatchObject({
			email: 'ada@example.test',
		});
	});

	it('never reads or edits another business’s customer', async () => {
		const owner = await createTestBusiness(db);
		const other = systemActor((await createTestBusiness(db)).id);
		const customer = await createTestCustomer(db, owner.id, { name: 'Kept' });
		await expect(requireCustomer({ db }, other, customer.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			updateCustomer({ db }, other, { id: customer.id, ...profile(null) }),
		).rejects.toBeInstanceOf(NotFoundError);
		expect((await findCustomer(db, owner.id, customer.id))?.name).toBe('Kept');
	});

	it('an edit to an email another customer has is a conflict, and changes nothing', async () => {
		const actor = systemActor((await createTestBusiness(db)).id);
		await createTestCustomer(db, actor.businessId, { email: 'taken@example.test' });
		const mine = await createTestCustomer(db, actor.businessId, { name: 'Mine' });
		await expect(
			updateCustomer({ db }, actor, { id: mine.id, ...profile('taken@example.test') }),
		).rejects.toBeInstanceOf(FieldConflictError);
		expect((await findCustomer(db, actor.businessId, mine.id))?.name).toBe('Mine');
	});
});

import { describe, expect, it } from 'vitest';
import { useHarness } from '../testing/harness.ts';

const { signedIn } = useHarness();

describe('settings router', () => {
	it('reads and updates only the signed-in business', async () => {
		const a = await signedIn({ name: 'Alpha' });
		const b = await signedIn({ name: 'Beta' });
		await a.caller.settings.update({
			name: 'Alpha Ltd',
			email: 'billing@alpha.test',
			address: '1 Road',
			currency: 'eur',
			invoicePrefix: 'A-',
			paymentTermsDays: 30,
		});
		expect(await a.caller.settings.get()).toMatchObject({
			name: 'Alpha Ltd',
			currency: 'EUR',
			paymentTermsDays: 30,
		});
		expect((await b.caller.settings.get()).name).toBe('Beta');
	});

	it('rejects an unknown currency and negative terms without changing anything', async () => {
		const { caller } = await signedIn({ name: 'Gamma' });
		await expect(
			caller.settings.update({
				name: 'Gamma',
				email: '',
				address: '',
				currency: 'XYZ1',
				invoicePrefix: 'G-',
				paymentTermsDays: -1,
			}),
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		expect(await caller.settings.get()).toMatchObject({
			name: 'Gamma',
			currency: 'USD',
			paymentTermsDays: 14,
		});
	});

	it('switching plan ends the trial', async () => {
		const { caller } = await signedIn({ plan: 'grow', trialEndsAt: new Date(Date.now() - 1000) });
		expect((await caller.settings.get()).effectivePlan).toBe('starter');
		expect((await caller.settings.setPlan({ plan: 'launch' })).effectivePlan).toBe('launch');
	});
});

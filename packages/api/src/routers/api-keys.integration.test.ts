import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../domain/errors.ts';
import { useHarness } from '../testing/harness.ts';
import { authenticateApiKey, hashApiKey } from '../use-cases/api-keys/index.ts';

const { db, signedIn, anonymous } = useHarness();
const notFound = { code: 'NOT_FOUND' };

const rowOf = (id: string) =>
	db.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('apiKeys router', () => {
	it('create shows the key once and stores only its SHA-256 and prefix', async () => {
		const { caller, user } = await signedIn();
		const created = await caller.apiKeys.create({ name: '  Calendly ' });
		expect(created.key).toMatch(/^rapport_[A-Za-z0-9_-]{43}$/);
		expect(created).toMatchObject({ name: 'Calendly', tokenPrefix: created.key.slice(0, 12) });

		const row = await rowOf(created.id);
		expect(row.tokenHash).toBe(hashApiKey(created.key));
		expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect(row.createdBy).toBe(user.id);
		expect(JSON.stringify(row)).not.toContain(created.key);

		const [listed] = await caller.apiKeys.list();
		expect(listed).toEqual({
			id: created.id,
			name: 'Calendly',
			tokenPrefix: created.tokenPrefix,
			createdAt: expect.any(Date),
			lastUsedAt: null,
			revokedAt: null,
		});
		expect(listed).not.toHaveProperty('key');
	});

	it('a name is required, one line, at most 100 characters (field errors)', async () => {
		const { caller } = await signedIn();
		for (const name of ['', '   ', 'Cal\nendly', 'x'.repeat(101)]) {
			await expect(caller.apiKeys.create({ name })).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				cause: { issues: [expect.objectContaining({ path: ['name'] })] },
			});
		}
		expect(await caller.apiKeys.list()).toEqual([]);
	});

	it('authenticates active keys only, and records the last use at most once a minute', async () => {
		const { caller, business } = await signedIn();
		const { key, id } = await caller.apiKeys.create({ name: 'Shop' });
		const t0 = new Date('2026-12-01T10:00:00Z');
		expect(await authenticateApiKey({ db }, key, t0)).toEqual({
			id,
			businessId: business.id,
			name: 'Shop',
		});
		expect((await rowOf(id)).lastUsedAt).toEqual(t0);
		await authenticateApiKey({ db }, key, new Date(t0.getTime() + 30_000));
		expect((await rowOf(id)).lastUsedAt).toEqual(t0);
		const t2 = new Date(t0.getTime() + 61_000);
		await authenticateApiKey({ db }, key, t2);
		expect((await caller.apiKeys.list())[0]?.lastUsedAt).toEqual(t2);

		for (const wrong of [null, '', 'rapport_short', `${key.slice(0, -1)}A`, key.toUpperCase()]) {
			if (wrong === key) continue;
			await expect(authenticateApiKey({ db }, wrong)).rejects.toBeInstanceOf(UnauthorizedError);
		}

		const revoked = await caller.apiKeys.revoke({ id });
		expect(revoked.revokedAt).toBeInstanceOf(Date);
		await expect(authenticateApiKey({ db }, key)).rejects.toBeInstanceOf(UnauthorizedError);
		// Idempotent: the first revocation time is kept.
		expect((await caller.apiKeys.revoke({ id })).revokedAt).toEqual(revoked.revokedAt);
		expect((await caller.apiKeys.list())[0]?.revokedAt).toEqual(revoked.revokedAt);
	});

	it("another business's key can be neither listed nor revoked", async () => {
		const owner = await signedIn();
		const intruder = await signedIn();
		const { id, key } = await owner.caller.apiKeys.create({ name: 'Calendly' });
		await intruder.caller.apiKeys.create({ name: 'Mine' });

		expect((await intruder.caller.apiKeys.list()).map((k) => k.name)).toEqual(['Mine']);
		await expect(intruder.caller.apiKeys.revoke({ id })).rejects.toMatchObject(notFound);
		await expect(
			intruder.caller.apiKeys.revoke({ id: '00000000-0000-4000-8000-000000000000' }),
		).rejects.toMatchObject(notFound);
		await expect(intruder.caller.apiKeys.revoke({ id: 'not-a-uuid' })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
		});
		expect((await rowOf(id)).revokedAt).toBeNull();
		expect((await authenticateApiKey({ db }, key)).businessId).toBe(owner.business.id);
	});

	it('signed-out callers get nothing', async () => {
		await expect(anonymous().apiKeys.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});
});

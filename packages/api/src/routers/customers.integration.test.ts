import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../testing/harness.ts';

const { signedIn, anonymous, db } = useHarness();

async function rejection(promise: Promise<unknown>) {
	const error = await promise.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(TRPCError);
	return error as TRPCError & { cause?: { fieldErrors?: Record<string, string[]> } };
}

async function customerCount(businessId: string) {
	const row = await db
		.selectFrom('customers')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('businessId', '=', businessId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('customers router', () => {
	it('creates, finds and updates a customer', async () => {
		const { caller } = await signedIn();
		const created = await caller.customers.create({
			name: ' Ada Lovelace ',
			email: 'ada@example.com',
			phone: '',
		});
		expect(created).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', phone: null });

		expect(await caller.customers.byId({ id: created.id })).toMatchObject({ id: created.id });
		const updated = await caller.customers.update({
			id: created.id,
			name: 'Ada King',
			email: 'ada@example.com',
			phone: '+44 20 1234',
		});
		expect(updated).toMatchObject({ name: 'Ada King', phone: '+44 20 1234' });
	});

	it('refuses bad input with field errors and stores nothing', async () => {
		const { caller, business } = await signedIn();
		const empty = await rejection(caller.customers.create({ name: '  ', email: 'nope' }));
		expect(empty.code).toBe('BAD_REQUEST');
		expect(await customerCount(business.id)).toBe(0);
	});

	it('refuses a duplicate email whatever its case, and changes nothing', async () => {
		const { caller, business } = await signedIn();
		const first = await caller.customers.create({ name: 'Grace', email: 'grace@example.com' });
		const dup = await rejection(
			caller.customers.create({ name: 'Other Grace', email: 'GRACE@example.com' }),
		);
		expect(dup.code).toBe('CONFLICT');
		expect(dup.cause?.fieldErrors?.email?.[0]).toMatch(/already exists/);
		expect(await customerCount(business.id)).toBe(1);

		const second = await caller.customers.create({ name: 'Hedy', email: 'hedy@example.com' });
		const clash = await rejection(
			caller.customers.update({ id: second.id, name: 'Hedy', email: 'Grace@Example.com' }),
		);
		expect(clash.code).toBe('CONFLICT');
		expect((await caller.customers.byId({ id: second.id })).email).toBe('hedy@example.com');
		expect((await caller.customers.byId({ id: first.id })).name).toBe('Grace');
	});

	it('allows the same email in two different businesses', async () => {
		const a = await signedIn();
		const b = await signedIn();
		await a.caller.customers.create({ name: 'Shared', email: 'shared@example.com' });
		await expect(
			b.caller.customers.create({ name: 'Shared', email: 'shared@example.com' }),
		).resolves.toBeTruthy();
	});

	it('searches by name, email or phone and pages with a keyset cursor', async () => {
		const { caller } = await signedIn();
		for (let i = 0; i < 7; i++) {
			await caller.customers.create({
				name: `Person ${i}`,
				email: `p${i}@example.com`,
				phone: i === 3 ? '+1 555 0003' : '',
			});
		}
		await caller.customers.create({ name: 'Someone 100% Else', email: 'else@example.com' });

		expect((await caller.customers.list({ search: 'person 5' })).items.map((c) => c.name)).toEqual([
			'Person 5',
		]);
		expect((await caller.customers.list({ search: 'P6@EXAMPLE' })).items).toHaveLength(1);
		expect((await caller.customers.list({ search: '555 0003' })).items.map((c) => c.name)).toEqual([
			'Person 3',
		]);
		expect((await caller.customers.list({ search: '100%' })).items).toHaveLength(1);

		const seen: string[] = [];
		let cursor: Awaited<ReturnType<typeof caller.customers.list>>['nextCursor'] = null;
		do {
			const page = await caller.customers.list({ limit: 3, cursor });
			seen.push(...page.items.map((c) => c.id));
			cursor = page.nextCursor;
		} while (cursor);
		expect(seen).toHaveLength(8);
		expect(new Set(seen).size).toBe(8);
	});

	it('never lets another business read or change a customer', async () => {
		const owner = await signedIn();
		const intruder = await signedIn();
		const customer = await owner.caller.customers.create({
			name: 'Private',
			email: 'private@example.com',
		});

		expect((await rejection(intruder.caller.customers.byId({ id: customer.id }))).code).toBe(
			'NOT_FOUND',
		);
		expect(
			(
				await rejection(
					intruder.caller.customers.update({ id: customer.id, name: 'Hacked', email: '' }),
				)
			).code,
		).toBe('NOT_FOUND');
		expect((await intruder.caller.customers.list({})).items).toHaveLength(0);
		expect((await intruder.caller.customers.list({ search: 'Private' })).items).toHaveLength(0);
		expect((await owner.caller.customers.byId({ id: customer.id })).name).toBe('Private');
	});

	it('refuses malformed ids as bad input, naming the field', async () => {
		const { caller } = await signedIn();
		const error = await rejection(caller.customers.byId({ id: 'not-a-uuid' }));
		expect(error.code).toBe('BAD_REQUEST');
		expect(error.cause).toMatchObject({ issues: [{ path: ['id'], message: 'Not a valid id' }] });
	});

	it('requires a signed-in user', async () => {
		expect((await rejection(anonymous().customers.list({}))).code).toBe('UNAUTHORIZED');
	});
});

import { purgeDeletedNotes } from '@rapport/db';
import { describe, expect, it } from 'vitest';
import { NOTE_MAX_LENGTH, NOTE_PURGE_AFTER_MS } from '../domain/note.ts';
import { useHarness } from '../testing/harness.ts';

const { signedIn, db } = useHarness();

async function withCustomer() {
	const session = await signedIn();
	const customer = await session.caller.customers.create({ name: 'Noted Customer' });
	return { ...session, customer };
}

describe('notes router', () => {
	it('adds, lists newest first with author, opens, edits and keeps the text as typed', async () => {
		const { caller, customer, user } = await withCustomer();
		const body = 'First line\n  indented 🌷\n\n<b>not html</b>';
		const first = await caller.notes.create({ customerId: customer.id, body });
		const second = await caller.notes.create({ customerId: customer.id, body: 'Second' });

		const { items } = await caller.notes.list({ customerId: customer.id });
		expect(items.map((n) => n.id)).toEqual([second.id, first.id]);
		expect(items[1]).toMatchObject({ body, authorName: user.name, editedAt: null, version: 1 });

		const edited = await caller.notes.update({ id: first.id, body: 'Edited', version: 1 });
		expect(edited).toMatchObject({ body: 'Edited', version: 2 });
		expect(edited.editedAt).toBeInstanceOf(Date);
		expect((await caller.notes.byId({ id: first.id })).body).toBe('Edited');
	});

	it('pages with a keyset cursor', async () => {
		const { caller, customer } = await withCustomer();
		for (let i = 0; i < 5; i++)
			await caller.notes.create({ customerId: customer.id, body: `n${i}` });
		const page1 = await caller.notes.list({ customerId: customer.id, limit: 3 });
		const page2 = await caller.notes.list({
			customerId: customer.id,
			limit: 3,
			cursor: page1.nextCursor,
		});
		expect([...page1.items, ...page2.items].map((n) => n.body)).toEqual([
			'n4',
			'n3',
			'n2',
			'n1',
			'n0',
		]);
		expect(page2.nextCursor).toBeNull();
	});

	it('refuses blank and oversized notes, changing nothing', async () => {
		const { caller, customer } = await withCustomer();
		await expect(
			caller.notes.create({ customerId: customer.id, body: '   \n ' }),
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(
			caller.notes.create({ customerId: customer.id, body: 'x'.repeat(NOTE_MAX_LENGTH + 1) }),
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		const note = await caller.notes.create({ customerId: customer.id, body: 'keep me' });
		await expect(caller.notes.update({ id: note.id, body: ' ', version: 1 })).rejects.toMatchObject(
			{ code: 'BAD_REQUEST' },
		);
		expect((await caller.notes.list({ customerId: customer.id })).items.map((n) => n.body)).toEqual(
			['keep me'],
		);
	});

	it('detects a concurrent edit instead of overwriting it', async () => {
		const { caller, customer } = await withCustomer();
		const note = await caller.notes.create({ customerId: customer.id, body: 'original' });
		await caller.notes.update({ id: note.id, body: 'tab A', version: 1 });
		await expect(
			caller.notes.update({ id: note.id, body: 'tab B', version: 1 }),
		).rejects.toMatchObject({
			code: 'CONFLICT',
			message: expect.stringMatching(/changed elsewhere/),
		});
		expect((await caller.notes.byId({ id: note.id })).body).toBe('tab A');
	});

	it('deletes with undo, refuses edits to deleted notes, and the cleanup removes them for good', async () => {
		const { caller, customer } = await withCustomer();
		const note = await caller.notes.create({ customerId: customer.id, body: 'to delete' });
		await caller.notes.delete({ id: note.id });
		expect((await caller.notes.list({ customerId: customer.id })).items).toHaveLength(0);
		await expect(caller.notes.byId({ id: note.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(caller.notes.update({ id: note.id, body: 'x', version: 1 })).rejects.toMatchObject(
			{
				code: 'NOT_FOUND',
				message: expect.stringMatching(/deleted/),
			},
		);

		expect((await caller.notes.restore({ id: note.id })).body).toBe('to delete');
		expect((await caller.notes.list({ customerId: customer.id })).items).toHaveLength(1);

		await caller.notes.delete({ id: note.id });
		// Age the deletion past the grace period, as time would.
		await db
			.updateTable('notes')
			.set({ deletedAt: new Date(Date.now() - NOTE_PURGE_AFTER_MS - 1000) })
			.where('id', '=', note.id)
			.execute();
		await expect(caller.notes.restore({ id: note.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		expect(
			await purgeDeletedNotes(db, new Date(Date.now() - NOTE_PURGE_AFTER_MS)),
		).toBeGreaterThanOrEqual(1);
		expect(
			await db.selectFrom('notes').select('id').where('id', '=', note.id).executeTakeFirst(),
		).toBeUndefined();
	});

	it("never lets another business see or touch a business's notes", async () => {
		const owner = await withCustomer();
		const intruder = await signedIn();
		const note = await owner.caller.notes.create({ customerId: owner.customer.id, body: 'secret' });

		await expect(
			intruder.caller.notes.list({ customerId: owner.customer.id }),
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(
			intruder.caller.notes.create({ customerId: owner.customer.id, body: 'x' }),
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(intruder.caller.notes.byId({ id: note.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await expect(
			intruder.caller.notes.update({ id: note.id, body: 'x', version: 1 }),
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(intruder.caller.notes.delete({ id: note.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await expect(intruder.caller.notes.restore({ id: note.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		expect(await owner.caller.notes.byId({ id: note.id })).toMatchObject({
			body: 'secret',
			version: 1,
		});
	});
});

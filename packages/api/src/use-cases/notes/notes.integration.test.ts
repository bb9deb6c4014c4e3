import { findNote } from '@rapport/db';
import { createTestBusiness, createTestCustomer, createTestUser } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { NOTE_PURGE_AFTER_MS } from '../../domain/note.ts';
import { useHarness } from '../../testing/harness.ts';
import { type Actor, systemActor } from '../actor.ts';
import {
	createNote,
	deleteNote,
	NoteGoneError,
	purgeDeletedNotes,
	restoreNote,
	updateNote,
} from './index.ts';

const { db } = useHarness();

async function person(): Promise<Actor> {
	const business = await createTestBusiness(db);
	const user = await createTestUser(db, business.id);
	return { businessId: business.id, userId: user.id };
}

async function noteOf(actor: Actor) {
	const customer = await createTestCustomer(db, actor.businessId);
	return createNote({ db }, actor, { customerId: customer.id, body: 'First' });
}

describe('note use cases', () => {
	it('writes notes only on the actor’s customers, signed by the actor', async () => {
		const owner = await person();
		const stranger = await person();
		const customer = await createTestCustomer(db, owner.businessId);
		await expect(
			createNote({ db }, stranger, { customerId: customer.id, body: 'Hi' }),
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			createNote({ db }, systemActor(owner.businessId), { customerId: customer.id, body: 'Hi' }),
		).rejects.toThrow(/author/);
		const note = await createNote({ db }, owner, { customerId: customer.id, body: 'Hi' });
		expect(note).toMatchObject({ authorName: expect.stringMatching(/^User /), body: 'Hi' });
	});

	it('another business cannot edit, delete or restore a note; the note stays as it was', async () => {
		const owner = await person();
		const note = await noteOf(owner);
		const stranger = await person();
		await expect(
			updateNote({ db }, stranger, { id: note.id, body: 'Mine', version: 1 }),
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteNote({ db }, stranger, { id: note.id })).rejects.toBeInstanceOf(
			NotFoundError,
		);
		await expect(restoreNote({ db }, stranger, { id: note.id })).rejects.toBeInstanceOf(
			NotFoundError,
		);
		expect(await findNote(db, owner.businessId, note.id)).toMatchObject({
			body: 'First',
			deletedAt: null,
		});
	});

	it('a stale version is a conflict; a deleted note is gone (not found) for edits', async () => {
		const actor = await person();
		const note = await noteOf(actor);
		await updateNote({ db }, actor, { id: note.id, body: 'Second', version: 1 });
		await expect(
			updateNote({ db }, actor, { id: note.id, body: 'Stale', version: 1 }),
		).rejects.toBeInstanceOf(ConflictError);
		await deleteNote({ db }, actor, { id: note.id });
		const gone = await updateNote({ db }, actor, { id: note.id, body: 'x', version: 2 }).catch(
			(e) => e,
		);
		expect(gone).toBeInstanceOf(NotFoundError);
		expect(gone.message).toMatch(/was deleted/);
		expect((await restoreNote({ db }, actor, { id: note.id })).body).toBe('Second');
	});

	it('purges only notes deleted longer ago than the Undo grace period', async () => {
		const actor = await person();
		const old = await noteOf(actor);
		const recent = await noteOf(actor);
		await deleteNote({ db }, actor, { id: old.id });
		await deleteNote({ db }, actor, { id: recent.id });
		await db
			.updateTable('notes')
			.set({ deletedAt: new Date(Date.now() - NOTE_PURGE_AFTER_MS - 1000) })
			.where('id', '=', old.id)
			.execute();
		await purgeDeletedNotes({ db });
		expect(await findNote(db, actor.businessId, old.id)).toBeUndefined();
		const kept = await restoreNote({ db }, actor, { id: recent.id });
		expect(kept.deletedAt).toBeNull();
		await expect(restoreNote({ db }, actor, { id: old.id })).rejects.toBeInstanceOf(NoteGoneError);
	});
});

import { describe, expect, it } from 'vitest';
import { clearAllDrafts, discardDraft, draftKey, loadDraft, saveDraft } from './drafts.ts';

/** The Web Storage interface over a Map (Node has no localStorage by default). */
function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		key: (i) => [...items.keys()][i] ?? null,
		getItem: (k) => items.get(k) ?? null,
		setItem: (k, v) => void items.set(k, String(v)),
		removeItem: (k) => void items.delete(k),
		clear: () => items.clear(),
	};
}

const alice = { businessId: 'b1', userId: 'alice' };
const bob = { businessId: 'b1', userId: 'bob' };

describe('drafts', () => {
	it('keeps a draft per user, kind and customer', () => {
		const storage = memoryStorage();
		saveDraft(draftKey(alice, 'reply', 'c1'), 'Hello Sam', storage);
		saveDraft(draftKey(alice, 'note', 'c1'), 'Prefers mornings', storage);
		saveDraft(draftKey(bob, 'reply', 'c1'), 'Bob here', storage);

		expect(loadDraft(draftKey(alice, 'reply', 'c1'), storage)).toBe('Hello Sam');
		expect(loadDraft(draftKey(alice, 'note', 'c1'), storage)).toBe('Prefers mornings');
		expect(loadDraft(draftKey(bob, 'reply', 'c1'), storage)).toBe('Bob here');
		expect(loadDraft(draftKey(alice, 'reply', 'c2'), storage)).toBe('');
		expect(loadDraft(draftKey({ businessId: 'b2', userId: 'alice' }, 'reply', 'c1'), storage)).toBe(
			'',
		);
	});

	it('forgets a draft that is discarded or emptied', () => {
		const storage = memoryStorage();
		const key = draftKey(alice, 'reply', 'c1');
		saveDraft(key, 'Hello', storage);
		saveDraft(key, '   ', storage);
		expect(storage.length).toBe(0);
		saveDraft(key, 'Hello again', storage);
		discardDraft(key, storage);
		expect(loadDraft(key, storage)).toBe('');
	});

	it('clears every draft, and only drafts, on log out', () => {
		const storage = memoryStorage();
		saveDraft(draftKey(alice, 'reply', 'c1'), 'a', storage);
		saveDraft(draftKey(bob, 'note', 'c2'), 'b', storage);
		storage.setItem('something-else', 'kept');
		clearAllDrafts(storage);
		expect(storage.length).toBe(1);
		expect(storage.getItem('something-else')).toBe('kept');
	});

	it('never throws when storage is missing or refuses', () => {
		const refusing = {
			...memoryStorage(),
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw new Error('QuotaExceededError');
			},
		} as Storage;
		const key = draftKey(alice, 'reply', 'c1');
		expect(() => saveDraft(key, 'x', refusing)).not.toThrow();
		expect(loadDraft(key, refusing)).toBe('');
		expect(loadDraft(key, null)).toBe('');
		expect(() => clearAllDrafts(null)).not.toThrow();
	});
});

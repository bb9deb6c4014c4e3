/**
 * Half-written replies and notes, kept in the browser until they are sent or discarded, so a
 * tab switch, a reload or a closed window loses nothing. Keyed by business, user and customer:
 * two people sharing one browser never see each other's drafts; Log out removes them all.
 */

export type DraftKind = 'reply' | 'note';

export interface DraftOwner {
	businessId: string;
	userId: string;
}

const PREFIX = 'rapport:draft:';

export function draftKey(owner: DraftOwner, kind: DraftKind, customerId: string): string {
	return `${PREFIX}${owner.businessId}:${owner.userId}:${kind}:${customerId}`;
}

// Storage can be missing (server rendering), disabled or full: a draft is a convenience, never
// a reason for the page to fail.
function browserStorage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function loadDraft(key: string, storage = browserStorage()): string {
	try {
		return storage?.getItem(key) ?? '';
	} catch {
		return '';
	}
}

/** Blank text removes the draft, so an emptied box does not come back as a "draft". */
export function saveDraft(key: string, text: string, storage = browserStorage()): void {
	try {
		if (text.trim()) storage?.setItem(key, text);
		else storage?.removeItem(key);
	} catch {
		// Quota exceeded or storage blocked: the text stays in the page, just not beyond it.
	}
}

export function discardDraft(key: string, storage = browserStorage()): void {
	saveDraft(key, '', storage);
}

/** Every draft of every user of this browser: on Log out. */
export function clearAllDrafts(storage = browserStorage()): void {
	if (!storage) return;
	try {
		const keys: string[] = [];
		for (let i = 0; i < storage.length; i++) {
			const key = storage.key(i);
			if (key?.startsWith(PREFIX)) keys.push(key);
		}
		for (const key of keys) storage.removeItem(key);
	} catch {
		// Nothing readable to clear.
	}
}

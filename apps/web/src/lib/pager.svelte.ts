import { describeError } from './trpc.ts';

export interface Page<T, C> {
	items: T[];
	nextCursor: C | null;
}

/**
 * "Load more" over a keyset-paged query. The first page comes from the server load (so it
 * renders without JavaScript); pages fetched later belong to that first page and are dropped
 * as soon as the load returns a new one (search, invalidation).
 */
export class Pager<T, C> {
	loading = $state(false);
	error = $state('');
	#extra = $state<{ owner: Page<T, C>; items: T[]; cursor: C | null } | null>(null);
	readonly #first: () => Page<T, C>;
	readonly #fetch: (cursor: C) => Promise<Page<T, C>>;

	constructor(first: () => Page<T, C>, fetchPage: (cursor: C) => Promise<Page<T, C>>) {
		this.#first = first;
		this.#fetch = fetchPage;
	}

	#current() {
		const first = this.#first();
		const extra = this.#extra?.owner === first ? this.#extra : null;
		return { first, extra };
	}

	get items(): T[] {
		const { first, extra } = this.#current();
		return extra ? [...first.items, ...extra.items] : first.items;
	}

	get cursor(): C | null {
		const { first, extra } = this.#current();
		return extra ? extra.cursor : first.nextCursor;
	}

	async more() {
		const cursor = this.cursor;
		if (!cursor || this.loading) return;
		const { first, extra } = this.#current();
		this.loading = true;
		this.error = '';
		try {
			const next = await this.#fetch(cursor);
			this.#extra = {
				owner: first,
				items: [...(extra?.items ?? []), ...next.items],
				cursor: next.nextCursor,
			};
		} catch (error) {
			this.error = describeError(error).message;
		} finally {
			this.loading = false;
		}
	}
}

import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../executor.ts';
import { pageByTimeDesc, type TimeCursor } from '../keyset.ts';
import { customerColumns } from './customer-columns.ts';

/**
 * How well a customer matches a search: 0 exactly (name, email or phone digits), 1 one of them
 * starts with it, 2 one of them contains it. A search cursor carries the rank of the last row.
 */
export type SearchRank = 0 | 1 | 2;
export type SearchCursor = TimeCursor<'lastActivityAt'> & { rank?: SearchRank };

/** Trigrams need three characters: shorter searches match prefixes only. */
export const SUBSTRING_MIN_LENGTH = 3;

// The expression the migration 0019 indexes; it must stay character for character the same.
const PHONE_DIGITS = sql`regexp_replace(phone, '\\D', '', 'g')`;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The pieces of a search: its lowercase text and, when it reads as a phone number, its digits. */
export function searchTerms(search: string) {
	const text = search.trim().toLowerCase();
	const digits = /^[\d\s().+\-/]+$/.test(text) ? text.replace(/\D/g, '') : '';
	return { text, digits };
}

function conditions({ text, digits }: ReturnType<typeof searchTerms>) {
	const any = (parts: (RawBuilder<unknown> | false)[]) =>
		sql<boolean>`(${sql.join(
			parts.filter((p) => p !== false),
			sql` or `,
		)})`;
	const prefix = `${escapeLike(text)}%`;
	const digitsPrefix = `${escapeLike(digits)}%`;
	return {
		exact: any([
			sql`lower(name) = ${text}`,
			sql`lower(email) = ${text}`,
			digits !== '' && sql`${PHONE_DIGITS} = ${digits}`,
		]),
		// Each arm is the leading column of a (business_id, … text_pattern_ops) index.
		prefix: any([
			sql`lower(name) like ${prefix}`,
			sql`lower(email) like ${prefix}`,
			digits !== '' && sql`${PHONE_DIGITS} like ${digitsPrefix}`,
		]),
		// ILIKE on the bare columns is what the gin_trgm_ops indexes answer.
		substring:
			text.length >= SUBSTRING_MIN_LENGTH
				? any([
						sql`name ilike ${`%${escapeLike(text)}%`}`,
						sql`email ilike ${`%${escapeLike(text)}%`}`,
						digits.length >= SUBSTRING_MIN_LENGTH &&
							sql`${PHONE_DIGITS} like ${`%${escapeLike(digits)}%`}`,
					])
				: null,
	};
}

/**
 * The queries behind a search, one per rank, unordered and unpaged (searchCustomers pages them,
 * tests EXPLAIN them): exact matches, other prefix matches, other substring matches (none for
 * searches too short for trigrams). Each tier excludes the ones before it.
 */
export function customerSearchTiers(db: Executor, businessId: string, search: string) {
	const { exact, prefix, substring } = conditions(searchTerms(search));
	const base = db
		.selectFrom('customers')
		.select(customerColumns)
		.where('businessId', '=', businessId);
	const tiers = [base.where(exact), base.where(prefix).where(sql<boolean>`${exact} is not true`)];
	if (substring) tiers.push(base.where(substring).where(sql<boolean>`${prefix} is not true`));
	return tiers;
}

/**
 * One page of a customer search, best matches first: exact, then starts with, then contains,
 * each tier newest activity first. The cursor is (rank, last_activity_at, id): a page reads on
 * through the tiers until it is full. Each tier is its own keyset query on
 * (last_activity_at, id), so the planner may answer it either from the matching index (few
 * matches, then sorted) or by walking the activity index and filtering (many matches: it stops
 * once the page is full). A single query ordered by a computed rank could do neither: it would
 * rank every match of "a" or "son" before returning 25 of them.
 */
export async function searchCustomers(
	db: Executor,
	businessId: string,
	opts: { search: string; cursor?: SearchCursor; limit: number },
) {
	const tiers = customerSearchTiers(db, businessId, opts.search);
	const from = opts.cursor ? (opts.cursor.rank ?? 0) : 0;
	type Row = Awaited<ReturnType<(typeof tiers)[number]['executeTakeFirstOrThrow']>>;
	const items: Row[] = [];
	for (let rank = from; rank < tiers.length; rank++) {
		const tier = tiers[rank]!;
		const page = await pageByTimeDesc(tier, {
			time: 'lastActivityAt',
			cursor: rank === from ? opts.cursor : undefined,
			limit: opts.limit - items.length,
		});
		items.push(...page.items);
		if (page.nextCursor) return { items, nextCursor: withRank(page.nextCursor, rank) };
		if (items.length < opts.limit) continue;
		// Full, and this tier is done: the next page starts a later tier, if one has rows.
		const last = items.at(-1);
		for (const later of tiers.slice(rank + 1)) {
			if (last && (await later.limit(1).execute()).length > 0) {
				return { items, nextCursor: withRank(cursorAt(last), rank) };
			}
		}
		break;
	}
	return { items, nextCursor: null };
}

const cursorAt = (row: { lastActivityAt: Date; id: string }) => ({
	lastActivityAt: row.lastActivityAt.toISOString(),
	id: row.id,
});

function withRank(cursor: { lastActivityAt: string; id: string }, rank: number) {
	const ranked: SearchCursor = { ...cursor, rank: rank as SearchRank };
	return ranked;
}

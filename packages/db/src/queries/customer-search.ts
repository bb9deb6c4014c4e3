import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { TimeCursor } from '../keyset.ts';
import type { Customer } from '../schema.ts';
import { customerColumns } from './customer-columns.ts';

/**
 * How well a customer matches a search: 0 exactly (name, any email or any phone's digits), 1 one
 * of them starts with it, 2 one of them contains it. A search cursor carries the rank of the
 * last row.
 */
export type SearchRank = 0 | 1 | 2;
export type SearchCursor = TimeCursor<'lastActivityAt'> & { rank?: SearchRank };

/** Trigrams need three characters: shorter searches match prefixes only. */
export const SUBSTRING_MIN_LENGTH = 3;

// The expressions the migrations 0019 and 0023 index; they must stay character for character
// the same. The other addresses' are null for the primaries (searched on customers' columns).
const PHONE_DIGITS = sql`regexp_replace(phone, '\\D', '', 'g')`;
const OTHER_EMAIL = sql`case when is_primary then null else lower(email) end`;
const OTHER_PHONE = sql`case when is_primary then null else phone_digits end`;

// customers.other_emails / other_phones (0023) hold a customer's other addresses (lowercase),
// one a line between newlines: "\nx" is an address starting with x, "\nx\n" the address x.
const NL = '\n';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The pieces of a search: its lowercase text and, when it reads as a phone number, its digits. */
export function searchTerms(search: string) {
	const text = search.trim().toLowerCase();
	const digits = /^[\d\s().+\-/]+$/.test(text) ? text.replace(/\D/g, '') : '';
	return { text, digits };
}

// Written as SQL text rather than built with Kysely: composing and compiling this query through
// the builder cost more than PostgreSQL takes to answer it. The CamelCasePlugin still maps the
// result's column names.
const COLUMNS = sql.raw(
	customerColumns.map((c) => c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`)).join(', '),
);
type SearchRow = Pick<Customer, (typeof customerColumns)[number]> & { rank: SearchRank };

/** At most this many customers whose other addresses start with a search are listed by id. */
export const LISTED_MATCHES = 200;

/** Any of the tests; false for none. */
const any = (parts: (RawBuilder<unknown> | false)[]) => {
	const kept = parts.filter((p) => p !== false);
	return kept.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(kept, sql` or `)})`;
};

/**
 * Each rank's test of a customer's row, from name, primary email and phone (0019's indexes) and
 * the copies of the other addresses (0023): what a better rank's matches are told apart by.
 * Exact matches are prefix matches, prefix matches substrings: each covers every better one.
 */
function rowTests({ text, digits }: ReturnType<typeof searchTerms>) {
	const like = escapeLike(text);
	const likeDigits = escapeLike(digits);
	// A newline in the search could match across two of a copy's addresses; none has one.
	const copies = !text.includes(NL);
	const primary = [
		any([
			sql`lower(name) = ${text}`,
			sql`lower(email) = ${text}`,
			digits !== '' && sql`${PHONE_DIGITS} = ${digits}`,
		]),
		// lower(…) like 'x%' is what the (business_id, lower(…) text_pattern_ops) indexes answer.
		any([
			sql`lower(name) like ${`${like}%`}`,
			sql`lower(email) like ${`${like}%`}`,
			digits !== '' && sql`${PHONE_DIGITS} like ${`${likeDigits}%`}`,
		]),
	];
	const others = [
		any([
			copies && sql`other_emails like ${`%${NL}${like}${NL}%`}`,
			copies && digits !== '' && sql`other_phones like ${`%${NL}${likeDigits}${NL}%`}`,
		]),
		any([
			copies && sql`other_emails like ${`%${NL}${like}%`}`,
			copies && digits !== '' && sql`other_phones like ${`%${NL}${likeDigits}%`}`,
		]),
	];
	const found = [any([primary[0]!, others[0]!]), any([primary[1]!, others[1]!])];
	// ILIKE on the bare columns, LIKE on the (lowercase) copies: what the trigram indexes answer.
	if (text.length >= SUBSTRING_MIN_LENGTH) {
		const long = digits.length >= SUBSTRING_MIN_LENGTH;
		found.push(
			any([
				sql`name ilike ${`%${like}%`}`,
				sql`email ilike ${`%${like}%`}`,
				long && sql`${PHONE_DIGITS} like ${`%${likeDigits}%`}`,
				copies && sql`other_emails like ${`%${like}%`}`,
				long && sql`other_phones like ${`%${likeDigits}%`}`,
			]),
		);
	}
	return { primary, others, found };
}

/**
 * One page of a search as a single statement: per rank, the newest activity first (each rank
 * its own keyset queries with their own limit), merged, each customer kept once at its best
 * rank, and ordered by (rank, last_activity_at, id). A rank's arm needs no test of the better
 * ranks: a customer it returns that one of them holds is among their own arms' rows too
 * (fewer newer rows matched those), and the rows it displaces sort after the page. Leaving
 * those tests out made the statement quicker to plan and the walks below quicker to filter.
 * Each arm is planned on its own, so the planner may answer it from the matching indexes (few
 * matches, then sorted) or by walking the activity index and filtering (many matches: it stops
 * once the page is full); one query ordered by a computed rank could do neither. With a cursor
 * (rank, last_activity_at, id), better ranks are skipped, the cursor's rank reads on from its
 * position, and later ranks leave out everything earlier pages showed.
 *
 * Other addresses are found in customer_emails / customer_phones: exactly by their unique
 * index, by prefix from 0023's btrees, listed (up to LISTED_MATCHES customers) in a CTE and
 * read by id. The rows' copies answer prefixes only through trigrams, which for "office.te"
 * would fetch every address with a word "office" and find none; but when more than that many
 * start with the search, a walk of the activity index testing the copies stops soonest, and
 * a part of the statement gated on the listing's size takes over (PostgreSQL runs only the
 * part whose one-time filter holds; 0025 indexes the walk over customers with other addresses).
 */
export function customerSearchQuery(
	businessId: string,
	opts: { search: string; cursor?: SearchCursor; limit: number },
) {
	const terms = searchTerms(opts.search);
	const { text, digits } = terms;
	const { primary, others, found } = rowTests(terms);
	const from = opts.cursor ? (opts.cursor.rank ?? 0) : 0;
	if (from >= found.length) return undefined;
	const exactIds = any([
		sql`id = any(array(select customer_id from customer_emails
			where business_id = ${businessId} and lower(email) = ${text}))`,
		digits !== '' &&
			sql`id = any(array(select customer_id from customer_phones
				where business_id = ${businessId} and ${OTHER_PHONE} = ${digits}))`,
	]);
	const listed = sql`(select ids from listed)`;
	const arms: RawBuilder<unknown>[] = [];
	const arm = (rank: number, where: RawBuilder<unknown>[]) => {
		if (rank < from) return;
		const all = [sql`business_id = ${businessId}`, ...where];
		if (opts.cursor) {
			// Earlier pages showed the better ranks, and the cursor's rank up to the cursor: its arm
			// reads on from there, later ranks' arms leave out all of it.
			const shown = found[rank === from ? from - 1 : from];
			if (shown) all.push(sql`${shown} is not true`);
			if (rank === from) {
				const at = new Date(opts.cursor.lastActivityAt);
				all.push(sql`(last_activity_at, id) < (${at}, ${opts.cursor.id}::uuid)`);
			}
		}
		arms.push(sql`(select ${sql.lit(rank)} as rank, ${COLUMNS} from customers
			where ${sql.join(all, sql` and `)}
			order by last_activity_at desc, id desc limit ${opts.limit + 1})`);
	};
	arm(0, [any([primary[0]!, exactIds])]);
	arm(1, [
		any([
			primary[1]!,
			sql`id = any(case when cardinality(${listed}) <= ${LISTED_MATCHES} then ${listed} end)`,
		]),
	]);
	arm(1, [sql`cardinality(${listed}) > ${LISTED_MATCHES}`, others[1]!]);
	if (found[2]) arm(2, [found[2]]);
	const union = sql`select * from (select distinct on (id) * from (${sql.join(arms, sql` union all `)}) as found
		order by id, rank) as best order by rank, last_activity_at desc, id desc limit ${opts.limit + 1}`;
	if (from > 1) return sql<SearchRow>`${union}`;
	const like = escapeLike(text);
	const emails = sql`select customer_id from customer_emails
		where business_id = ${businessId} and ${OTHER_EMAIL} like ${`${like}%`}`;
	const phones = sql`select customer_id from customer_phones
		where business_id = ${businessId} and ${OTHER_PHONE} like ${`${escapeLike(digits)}%`}`;
	return sql<SearchRow>`with listed as (select array(${
		digits === '' ? emails : sql`${emails} union all ${phones}`
	} limit ${LISTED_MATCHES + 1})::uuid[] as ids) ${union}`;
}

/**
 * One page of a customer search, best matches first: exact, then starts with, then contains,
 * each tier newest activity first, over the name and every email and phone of a customer. One
 * statement; its extra row says whether another page follows, and in which rank.
 */
export async function searchCustomers(
	db: Executor,
	businessId: string,
	opts: { search: string; cursor?: SearchCursor; limit: number },
) {
	const query = customerSearchQuery(businessId, opts);
	if (!query) return { items: [], nextCursor: null };
	const { rows } = await query.execute(db);
	const items = rows.slice(0, opts.limit).map(({ rank: _, ...customer }) => customer);
	const last = rows.length > opts.limit ? rows[opts.limit - 1] : undefined;
	const nextCursor: SearchCursor | null = last
		? { lastActivityAt: last.lastActivityAt.toISOString(), id: last.id, rank: last.rank }
		: null;
	return { items, nextCursor };
}

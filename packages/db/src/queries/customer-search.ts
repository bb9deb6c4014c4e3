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

/** At most this many other addresses starting with a search are listed by id (see below). */
export const LISTED_MATCHES = 200;

/** The customers whose other emails / phones match a search exactly or by prefix. */
export interface OtherMatches {
	/** null: more than LISTED_MATCHES start with the search, the row's copy is tested instead. */
	emails: { exact: string[]; prefix: string[] } | null;
	phones: { exact: string[]; prefix: string[] } | null;
}

/** The query behind findOtherAddressMatches (tests EXPLAIN it). */
export function otherAddressMatchesQuery(
	businessId: string,
	{ text, digits }: ReturnType<typeof searchTerms>,
) {
	const emails = sql`(select 'email' as kind, customer_id, lower(email) = ${text} as exact
		from customer_emails
		where business_id = ${businessId} and ${OTHER_EMAIL} like ${`${escapeLike(text)}%`}
		limit ${LISTED_MATCHES + 1})`;
	const phones = sql`(select 'phone' as kind, customer_id, phone_digits = ${digits} as exact
		from customer_phones
		where business_id = ${businessId} and ${OTHER_PHONE} like ${`${escapeLike(digits)}%`}
		limit ${LISTED_MATCHES + 1})`;
	return sql<{ kind: 'email' | 'phone'; customerId: string; exact: boolean }>`${
		digits === '' ? emails : sql`${emails} union all ${phones}`
	}`;
}

/**
 * Which customers' other addresses start with the search, from 0023's btrees (a few index
 * entries, usually none). Search tests them by id, so the planner sees how many there are:
 * the rows' copies (other_emails / other_phones) answer prefixes only through trigrams, which
 * for "office.te" would fetch every address with a word "office" and find none.
 */
export async function findOtherAddressMatches(
	db: Executor,
	businessId: string,
	terms: ReturnType<typeof searchTerms>,
): Promise<OtherMatches> {
	const { rows } = await otherAddressMatchesQuery(businessId, terms).execute(db);
	const listed = (kind: 'email' | 'phone') => {
		const found = rows.filter((r) => r.kind === kind);
		if (found.length > LISTED_MATCHES) return null;
		const ids = (list: typeof found) => [...new Set(list.map((r) => r.customerId))];
		return { exact: ids(found.filter((r) => r.exact)), prefix: ids(found) };
	};
	return {
		emails: listed('email'),
		phones: terms.digits === '' ? { exact: [], prefix: [] } : listed('phone'),
	};
}

/**
 * Each rank's test, on the customer's row: name, primary email and phone (0019's indexes), other
 * emails and phones (by id, or 0023's copies). Exact matches are prefix matches, prefix matches
 * substrings: each rank's test covers every better one.
 */
function tiers(
	businessId: string,
	{ text, digits }: ReturnType<typeof searchTerms>,
	others: OtherMatches,
) {
	const like = escapeLike(text);
	const likeDigits = escapeLike(digits);
	const any = (parts: (RawBuilder<unknown> | false)[]) =>
		sql<boolean>`(${sql.join(
			parts.filter((p) => p !== false),
			sql` or `,
		)})`;
	const byId = (ids: string[]) => ids.length > 0 && sql`id = any(${ids}::uuid[])`;
	// Too many to list: only then the copies (and, for an exact email, the unique index).
	const exactEmail = others.emails
		? byId(others.emails.exact)
		: sql`id = any(array(select customer_id from customer_emails
			where business_id = ${businessId} and lower(email) = ${text}))`;
	const exactPhone = others.phones
		? byId(others.phones.exact)
		: sql`other_phones like ${`%${NL}${likeDigits}${NL}%`}`;
	const prefixEmail = others.emails
		? byId(others.emails.prefix)
		: sql`other_emails like ${`%${NL}${like}%`}`;
	const prefixPhone = others.phones
		? byId(others.phones.prefix)
		: sql`other_phones like ${`%${NL}${likeDigits}%`}`;
	const found = [
		any([
			sql`lower(name) = ${text}`,
			sql`lower(email) = ${text}`,
			digits !== '' && sql`${PHONE_DIGITS} = ${digits}`,
			exactEmail,
			digits !== '' && exactPhone,
		]),
		// lower(…) like 'x%' is what the (business_id, lower(…) text_pattern_ops) indexes answer.
		any([
			sql`lower(name) like ${`${like}%`}`,
			sql`lower(email) like ${`${like}%`}`,
			digits !== '' && sql`${PHONE_DIGITS} like ${`${likeDigits}%`}`,
			prefixEmail,
			digits !== '' && prefixPhone,
		]),
	];
	// ILIKE on the bare columns, LIKE on the (lowercase) copies: what the trigram indexes answer.
	// A newline in the search could match across two of a copy's addresses; none has one.
	if (text.length >= SUBSTRING_MIN_LENGTH) {
		const long = digits.length >= SUBSTRING_MIN_LENGTH;
		found.push(
			any([
				sql`name ilike ${`%${like}%`}`,
				sql`email ilike ${`%${like}%`}`,
				long && sql`${PHONE_DIGITS} like ${`%${likeDigits}%`}`,
				!text.includes(NL) && sql`other_emails like ${`%${like}%`}`,
				long && sql`other_phones like ${`%${likeDigits}%`}`,
			]),
		);
	}
	return found;
}

/**
 * One page of a search as a single statement: per rank, the newest activity first (each rank
 * its own keyset query with its own limit, leaving out the customers a better rank holds),
 * merged and ordered by (rank, last_activity_at, id). Each rank is planned on its own, so the
 * planner may answer it from the matching indexes (few matches, then sorted) or by walking the
 * activity index and filtering (many matches: it stops once the page is full); one query
 * ordered by a computed rank could do neither. With a cursor (rank, last_activity_at, id),
 * better ranks are skipped and the cursor's rank reads on from its position.
 */
export function customerSearchQuery(
	businessId: string,
	others: OtherMatches,
	opts: { search: string; cursor?: SearchCursor; limit: number },
) {
	const tests = tiers(businessId, searchTerms(opts.search), others);
	const from = opts.cursor ? (opts.cursor.rank ?? 0) : 0;
	const arms: RawBuilder<unknown>[] = [];
	for (let rank = from; rank < tests.length; rank++) {
		const where = [sql`business_id = ${businessId}`, tests[rank]!];
		const better = tests[rank - 1];
		if (better) where.push(sql`${better} is not true`);
		if (opts.cursor && rank === from) {
			const at = new Date(opts.cursor.lastActivityAt);
			where.push(sql`(last_activity_at, id) < (${at}, ${opts.cursor.id}::uuid)`);
		}
		arms.push(sql`(select ${sql.lit(rank)} as rank, ${COLUMNS} from customers
			where ${sql.join(where, sql` and `)}
			order by last_activity_at desc, id desc limit ${opts.limit + 1})`);
	}
	// A cursor past the last rank (a two-letter search has no substring rank): nothing follows.
	if (arms.length === 0) return undefined;
	return sql<SearchRow>`select * from (${sql.join(arms, sql` union all `)}) as found
		order by rank, last_activity_at desc, id desc limit ${opts.limit + 1}`;
}

/**
 * One page of a customer search, best matches first: exact, then starts with, then contains,
 * each tier newest activity first, over the name and every email and phone of a customer. Two
 * round trips: the other addresses' matches, then the page, whose extra row says whether
 * another page follows, and in which rank.
 */
export async function searchCustomers(
	db: Executor,
	businessId: string,
	opts: { search: string; cursor?: SearchCursor; limit: number },
) {
	const others = await findOtherAddressMatches(db, businessId, searchTerms(opts.search));
	const query = customerSearchQuery(businessId, others, opts);
	if (!query) return { items: [], nextCursor: null };
	const { rows } = await query.execute(db);
	const items = rows.slice(0, opts.limit).map(({ rank: _, ...customer }) => customer);
	const last = rows.length > opts.limit ? rows[opts.limit - 1] : undefined;
	const nextCursor: SearchCursor | null = last
		? { lastActivityAt: last.lastActivityAt.toISOString(), id: last.id, rank: last.rank }
		: null;
	return { items, nextCursor };
}

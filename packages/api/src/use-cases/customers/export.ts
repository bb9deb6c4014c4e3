import { type CustomerCursor, type Executor, findBusiness, listCustomers } from '@rapport/db';
import {
	type CsvFormat,
	type CsvStyle,
	csvAmount,
	csvDateTime,
	escapeFormula,
} from '../../domain/csv-export.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { csvBody, EXPORT_PAGE } from '../csv/csv-body.ts';

const HEADER = [
	'Name',
	'Email',
	'Phone',
	'Address',
	'Tax ID',
	'Open balance',
	'Last activity',
	'Created',
];

/**
 * Every customer of the actor's business as CSV for the accountant, newest activity first,
 * read a page at a time along the list's keyset. The business is checked before anything is
 * returned, so a missing one is a clear error rather than a broken download.
 */
export async function exportCustomers(
	deps: { db: Executor },
	actor: Actor,
	input: { format: CsvFormat },
) {
	const business = await findBusiness(deps.db, actor.businessId);
	if (!business) throw new NotFoundError('Business');
	const style: CsvStyle = {
		format: input.format,
		locale: business.locale,
		timeZone: business.timeZone,
	};
	async function* pages() {
		let cursor: CustomerCursor | undefined;
		do {
			const page = await listCustomers(deps.db, actor.businessId, { cursor, limit: EXPORT_PAGE });
			yield page.items.map((c) => [
				escapeFormula(c.name),
				escapeFormula(c.email ?? ''),
				escapeFormula(c.phone ?? ''),
				escapeFormula(c.address ?? ''),
				escapeFormula(c.taxId ?? ''),
				csvAmount(c.openBalanceMinor, business!.currency, style),
				csvDateTime(c.lastActivityAt, style),
				csvDateTime(c.createdAt, style),
			]);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
	}
	return { filename: 'customers.csv', body: csvBody(style, HEADER, pages()) };
}

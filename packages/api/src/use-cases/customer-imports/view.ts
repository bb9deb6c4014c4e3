import { type Database, findCustomerImport, listCustomerImports } from '@rapport/db';
import { suggestMapping } from '../../domain/customer-import.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** An import as its page shows it: the preview, the suggested mapping, then progress and counts. */
export async function viewCustomerImport(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	const found = await findCustomerImport(deps.db, actor.businessId, input.id);
	if (!found) throw new NotFoundError('Import');
	const first = found.preview[0] ?? [];
	const columns = Array.from(
		{ length: found.columnCount },
		(_, i) => (found.hasHeader ? first[i]?.trim() : '') || `Column ${i + 1}`,
	);
	return {
		...found,
		columns,
		suggestedMapping: found.mapping ?? (found.hasHeader ? suggestMapping(first) : {}),
	};
}

export async function listRecentCustomerImports(deps: { db: Database }, actor: Actor) {
	const rows = await listCustomerImports(deps.db, actor.businessId, 10);
	return rows.map(({ preview: _preview, ...row }) => row);
}

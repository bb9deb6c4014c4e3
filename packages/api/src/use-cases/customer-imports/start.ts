import { type Database, findCustomerImport, queueCustomerImport } from '@rapport/db';
import {
	type ColumnMapping,
	mappingProblem,
	type OnExisting,
} from '../../domain/customer-import.ts';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { importCustomersJobId } from '../../jobs/contract.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { viewCustomerImport } from './view.ts';

/**
 * Start import: fixes the mapping and queues the worker's job. Also resumes a failed import from
 * its checkpoint (same mapping), and re-queues one whose job was lost; a second click adds
 * nothing (the job id is the import's).
 */
export async function startCustomerImport(
	deps: { db: Database; jobs: JobProducer },
	actor: Actor,
	input: { id: string; mapping: ColumnMapping; onExisting: OnExisting; hasHeader: boolean },
) {
	const found = await findCustomerImport(deps.db, actor.businessId, input.id);
	if (!found) throw new NotFoundError('Import');
	if (found.status === 'done') throw new ConflictError('This import has already finished.');
	if (found.status === 'running') throw new ConflictError('This import is already running.');
	const problem = mappingProblem(input.mapping, found.columnCount);
	if (problem) throw new FieldValidationError({ mapping: [problem] });
	const records = found.totalRows + (found.hasHeader ? 1 : 0);
	const totalRows = records - (input.hasHeader ? 1 : 0);
	if (totalRows === 0)
		throw new FieldValidationError({ hasHeader: ['The file has no other rows.'] });

	const queued = await queueCustomerImport(deps.db, actor.businessId, found.id, {
		hasHeader: input.hasHeader,
		onExisting: input.onExisting,
		mapping: input.mapping,
		totalRows,
	});
	if (!queued)
		throw new ConflictError(
			'Rows were already imported with another mapping; upload the file again to change it.',
		);
	// A failed import's job is kept in the queue's history under its id: a resume needs a new one.
	const run = found.status === 'failed' ? Date.now() : 0;
	await deps.jobs.enqueue(
		'import-customers',
		{ businessId: actor.businessId, importId: found.id },
		{ jobId: importCustomersJobId(found.id, run) },
	);
	return viewCustomerImport(deps, actor, { id: found.id });
}

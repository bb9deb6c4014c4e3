import { type Database, findCustomerImport } from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { importCustomersJobId } from '../../jobs/contract.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { viewCustomerImport } from './view.ts';

/**
 * Start again: queues once more an import that is queued or running but whose job the queue may
 * have lost (Redis flushed or restored, a worker gone with it). It goes on from the checkpoint
 * with the mapping chosen at the start. The job id names the import and its checkpoint, so
 * repeated clicks add one job, and should the first job still be alive, whichever runner is
 * second stops at its next batch (see runCustomerImport): no row is imported twice.
 */
export async function requeueCustomerImport(
	deps: { db: Database; jobs: JobProducer },
	actor: Actor,
	input: { id: string },
) {
	const found = await findCustomerImport(deps.db, actor.businessId, input.id);
	if (!found) throw new NotFoundError('Import');
	if (found.status === 'done') throw new ConflictError('This import has already finished.');
	if (found.status === 'uploaded')
		throw new ConflictError('Match the columns and start the import first.');
	if (found.status === 'failed') throw new ConflictError('This import stopped: resume it instead.');
	// Runs of start are 0 or a timestamp; a checkpoint + 1 is neither.
	await deps.jobs.enqueue(
		'import-customers',
		{ businessId: actor.businessId, importId: found.id },
		{ jobId: importCustomersJobId(found.id, found.processedRows + 1) },
	);
	return viewCustomerImport(deps, actor, { id: found.id });
}

import type { JobPayload } from '@rapport/api/jobs';
import { markCustomerImportFailed, runCustomerImport } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';
import type { AttemptInfo } from './send-email.ts';

/**
 * Runs a customer CSV import from its checkpoint (see runCustomerImport): a retry resumes after
 * the last committed batch. After the last attempt the import shows as failed, ready to resume.
 */
export async function importCustomers(
	payload: JobPayload<'import-customers'>,
	deps: { db: Database },
	attempt: AttemptInfo,
) {
	try {
		return await runCustomerImport(deps, payload);
	} catch (error) {
		if (attempt.attemptsMade + 1 >= attempt.attempts)
			await markCustomerImportFailed(deps, payload).catch(() => {});
		throw error;
	}
}

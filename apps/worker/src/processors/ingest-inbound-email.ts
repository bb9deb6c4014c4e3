import type { PublishCustomerEvents } from '@rapport/api/events';
import type { JobPayload } from '@rapport/api/jobs';
import { ingestInboundEmail as ingest, type UseCaseLog } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';

export interface InboundEmailProcessorDeps {
	db: Database;
	log: UseCaseLog;
	publish?: PublishCustomerEvents;
	/** INBOUND_EMAIL_DOMAIN; defaults to the host of `origin`, like the env's own default. */
	inboundDomain?: string;
	origin?: string;
}

/** The job is the raw email as the endpoint accepted it; the use case stores, holds or keeps it. */
export function ingestInboundEmail(
	payload: JobPayload<'ingest-inbound-email'>,
	deps: InboundEmailProcessorDeps,
) {
	return ingest(
		{
			db: deps.db,
			log: deps.log,
			publish: deps.publish,
			inboundDomain: deps.inboundDomain ?? new URL(deps.origin ?? 'http://localhost:3000').hostname,
		},
		{
			sourceId: payload.sourceId,
			raw: Buffer.from(payload.raw, 'base64'),
			receivedAt: new Date(payload.receivedAt),
		},
	);
}

import type { Database } from '@rapport/db';
import type { PublishCustomerEvents } from '../../events.ts';

/** Enough of a structured logger (pino's fits). */
export interface UseCaseLog {
	info(details: object, message: string): void;
	warn(details: object, message: string): void;
}

export interface InboundEmailDeps {
	db: Database;
	/** INBOUND_EMAIL_DOMAIN: where the issued per-business addresses live. */
	inboundDomain: string;
	log?: UseCaseLog;
	/** Tells open dashboards a conversation changed. */
	publish?: PublishCustomerEvents;
}

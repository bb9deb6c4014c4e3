import type { Database } from '@rapport/db';
import type { JobProducer } from './jobs/producer.ts';

export interface SessionIdentity {
	userId: string;
	businessId: string;
}

export interface MailConfig {
	/** Domain of our Message-IDs and reply+token addresses (from MAIL_FROM). */
	domain: string;
}

/** Announcements to every process (Redis pub/sub in the web app). */
export interface ContextEvents {
	formKeyRotated(businessId: string): Promise<void>;
}

export interface Context {
	db: Database;
	jobs: JobProducer;
	mail: MailConfig;
	session: SessionIdentity | null;
	events?: ContextEvents;
}

/** Framework-free: the web adapter and tests build it from plain values. */
export function createContext(deps: Context): Context {
	return deps;
}

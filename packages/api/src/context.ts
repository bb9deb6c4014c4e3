import type { Database } from '@rapport/db';
import type { PublishCustomerEvents } from './events.ts';
import type { JobProducer } from './jobs/producer.ts';
import type { EncryptionKey } from './payments/secrets.ts';
import type { PaymentProvider } from './use-cases/payments/provider.ts';

export interface SessionIdentity {
	userId: string;
	businessId: string;
}

export interface MailConfig {
	/** Domain of our Message-IDs and reply+token addresses (from MAIL_FROM). */
	domain: string;
	/** INBOUND_EMAIL_DOMAIN, of the per-business inbound addresses (Settings shows them). */
	inboundDomain?: string;
}

/** Announcements to every process (Redis pub/sub in the web app). */
export interface ContextEvents {
	formKeyRotated(businessId: string): Promise<void>;
	/** Live updates to the business's open pages (the worker announces its own changes). */
	customersChanged?: PublishCustomerEvents;
}

/** Where unexpected errors are written (a pino logger fits); one JSON line on stderr if absent. */
export interface ErrorLog {
	error(details: Record<string, unknown>, message: string): void;
}

/** Online payment: PAYMENTS_ENCRYPTION_KEY (parsed) and the provider (Stripe, or a test's). */
export interface PaymentsConfig {
	encryptionKey: EncryptionKey;
	provider: PaymentProvider;
}

export interface Context {
	db: Database;
	jobs: JobProducer;
	mail: MailConfig;
	session: SessionIdentity | null;
	events?: ContextEvents;
	log?: ErrorLog;
	/** Procedures that need them (payment settings) refuse to run without them. */
	payments?: PaymentsConfig;
	/** ORIGIN, the public URL: links shown in Settings (the webhook URL). */
	origin?: string;
}

/** Framework-free: the web adapter and tests build it from plain values. */
export function createContext(deps: Context): Context {
	return deps;
}

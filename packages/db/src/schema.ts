import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Hand-kept mirror of the migrations, in camelCase (CamelCasePlugin maps to snake_case).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type Plan = 'starter' | 'launch' | 'grow';
export type BusinessLanguage = 'en' | 'fr' | 'de' | 'es';

export interface BusinessesTable {
	id: Generated<string>;
	name: string;
	email: string | null;
	address: string | null;
	plan: ColumnType<Plan, Plan | undefined, Plan>;
	trialEndsAt: Date | null;
	currency: ColumnType<string, string | undefined, string>;
	invoicePrefix: ColumnType<string, string | undefined, string>;
	paymentTermsDays: ColumnType<number, number | undefined, number>;
	formKey: string;
	nextInvoiceNumber: ColumnType<number, number | undefined, number>;
	acceptUnknownSenders: ColumnType<boolean, boolean | undefined, boolean>;
	/** `<slug>-<random>`: the issued inbound address is this @INBOUND_EMAIL_DOMAIN. */
	inboundLocalPart: Generated<string>;
	/** Set when a link sent to `email` was followed; cleared when the email changes. */
	emailVerifiedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
	/** Of customer-facing documents: 'en' | 'fr' | 'de' | 'es'. */
	language: ColumnType<BusinessLanguage, BusinessLanguage | undefined, BusinessLanguage>;
	/** BCP 47, for numbers and dates. */
	locale: ColumnType<string, string | undefined, string>;
	/** IANA; "today" and "overdue" are decided in it. */
	timeZone: ColumnType<string, string | undefined, string>;
	taxId: ColumnType<string | null, string | null | undefined, string | null>;
	/** Null: the language's default template. */
	invoiceEmailSubject: ColumnType<string | null, string | null | undefined, string | null>;
	invoiceEmailMessage: ColumnType<string | null, string | null | undefined, string | null>;
	/** Payment reminders: on for businesses created since reminders exist, off for older ones. */
	remindersEnabled: ColumnType<boolean, boolean | undefined, boolean>;
	/** When reminders were last turned on: steps due before it are never sent. */
	remindersEnabledAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
	/** Hour of the day (0–23, the business's time zone) reminders go out. */
	reminderHour: ColumnType<number, number | undefined, number>;
	reminderSteps: ColumnType<ReminderStepRow[], string | undefined, string>;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

/** One step of a reminder schedule; null subject/message: the language's default text. */
export interface ReminderStepRow {
	/** Days relative to the due date: -3 is three days before, 7 a week after. */
	offsetDays: number;
	subject?: string | null;
	message?: string | null;
}

export interface UsersTable {
	id: string;
	businessId: string;
	name: string;
	email: string;
	emailVerified: ColumnType<boolean, boolean | undefined, boolean>;
	image: string | null;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

export interface SessionsTable {
	id: string;
	userId: string;
	token: string;
	expiresAt: Date;
	ipAddress: string | null;
	userAgent: string | null;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

export interface AccountsTable {
	id: string;
	userId: string;
	accountId: string;
	providerId: string;
	password: string | null;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

/** better-auth's one-time values (password resets): written and consumed by it; we only read. */
export interface VerificationsTable {
	id: string;
	identifier: string;
	value: string;
	expiresAt: Date;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

export interface CustomersTable {
	id: Generated<string>;
	businessId: string;
	name: string;
	email: string | null;
	phone: string | null;
	address: ColumnType<string | null, string | null | undefined, string | null>;
	taxId: ColumnType<string | null, string | null | undefined, string | null>;
	replyToken: Generated<string>;
	lastActivityAt: Timestamp;
	/** Sum of balances due of issued, unpaid invoices; recomputed from them wherever they change. */
	openBalanceMinor: ColumnType<number, number | undefined, number>;
	/** Copies for search, kept by triggers (0023): the other emails (lowercase) / phones' digits. */
	otherEmails: ColumnType<string | null, never, never>;
	otherPhones: ColumnType<string | null, never, never>;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

/**
 * Every email of a customer, its primary (customers.email) included: unique per business,
 * case-insensitively. Triggers keep the primary's row in step with customers.
 */
export interface CustomerEmailsTable {
	id: Generated<string>;
	businessId: string;
	customerId: string;
	email: string;
	/** Kept by triggers (0023): this row is customers.email. */
	isPrimary: ColumnType<boolean, never, never>;
	createdAt: CreatedAt;
}

/** Every phone of a customer, its primary included; shared phones are allowed (a family). */
export interface CustomerPhonesTable {
	id: Generated<string>;
	businessId: string;
	customerId: string;
	phone: string;
	/** Generated by PostgreSQL from phone: what matching compares. */
	phoneDigits: ColumnType<string, never, never>;
	/** Kept by triggers (0023): these are customers.phone's digits. */
	isPrimary: ColumnType<boolean, never, never>;
	createdAt: CreatedAt;
}

export interface NotesTable {
	id: Generated<string>;
	businessId: string;
	customerId: string;
	authorId: string | null;
	body: string;
	version: ColumnType<number, number | undefined, number>;
	createdAt: CreatedAt;
	editedAt: Date | null;
	deletedAt: Date | null;
}

export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'void';
/** A calendar date as 'YYYY-MM-DD' (pg `date`, never turned into a JS Date). */
type CalendarDate = string;

export interface InvoicesTable {
	id: Generated<string>;
	businessId: string;
	customerId: string;
	number: string;
	issueDate: CalendarDate;
	dueDate: CalendarDate;
	currency: string;
	notes: string | null;
	status: ColumnType<InvoiceStatus, InvoiceStatus | undefined, InvoiceStatus>;
	subtotalMinor: number;
	taxMinor: number;
	totalMinor: number;
	/** Sum of the live payments; recomputed from the ledger with every payment change. */
	paidMinor: ColumnType<number, number | undefined, number>;
	issuedAt: Date | null;
	sentAt: Date | null;
	paidOn: CalendarDate | null;
	voidedAt: Date | null;
	publicToken: string | null;
	viewedAt: Date | null;
	remindersPausedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
	/** What the document showed at issue; null while a draft. */
	issuedSnapshot: ColumnType<
		IssuedInvoiceSnapshot | null,
		string | null | undefined,
		string | null
	>;
	version: ColumnType<number, number | undefined, number>;
	createdAt: CreatedAt;
	updatedAt: Timestamp;
}

/**
 * The issued document: every rendering of an issued invoice reads it, so later edits of the
 * business or the customer never change what the customer was given. Version 1 (written before
 * languages and tax IDs) lacks language, locale and the tax IDs: readers treat them as
 * en / en-US / null.
 */
export interface IssuedInvoiceSnapshot {
	version: 1 | 2;
	language?: BusinessLanguage;
	locale?: string;
	business: { name: string; email: string | null; address: string | null; taxId?: string | null };
	customer: {
		name: string;
		email: string | null;
		phone: string | null;
		address: string | null;
		taxId?: string | null;
	};
	invoice: {
		number: string;
		issueDate: string;
		dueDate: string;
		currency: string;
		notes: string | null;
	};
	items: { description: string; quantity: string; unitPriceMinor: number; taxRate: string }[];
	totals: { subtotalMinor: number; taxMinor: number; totalMinor: number };
}

export interface InvoiceItemsTable {
	id: Generated<string>;
	invoiceId: string;
	position: number;
	description: string;
	/** numeric(12,3) as exact decimal text, e.g. "1.500". */
	quantity: string;
	unitPriceMinor: number;
	/** numeric(6,3) percent as exact decimal text, e.g. "20.000". */
	taxRate: string;
}

export type MessageDirection = 'inbound' | 'outbound';
export type MessageChannel = 'form' | 'email' | 'system';
/** 'uncertain': the worker stopped mid-send, so the customer may already have it (never re-queued). */
/**
 * What an outbound message is; inbound messages are 'reply' (a conversation). 'payment' and
 * 'merge' are system events (channel 'system'): a payment received online, a customer merged in.
 */
export type MessageKind =
	| 'invoice'
	| 'reminder'
	| 'receipt'
	| 'reply'
	| 'automated'
	| 'payment'
	| 'merge';

/** 'cancelled': a reminder whose invoice was paid or voided before it went out. */
export type DeliveryState =
	| 'queued'
	| 'sending'
	| 'accepted'
	| 'sent'
	| 'failed'
	| 'uncertain'
	| 'cancelled';

export interface MessageAttachment {
	filename: string;
	size: number;
	contentType: string;
}

/**
 * One contact-form field as submitted. messages.fields holds a list of these in submission
 * order (a checkbox group repeats its name): the CamelCasePlugin leaves `name`/`value` and
 * every value alone, where it renamed the keys of the object stored before (`colour_scheme`).
 */
export interface FormField {
	name: string;
	value: string;
}

export interface MessagesTable {
	id: Generated<string>;
	businessId: string;
	customerId: string;
	direction: MessageDirection;
	channel: MessageChannel;
	kind: ColumnType<MessageKind, MessageKind | undefined, MessageKind>;
	subject: string | null;
	body: ColumnType<string, string | undefined, string>;
	bodyFull: string | null;
	fields: ColumnType<FormField[] | null, string | null | undefined, string | null>;
	attachments: ColumnType<MessageAttachment[] | null, string | null | undefined, string | null>;
	senderName: string | null;
	senderEmail: string | null;
	recipient: string | null;
	deliveryState: DeliveryState | null;
	deliveryError: string | null;
	deliveryAttempts: ColumnType<number, number | undefined, number>;
	smtpResponse: string | null;
	/** When a send claimed the row (queued → sending). */
	deliveryClaimedAt: Date | null;
	rfcMessageId: string | null;
	inReplyTo: string | null;
	invoiceId: string | null;
	/** The reminder step (days from the due date) a reminder claimed; null otherwise. */
	reminderOffset: ColumnType<number | null, number | null | undefined, number | null>;
	/** The API key an automated message was posted with. */
	apiKeyId: ColumnType<string | null, string | null | undefined, string | null>;
	sourceId: string | null;
	readAt: Date | null;
	sentAt: Date | null;
	createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FormQuarantineTable {
	id: Generated<string>;
	businessId: string;
	submissionId: string;
	/** The queued submission as the endpoint accepted it (the ingest job's payload). */
	payload: ColumnType<unknown, string, string>;
	reason: string;
	createdAt: CreatedAt;
	releasedAt: Date | null;
}

/** Why inbound mail is held instead of stored (see domain/inbound-routing.ts). */
export type HeldEmailReason = 'unknown-sender' | 'no-sender' | 'unreadable' | 'unverified-address';

export interface EmailQuarantineTable {
	id: Generated<string>;
	businessId: string;
	sourceId: string;
	senderName: string | null;
	senderEmail: string | null;
	subject: string | null;
	/** The parsed email (null when it could not be parsed: then `raw` holds its start). */
	payload: ColumnType<Record<string, unknown> | null, string | null, string | null>;
	reason: ColumnType<HeldEmailReason, HeldEmailReason | undefined, HeldEmailReason>;
	reasonDetail: string | null;
	raw: Buffer | null;
	createdAt: CreatedAt;
	releasedAt: Date | null;
}

export interface EmailVerificationsTable {
	id: Generated<string>;
	businessId: string;
	email: string;
	tokenHash: string | null;
	expiresAt: Date;
	sentAt: Date | null;
	usedAt: Date | null;
	createdAt: CreatedAt;
}

/** Inbound mail no business owns (yet): kept 30 days, moved to the business that verifies. */
export interface InboundUnroutableTable {
	id: Generated<string>;
	sourceId: string;
	/** Lower-cased addresses the mail was delivered to. */
	recipients: string[];
	senderName: string | null;
	senderEmail: string | null;
	subject: string | null;
	reason: HeldEmailReason | 'no-business';
	reasonDetail: string | null;
	payload: ColumnType<Record<string, unknown> | null, string | null, string | null>;
	raw: Buffer | null;
	createdAt: CreatedAt;
}

/** Why a job failed for good: its attempts were used up, it could never succeed, or it kept killing the worker. */
export type FailedJobKind = 'attempts' | 'unrecoverable' | 'stalled';

export interface FailedJobsTable {
	id: Generated<string>;
	businessId: string | null;
	/** queue + job id + business: recording the same failure twice keeps one row. */
	jobKey: string;
	queue: string;
	jobName: string;
	jobId: string;
	/** What to re-enqueue on Retry (for a group job, only this business's part). */
	payload: ColumnType<unknown, string, string>;
	kind: FailedJobKind;
	reason: string;
	attempts: number;
	failedAt: Timestamp;
}

export type PaymentMethod = 'card' | 'bank_transfer' | 'cash' | 'cheque' | 'online' | 'other';
export type PaymentSource = 'manual' | 'provider';
/** Money a provider took that the owner must look at (refund or settle). */
export type PaymentFlag = 'overpaid' | 'invoice_void';

export interface PaymentsTable {
	id: Generated<string>;
	businessId: string;
	invoiceId: string;
	amountMinor: number;
	currency: string;
	paidOn: CalendarDate;
	method: PaymentMethod;
	reference: string | null;
	note: string | null;
	source: ColumnType<PaymentSource, PaymentSource | undefined, PaymentSource>;
	/** 'stripe'; with providerId (a Checkout Session id) for provider payments. */
	provider: string | null;
	providerId: string | null;
	flag: PaymentFlag | null;
	createdBy: string | null;
	createdAt: CreatedAt;
	deletedAt: Date | null;
	deletedBy: string | null;
}

export type PaymentProviderName = 'stripe';

export interface PaymentConnectionsTable {
	businessId: string;
	provider: PaymentProviderName;
	/** AES-256-GCM with PAYMENTS_ENCRYPTION_KEY (see api payments/secrets.ts). */
	secretKeyEncrypted: string;
	webhookSecretEncrypted: string;
	/** What the owner sees of the key, e.g. "sk_test_…4242". */
	secretKeyHint: string;
	/** The unguessable last segment of the webhook URL. */
	webhookId: string;
	connectedAt: CreatedAt;
}

export type PaymentEventOutcome = 'recorded' | 'duplicate' | 'ignored';

export interface PaymentEventsTable {
	provider: PaymentProviderName;
	eventId: string;
	businessId: string | null;
	type: string;
	outcome: PaymentEventOutcome;
	reason: string | null;
	paymentId: string | null;
	createdAt: CreatedAt;
}

export interface ApiKeysTable {
	id: Generated<string>;
	businessId: string;
	name: string;
	/** SHA-256 (hex) of the key; the key itself is shown once and never stored. */
	tokenHash: string;
	tokenPrefix: string;
	createdBy: string | null;
	createdAt: CreatedAt;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
}

export type CustomerImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';

export interface CustomerImportsTable {
	id: Generated<string>;
	businessId: string;
	createdBy: string | null;
	fileName: string;
	/** The CSV as uploaded; dropped (null) once the import is done. */
	upload: Buffer | null;
	delimiter: ',' | ';';
	hasHeader: boolean;
	/** The first rows as parsed, header included (jsonb). */
	preview: ColumnType<string[][], string, string>;
	columnCount: number;
	/** Column index per field (api domain/customer-import.ts ColumnMapping), set at start. */
	mapping: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
	onExisting: ColumnType<'skip' | 'fill_empty', 'skip' | 'fill_empty' | undefined>;
	status: ColumnType<CustomerImportStatus, CustomerImportStatus | undefined>;
	totalRows: number;
	/** The worker's checkpoint: rows done, committed with each batch. */
	processedRows: ColumnType<number, number | undefined, number>;
	createdCount: ColumnType<number, number | undefined, number>;
	updatedCount: ColumnType<number, number | undefined, number>;
	skippedCount: ColumnType<number, number | undefined, number>;
	rejectedCount: ColumnType<number, number | undefined, number>;
	error: string | null;
	createdAt: CreatedAt;
	startedAt: Date | null;
	finishedAt: Date | null;
}

/** A customer merged into another (its row is gone): where its id and reply token now lead. */
export interface CustomerMergesTable {
	id: Generated<string>;
	businessId: string;
	mergedId: string;
	survivorId: string;
	mergedName: string;
	mergedEmail: string | null;
	replyToken: string;
	/** What moved, as the merge counted it (jsonb). */
	moved: ColumnType<CustomerMergeCounts, string, string>;
	mergedBy: string | null;
	mergedAt: CreatedAt;
}

/** What a customer has that a merge moves (counted for the preview and the record). */
export interface CustomerMergeCounts {
	messages: number;
	unread: number;
	notes: number;
	invoices: number;
	payments: number;
	emails: number;
	phones: number;
	openBalanceMinor: number;
}

export interface CustomerImportRowsTable {
	importId: string;
	/** 1-based line of the data row in the file (the header, if any, is row 1). */
	rowNumber: number;
	outcome: 'rejected' | 'possible_duplicate';
	reason: string;
	cells: ColumnType<string[], string, string>;
}

export interface DB {
	businesses: BusinessesTable;
	users: UsersTable;
	sessions: SessionsTable;
	accounts: AccountsTable;
	verifications: VerificationsTable;
	customers: CustomersTable;
	customerEmails: CustomerEmailsTable;
	customerPhones: CustomerPhonesTable;
	notes: NotesTable;
	invoices: InvoicesTable;
	invoiceItems: InvoiceItemsTable;
	messages: MessagesTable;
	emailQuarantine: EmailQuarantineTable;
	emailVerifications: EmailVerificationsTable;
	inboundUnroutable: InboundUnroutableTable;
	formQuarantine: FormQuarantineTable;
	failedJobs: FailedJobsTable;
	payments: PaymentsTable;
	paymentConnections: PaymentConnectionsTable;
	paymentEvents: PaymentEventsTable;
	apiKeys: ApiKeysTable;
	customerImports: CustomerImportsTable;
	customerImportRows: CustomerImportRowsTable;
	customerMerges: CustomerMergesTable;
}

export type NewBusiness = Insertable<BusinessesTable>;
export type BusinessUpdate = Updateable<BusinessesTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type CustomerEmail = Selectable<CustomerEmailsTable>;
export type CustomerPhone = Selectable<CustomerPhonesTable>;
export type Invoice = Selectable<InvoicesTable>;
export type InvoiceItem = Selectable<InvoiceItemsTable>;
export type Message = Selectable<MessagesTable>;
export type FailedJob = Selectable<FailedJobsTable>;
export type EmailQuarantine = Selectable<EmailQuarantineTable>;
export type InboundUnroutable = Selectable<InboundUnroutableTable>;
export type Payment = Selectable<PaymentsTable>;
export type NewPayment = Insertable<PaymentsTable>;
export type PaymentConnection = Selectable<PaymentConnectionsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type CustomerImport = Selectable<CustomerImportsTable>;
export type CustomerImportRow = Selectable<CustomerImportRowsTable>;
export type CustomerMerge = Selectable<CustomerMergesTable>;

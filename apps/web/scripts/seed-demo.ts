// Demo data for `npm start`: one business with a known login, customers with notes, invoices
// and a conversation — made through the same use cases the app runs, as its owner would.
// Idempotent: does nothing once the demo business has its customers. The customer book is one
// transaction; the login (better-auth's own writes) comes before it, and the invoices and emails,
// whose use cases commit or queue by themselves, after it.
import { randomUUID } from 'node:crypto';
import {
	businessDetailsInput,
	customerInput,
	defaultDueDate,
	invoiceInput,
	mailDomainOf,
	signupInput,
	todayUtc,
} from '@rapport/api/domain';
import { createJobProducer } from '@rapport/api/jobs';
import {
	type AccountLogins,
	type Actor,
	createCustomer,
	createInvoice,
	createNote,
	ingestInboundEmail,
	issueInvoice,
	markInvoicePaid,
	markMessagesRead,
	recordPayment,
	sendInvoice,
	sendReply,
	setPlan,
	signUp,
	storeFormSubmissions,
	updateBusinessDetails,
} from '@rapport/api/use-cases';
import {
	createDb,
	createPool,
	type Database,
	findBusiness,
	findUserByEmail,
	listCustomers,
} from '@rapport/db';
import { betterAuth } from 'better-auth';
import { Redis } from 'ioredis';
import { authOptions } from '../src/lib/server/auth-options.ts';
import { loadEnv } from '../src/lib/server/env.ts';

const DEMO_EMAIL = 'demo@rapport.test';
const DEMO_PASSWORD = 'demo-password';

const customers = [
	{ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0018' },
	{ name: 'Grace Hopper', email: 'grace@example.com', phone: '+1 212 555 0142' },
	{ name: 'Hedy Lamarr', email: 'hedy@example.com' },
	{ name: 'Katherine Johnson', email: 'katherine@example.com', phone: '+1 757 555 0199' },
	{ name: 'Walk-in customer' },
	// Ada again, from her work address: a duplicate to try Merge into… on.
	{ name: 'A. Lovelace', email: 'ada@analytical-engines.example' },
] as const;
type DemoCustomer = (typeof customers)[number]['name'];

const notesByCustomer: Partial<Record<DemoCustomer, string[]>> = {
	'Ada Lovelace': [
		'Prefers white lilies; allergic to pollen-heavy arrangements.',
		'Called about the wedding on 14 June.\nWants a quote for 12 table centrepieces and a bridal bouquet.',
	],
	'Grace Hopper': ['Pays by bank transfer, usually within a week.'],
};

const env = loadEnv();
const pool = createPool(env.DATABASE_URL, { max: 4 });
const db = createDb(pool);
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
const jobs = createJobProducer(redis);
const mail = { domain: mailDomainOf(env.MAIL_FROM) };
const daysAgo = (days: number) =>
	new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** The owner's login, made by better-auth as on the signup page (outside any transaction). */
async function demoOwner(): Promise<Actor> {
	const existing = await findUserByEmail(db, DEMO_EMAIL);
	if (existing) return { businessId: existing.businessId, userId: existing.id };
	const auth = betterAuth(
		authOptions(pool, { secret: env.BETTER_AUTH_SECRET, baseURL: env.ORIGIN }),
	);
	let userId: string | undefined;
	const accounts: AccountLogins = {
		async createLogin(login) {
			userId = (await auth.api.signUpEmail({ body: login })).user.id;
			return { status: 'created' };
		},
	};
	const input = signupInput.parse({
		businessName: 'Bloom & Co. Florist',
		email: DEMO_EMAIL,
		password: DEMO_PASSWORD,
	});
	const { businessId } = await signUp({ db, jobs, accounts, trialDays: env.TRIAL_DAYS }, input);
	return { businessId, userId: userId! };
}

/** Customers and notes, the contact-form enquiry and the paid invoice: all or nothing. */
async function seedBook(trx: Database, owner: Actor) {
	const details = businessDetailsInput.parse({
		name: 'Bloom & Co. Florist',
		email: 'hello@bloom.example',
		address: '12 Market Street\nSpringfield',
		currency: 'USD',
		invoicePrefix: 'INV-',
		paymentTermsDays: 14,
	});
	await updateBusinessDetails({ db: trx }, owner, details);
	await setPlan({ db: trx }, owner, { plan: 'grow' });
	const ids = {} as Record<DemoCustomer, string>;
	// Oldest first: the list shows the most recent activity on top.
	for (const values of customers.toReversed()) {
		const customer = await createCustomer({ db: trx }, owner, customerInput.parse(values));
		ids[values.name] = customer.id;
		for (const body of notesByCustomer[values.name] ?? []) {
			await createNote({ db: trx }, owner, { customerId: customer.id, body });
		}
	}
	const enquiry =
		'Hi! Could you do the flowers for a 40-person dinner on 12 December? White and green, nothing too tall.';
	await storeFormSubmissions({ db: trx }, [
		{
			businessId: owner.businessId,
			submissionId: randomUUID(),
			acceptedAt: hoursAgo(5).toISOString(),
			name: 'Hedy Lamarr',
			email: 'hedy@example.com',
			phone: null,
			message: enquiry,
			fields: [
				{ name: 'name', value: 'Hedy Lamarr' },
				{ name: 'email', value: 'hedy@example.com' },
				{ name: 'event_date', value: '2026-12-12' },
				{ name: 'guests', value: '40' },
				{ name: 'budget', value: '£400' },
				{ name: 'message', value: enquiry },
			],
			startedAt: null,
		},
	]);
	return ids;
}

/**
 * Invoices and emails: each use case commits (or queues) on its own, so they run after the
 * book. The worker delivers the queued emails once `npm start` runs it (to the mail catcher).
 */
async function seedActivity(owner: Actor, ids: Record<DemoCustomer, string>) {
	const invoice = (customerId: string, issueDate: string, items: object[]) =>
		createInvoice({ db }, owner, {
			customerId,
			...invoiceInput.parse({
				issueDate,
				dueDate: defaultDueDate(issueDate, 14),
				items,
				notes: 'Bank transfer: Bloom & Co., IBAN GB00 0000 0000 0000. Thank you!',
			}),
		});
	const paid = await invoice(ids['Ada Lovelace'], daysAgo(30), [
		{ description: 'Bridal bouquet', quantity: '1', unitPrice: '180.00', taxRate: '20' },
		{ description: 'Buttonholes', quantity: '6', unitPrice: '12.50', taxRate: '20' },
	]);
	await markInvoicePaid({ db }, owner, { id: paid.id, paidOn: daysAgo(20) });
	const sent = await invoice(ids['Grace Hopper'], daysAgo(3), [
		{
			description: 'Weekly office flowers (4 weeks)',
			quantity: '4',
			unitPrice: '45.00',
			taxRate: '20',
		},
	]);
	await sendInvoice({ db, jobs, mail }, owner, { id: sent.id });
	await invoice(ids['Katherine Johnson'], todayUtc(), [
		{ description: 'Table centrepieces', quantity: '12', unitPrice: '35.50' },
	]);
	// Balances show at once: a deposit paid on Hedy's dinner, and an invoice long past due.
	const dinner = await invoice(ids['Hedy Lamarr'], daysAgo(10), [
		{ description: 'Dinner flowers, 40 guests', quantity: '1', unitPrice: '400.00', taxRate: '20' },
	]);
	await issueInvoice({ db }, owner, { id: dinner.id });
	await recordPayment({ db }, owner, {
		invoiceId: dinner.id,
		amount: '150.00',
		paidOn: daysAgo(8),
		method: 'bank_transfer',
		reference: 'Deposit',
	});
	const late = await invoice(ids['Katherine Johnson'], daysAgo(40), [
		{ description: 'Launch event arrangements', quantity: '3', unitPrice: '85.00', taxRate: '20' },
	]);
	await issueInvoice({ db }, owner, { id: late.id });

	// Ada wrote to the business's inbound address; the owner read it and answered.
	const business = await findBusiness(db, owner.businessId);
	const raw = [
		'From: Ada Lovelace <ada@example.com>',
		`To: Bloom & Co. <${business!.inboundLocalPart}@${env.INBOUND_EMAIL_DOMAIN}>`,
		'Subject: Wedding flowers',
		`Message-ID: <demo-${randomUUID()}@example.com>`,
		`Date: ${hoursAgo(26).toUTCString()}`,
		'Content-Type: text/plain; charset=utf-8',
		'',
		'Hello! Could the lilies arrive by Thursday? Friday morning would be perfect for delivery.',
		'',
	].join('\r\n');
	await ingestInboundEmail(
		{ db, inboundDomain: env.INBOUND_EMAIL_DOMAIN },
		{ sourceId: `demo-${randomUUID()}`, raw: Buffer.from(raw), receivedAt: hoursAgo(26) },
	);
	await markMessagesRead({ db }, owner, { customerId: ids['Ada Lovelace'] });
	await sendReply({ db, jobs, mail }, owner, {
		customerId: ids['Ada Lovelace'],
		body: 'Hello Ada, the lilies arrive on Thursday. We will deliver on Friday morning.',
	});
}

try {
	const owner = await demoOwner();
	const { items } = await listCustomers(db, owner.businessId, { limit: 1 });
	if (items.length > 0) {
		console.log('demo data already present');
	} else {
		const ids = await db.transaction().execute((trx) => seedBook(trx, owner));
		await seedActivity(owner, ids);
		console.log(
			`demo data created (${customers.length} customers with notes, invoices and messages)`,
		);
	}
} finally {
	await jobs.close();
	redis.disconnect();
	await db.destroy();
}

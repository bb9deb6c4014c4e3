// Demo data for `npm start`: one business with a known login and a few customers.
// Idempotent: does nothing when the demo user already exists.
import { randomUUID } from 'node:crypto';
import { createInvoice, invoiceInput, newPublicToken } from '@rapport/api';
import { defaultDueDate, todayUtc } from '@rapport/api/domain';
import { createDb, insertBusiness, insertCustomer, insertNote } from '@rapport/db';
import { hashPassword } from 'better-auth/crypto';

export const DEMO_EMAIL = 'demo@rapport.test';
export const DEMO_PASSWORD = 'demo-password';

const notesByCustomer: Record<string, string[]> = {
	'Ada Lovelace': [
		'Prefers white lilies; allergic to pollen-heavy arrangements.',
		'Called about the wedding on 14 June.\nWants a quote for 12 table centrepieces and a bridal bouquet.',
	],
	'Grace Hopper': ['Pays by bank transfer, usually within a week.'],
};

const customers = [
	{ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0018' },
	{ name: 'Grace Hopper', email: 'grace@example.com', phone: '+1 212 555 0142' },
	{ name: 'Hedy Lamarr', email: 'hedy@example.com', phone: null },
	{ name: 'Katherine Johnson', email: 'katherine@example.com', phone: '+1 757 555 0199' },
	{ name: 'Walk-in customer', email: null, phone: null },
];

/** A paid, a sent and a draft invoice, through the same service the app uses. */
async function seedInvoices(businessId: string) {
	const byName = async (name: string) =>
		(
			await db
				.selectFrom('customers')
				.select('id')
				.where('businessId', '=', businessId)
				.where('name', '=', name)
				.executeTakeFirstOrThrow()
		).id;
	const issued = (daysAgo: number) => {
		const d = new Date();
		d.setUTCDate(d.getUTCDate() - daysAgo);
		return d.toISOString().slice(0, 10);
	};
	const make = (
		customerId: string,
		issueDate: string,
		items: { description: string; quantity: string; unitPrice: string; taxRate?: string }[],
	) =>
		createInvoice(
			db,
			businessId,
			customerId,
			invoiceInput.parse({
				issueDate,
				dueDate: defaultDueDate(issueDate, 14),
				items,
				notes: 'Bank transfer: Bloom & Co., IBAN GB00 0000 0000 0000. Thank you!',
			}),
		);

	const paid = await make(await byName('Ada Lovelace'), issued(30), [
		{ description: 'Bridal bouquet', quantity: '1', unitPrice: '180.00', taxRate: '20' },
		{ description: 'Buttonholes', quantity: '6', unitPrice: '12.50', taxRate: '20' },
	]);
	await db
		.updateTable('invoices')
		.set({
			status: 'paid',
			issuedAt: new Date(),
			sentAt: new Date(),
			paidOn: issued(20),
			publicToken: newPublicToken(),
		})
		.where('id', '=', paid)
		.execute();

	const sent = await make(await byName('Grace Hopper'), issued(3), [
		{
			description: 'Weekly office flowers (4 weeks)',
			quantity: '4',
			unitPrice: '45.00',
			taxRate: '20',
		},
	]);
	await db
		.updateTable('invoices')
		.set({
			status: 'sent',
			issuedAt: new Date(),
			sentAt: new Date(),
			publicToken: newPublicToken(),
		})
		.where('id', '=', sent)
		.execute();

	await make(await byName('Katherine Johnson'), todayUtc(), [
		{ description: 'Table centrepieces', quantity: '12', unitPrice: '35.50' },
	]);
}

/** A contact-form enquiry and an email thread, as the worker would have stored them. */
async function seedMessages(businessId: string) {
	const customer = async (name: string) =>
		db
			.selectFrom('customers')
			.select(['id', 'email'])
			.where('businessId', '=', businessId)
			.where('name', '=', name)
			.executeTakeFirstOrThrow();
	const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000);
	const hedy = await customer('Hedy Lamarr');
	const ada = await customer('Ada Lovelace');
	const message =
		'Hi! Could you do the flowers for a 40-person dinner on 12 December? White and green, nothing too tall.';
	await db
		.insertInto('messages')
		.values([
			{
				businessId,
				customerId: hedy.id,
				direction: 'inbound',
				channel: 'form',
				subject: 'Contact form',
				body: message,
				fields: JSON.stringify({
					name: 'Hedy Lamarr',
					email: hedy.email!,
					message,
					event_date: '2026-12-12',
					budget: '£400',
				}),
				senderName: 'Hedy Lamarr',
				senderEmail: hedy.email,
				sourceId: 'demo-form-1',
				createdAt: ago(5),
			},
			{
				businessId,
				customerId: ada.id,
				direction: 'outbound',
				channel: 'email',
				subject: 'Your wedding flowers',
				body: 'Hello Ada, the lilies arrive on Thursday. Shall we deliver on Friday morning?',
				recipient: ada.email,
				deliveryState: 'sent',
				rfcMessageId: `<demo-${randomUUID()}@localhost>`,
				sentAt: ago(30),
				createdAt: ago(30),
			},
			{
				businessId,
				customerId: ada.id,
				direction: 'inbound',
				channel: 'email',
				subject: 'Re: Your wedding flowers',
				body: 'Friday morning is perfect, thank you!',
				bodyFull:
					'Friday morning is perfect, thank you!\n\nOn Thu, Bloom & Co. wrote:\n> Shall we deliver on Friday morning?',
				senderName: 'Ada Lovelace',
				senderEmail: ada.email,
				sourceId: 'demo-email-1',
				createdAt: ago(26),
				readAt: ago(25),
			},
		])
		.execute();
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');
const db = createDb(url);
try {
	const existing = await db
		.selectFrom('users')
		.select('id')
		.where('email', '=', DEMO_EMAIL)
		.executeTakeFirst();
	if (existing) {
		console.log('demo data already present');
	} else {
		const password = await hashPassword(DEMO_PASSWORD);
		const business = await db.transaction().execute(async (trx) => {
			const business = await insertBusiness(trx, {
				name: 'Bloom & Co. Florist',
				email: 'hello@bloom.example',
				address: '12 Market Street\nSpringfield',
				plan: 'grow',
			});
			const userId = randomUUID();
			await trx
				.insertInto('users')
				.values({
					id: userId,
					businessId: business.id,
					name: 'Demo Owner',
					email: DEMO_EMAIL,
					emailVerified: true,
					image: null,
				})
				.execute();
			await trx
				.insertInto('accounts')
				.values({ id: randomUUID(), userId, accountId: userId, providerId: 'credential', password })
				.execute();
			for (const [i, values] of customers.entries()) {
				const customer = await insertCustomer(trx, business.id, {
					...values,
					lastActivityAt: new Date(Date.now() - i * 3_600_000),
				});
				for (const body of notesByCustomer[values.name] ?? []) {
					await insertNote(trx, business.id, { customerId: customer.id, authorId: userId, body });
				}
			}
			return business;
		});
		await seedInvoices(business.id);
		await seedMessages(business.id);
		console.log(
			`demo data created (${customers.length} customers with notes, invoices and messages)`,
		);
	}
} finally {
	await db.destroy();
}

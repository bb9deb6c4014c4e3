// Demo data for `npm start`: one business with a known login and a few customers.
// Idempotent: does nothing when the demo user already exists.
import { randomUUID } from 'node:crypto';
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
		await db.transaction().execute(async (trx) => {
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
		});
		console.log(`demo data created (${customers.length} customers)`);
	}
} finally {
	await db.destroy();
}

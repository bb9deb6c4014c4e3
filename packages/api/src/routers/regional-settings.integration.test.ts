import { describe, expect, it } from 'vitest';
import { todayIn } from '../domain/invoice-status.ts';
import { useHarness } from '../testing/harness.ts';

const { signedIn, db } = useHarness();

const details = {
	name: 'Atelier',
	email: '',
	address: '',
	currency: 'EUR',
	invoicePrefix: 'AT-',
	paymentTermsDays: 14,
};

async function zodFieldsOf(promise: Promise<unknown>) {
	const error = (await promise.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(e: unknown) => e,
	)) as { code: string; cause?: { issues?: { path: PropertyKey[] }[] } };
	expect(error.code).toBe('BAD_REQUEST');
	return (error.cause?.issues ?? []).map((i) => i.path.join('.'));
}

describe('settings: language, locale, time zone, tax ID and the invoice email template', () => {
	it('a new business is English, en-US, UTC, without a tax ID or template of its own', async () => {
		const { caller } = await signedIn();
		expect(await caller.settings.get()).toMatchObject({
			language: 'en',
			locale: 'en-US',
			timeZone: 'UTC',
			taxId: null,
			invoiceEmailSubject: null,
			invoiceEmailMessage: null,
		});
	});

	it('stores valid values, canonicalised, for the signed-in business only', async () => {
		const a = await signedIn();
		const b = await signedIn();
		const saved = await a.caller.settings.update({
			...details,
			language: 'fr',
			locale: 'fr-fr',
			timeZone: 'europe/paris',
			taxId: ' FR12345678901 ',
			invoiceEmailSubject: 'Facture {number}',
			invoiceEmailMessage: 'Bonjour,\r\nvoici la facture {number} ({total}) : {link}',
		});
		expect(saved).toMatchObject({
			language: 'fr',
			locale: 'fr-FR',
			timeZone: 'Europe/Paris',
			taxId: 'FR12345678901',
			invoiceEmailSubject: 'Facture {number}',
			invoiceEmailMessage: 'Bonjour,\nvoici la facture {number} ({total}) : {link}',
		});
		expect(await b.caller.settings.get()).toMatchObject({ language: 'en', taxId: null });

		// Cleared fields go back to the defaults (null: the language's own template).
		expect(
			await a.caller.settings.update({
				...details,
				taxId: '',
				invoiceEmailSubject: '',
				invoiceEmailMessage: '',
			}),
		).toMatchObject({ taxId: null, invoiceEmailSubject: null, invoiceEmailMessage: null });
	});

	it('an invalid locale, time zone, language or tax ID is a field error and changes nothing', async () => {
		const { caller } = await signedIn({ name: 'Kept' });
		const before = await caller.settings.get();
		const bad = [
			[{ locale: 'not a locale' }, 'locale'],
			[{ locale: 'xx-YY' }, 'locale'],
			[{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
			[{ timeZone: '+02:00' }, 'timeZone'],
			[{ language: 'it' }, 'language'],
			[{ taxId: 'X'.repeat(51) }, 'taxId'],
			[{ taxId: 'line\nbreak' }, 'taxId'],
		] as const;
		for (const [input, field] of bad) {
			expect(
				await zodFieldsOf(
					caller.settings.update({ ...details, name: 'Changed', ...(input as object) }),
				),
			).toEqual([field]);
		}
		expect(await caller.settings.get()).toEqual(before);
	});
});

describe('customers: address and tax ID', () => {
	it('are stored, edited and cleared; another business cannot read or change them', async () => {
		const mine = await signedIn();
		const other = await signedIn();
		const created = await mine.caller.customers.create({
			name: 'Ana Lima',
			email: 'ana@example.test',
			address: '  12 Rue des Fleurs\r\n75001 Paris  ',
			taxId: 'FR999',
		});
		expect(created).toMatchObject({ address: '12 Rue des Fleurs\n75001 Paris', taxId: 'FR999' });

		await expect(other.caller.customers.byId({ id: created.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await expect(
			other.caller.customers.update({ id: created.id, name: 'Taken', taxId: 'EVIL' }),
		).rejects.toMatchObject({ code: 'NOT_FOUND' });

		// Left out: unchanged. Sent empty: cleared.
		expect(
			await mine.caller.customers.update({
				id: created.id,
				name: 'Ana',
				email: 'ana@example.test',
			}),
		).toMatchObject({ name: 'Ana', address: '12 Rue des Fleurs\n75001 Paris', taxId: 'FR999' });
		expect(
			await mine.caller.customers.update({ id: created.id, name: 'Ana', address: '', taxId: '' }),
		).toMatchObject({ address: null, taxId: null });
	});

	it('refuses an over-long address or a multi-line tax ID and stores nothing', async () => {
		const { caller } = await signedIn();
		const customer = await caller.customers.create({ name: 'Kept', taxId: 'T1' });
		expect(
			await zodFieldsOf(
				caller.customers.update({ id: customer.id, name: 'Kept', address: 'a'.repeat(501) }),
			),
		).toEqual(['address']);
		expect(
			await zodFieldsOf(caller.customers.update({ id: customer.id, name: 'Kept', taxId: 'a\nb' })),
		).toEqual(['taxId']);
		expect(await caller.customers.byId({ id: customer.id })).toMatchObject({
			address: null,
			taxId: 'T1',
		});
	});
});

describe('issued snapshot: language, locale and tax IDs', () => {
	async function issuedInvoice() {
		const session = await signedIn();
		await session.caller.settings.update({
			...details,
			language: 'de',
			locale: 'de-DE',
			taxId: 'DE123',
		});
		const customer = await session.caller.customers.create({
			name: 'Kunde',
			address: 'Hauptstraße 1\n10115 Berlin',
			taxId: 'DE456',
		});
		const today = todayIn('UTC');
		const invoice = await session.caller.invoices.create({
			customerId: customer.id,
			issueDate: today,
			dueDate: today,
			items: [{ description: 'Beratung', quantity: '1', unitPrice: '100.00' }],
		});
		await session.caller.invoices.issue({ id: invoice.id });
		return { ...session, customer, invoice };
	}

	it('the issued document keeps its language, locale and tax IDs after the business and customer change', async () => {
		const { caller, customer, invoice } = await issuedInvoice();
		await caller.settings.update({ ...details, language: 'es', locale: 'es-ES', taxId: 'ES1' });
		await caller.customers.update({ id: customer.id, name: 'Kunde', address: '', taxId: '' });

		const { document } = await caller.invoices.byId({ id: invoice.id });
		expect(document).toMatchObject({
			language: 'de',
			locale: 'de-DE',
			business: { taxId: 'DE123' },
			customer: { address: 'Hauptstraße 1\n10115 Berlin', taxId: 'DE456' },
		});
	});

	it('a draft shows the business’s current language and the customer’s current details', async () => {
		const { caller } = await signedIn();
		await caller.settings.update({ ...details, language: 'fr', locale: 'fr-FR' });
		const customer = await caller.customers.create({ name: 'Client', taxId: 'FR1' });
		const today = todayIn('UTC');
		const draft = await caller.invoices.create({
			customerId: customer.id,
			issueDate: today,
			dueDate: today,
			items: [{ description: 'Bouquet', quantity: '1', unitPrice: '10.00' }],
		});
		expect((await caller.invoices.byId({ id: draft.id })).document).toMatchObject({
			language: 'fr',
			locale: 'fr-FR',
			customer: { taxId: 'FR1' },
		});
	});

	it('a version 1 snapshot (written before languages) reads as en / en-US without tax IDs', async () => {
		const { caller, invoice } = await issuedInvoice();
		const row = await db
			.selectFrom('invoices')
			.select('issuedSnapshot')
			.where('id', '=', invoice.id)
			.executeTakeFirstOrThrow();
		const { language: _l, locale: _c, business, customer, ...rest } = row.issuedSnapshot!;
		const v1 = {
			...rest,
			version: 1,
			business: { name: business.name, email: business.email, address: business.address },
			customer: {
				name: customer.name,
				email: customer.email,
				phone: customer.phone,
				address: null,
			},
		};
		await db
			.updateTable('invoices')
			.set({ issuedSnapshot: JSON.stringify(v1) })
			.where('id', '=', invoice.id)
			.execute();
		expect((await caller.invoices.byId({ id: invoice.id })).document).toMatchObject({
			language: 'en',
			locale: 'en-US',
			business: { taxId: null },
			customer: { address: null, taxId: null },
		});
	});
});

describe('overdue in the business’s time zone', () => {
	it('an invoice due today where the business is is not overdue, whatever UTC says', async () => {
		// Kiritimati is UTC+14: its today is UTC's today or tomorrow, never yesterday.
		const { caller } = await signedIn();
		await caller.settings.update({ ...details, timeZone: 'Pacific/Kiritimati' });
		const customer = await caller.customers.create({ name: 'Island' });
		const today = todayIn('Pacific/Kiritimati');
		const invoice = await caller.invoices.create({
			customerId: customer.id,
			issueDate: today,
			dueDate: today,
			items: [{ description: 'Fish', quantity: '1', unitPrice: '10.00' }],
		});
		await caller.invoices.issue({ id: invoice.id });
		expect((await caller.invoices.byId({ id: invoice.id })).displayStatus).toBe('sent');
		const list = await caller.invoices.list({ customerId: customer.id });
		expect(list.items.map((i) => i.displayStatus)).toEqual(['sent']);
		// Paying "today" in Kiritimati is not a payment in the future.
		expect((await caller.invoices.markPaid({ id: invoice.id, paidOn: today })).status).toBe('paid');
	});
});

import { createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { todayUtc } from '../../domain/invoice-status.ts';
import { createTestInvoice, useHarness } from '../../testing/harness.ts';
import { sendInvoice } from '../invoices/send.ts';
import { recordPayment } from '../payments/record.ts';
import { deliverEmail } from './deliver.ts';
import type { DeliverEmailDeps } from './deps.ts';

const { db, jobs, mail, signedIn } = useHarness();
const deps = { db, jobs, mail };
const once = { attemptsMade: 0, attempts: 5 };

/** What the invoice template was given: the worker's Handlebars renders these fields. */
function capturingDeps(seen: { payLink?: string | null; link: string }[]): DeliverEmailDeps {
	return {
		db,
		mailer: { send: async () => '250 OK' },
		templates: {
			invoice: (c) => {
				seen.push({ payLink: c.payLink, link: c.link });
				return { html: '<p>invoice</p>', text: 'invoice' };
			},
			reply: (c) => ({ html: c.body, text: c.body }),
		},
		origin: 'https://app.rapport.test/',
		mailDomain: 'rapport.test',
	};
}

async function issuedInvoice(options: { connected: boolean }) {
	const { business, user } = await signedIn();
	const actor = { businessId: business.id, userId: user.id };
	if (options.connected) {
		// Only the row's presence matters to the email: the worker holds no secret.
		await db
			.insertInto('paymentConnections')
			.values({
				businessId: business.id,
				provider: 'stripe',
				secretKeyEncrypted: 'v1.not.used.here',
				webhookSecretEncrypted: 'v1.not.used.here',
				secretKeyHint: 'sk_test_…4242',
				webhookId: `wh_${business.id}`,
			})
			.execute();
	}
	const customer = await createTestCustomer(db, business.id);
	const invoice = await createTestInvoice(deps, actor, customer.id);
	const { messageId } = await sendInvoice(deps, actor, invoice);
	return { actor, invoice, messageId };
}

describe('Pay now in the invoice email', () => {
	it('links to the public checkout when the business takes online payment', async () => {
		const { messageId } = await issuedInvoice({ connected: true });
		const seen: { payLink?: string | null; link: string }[] = [];
		await deliverEmail(capturingDeps(seen), { messageId, attempt: once });
		expect(seen).toHaveLength(1);
		expect(seen[0]?.link).toMatch(/^https:\/\/app\.rapport\.test\/i\/[\w-]+$/);
		expect(seen[0]?.payLink).toBe(`${seen[0]?.link}/pay`);
	});

	it('is left out when the business is not connected', async () => {
		const { messageId } = await issuedInvoice({ connected: false });
		const seen: { payLink?: string | null; link: string }[] = [];
		await deliverEmail(capturingDeps(seen), { messageId, attempt: once });
		expect(seen).toHaveLength(1);
		expect(seen[0]?.payLink ?? null).toBeNull();
	});

	it('is left out when nothing is due as the email leaves', async () => {
		const { actor, invoice, messageId } = await issuedInvoice({ connected: true });
		// Paid at the counter between the queueing and the delivery.
		await recordPayment(deps, actor, {
			invoiceId: invoice.id,
			amount: '50.00',
			paidOn: todayUtc(),
			method: 'cash',
		});
		const seen: { payLink?: string | null; link: string }[] = [];
		await deliverEmail(capturingDeps(seen), { messageId, attempt: once });
		expect(seen).toHaveLength(1);
		expect(seen[0]?.payLink ?? null).toBeNull();
	});
});

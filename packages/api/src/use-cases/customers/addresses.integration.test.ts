import { randomUUID } from 'node:crypto';
import { findCustomerByEmail, findCustomersByEmails, findCustomersByPhones } from '@rapport/db';
import { createTestBusiness, createTestCustomer } from '@rapport/db/testing';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldConflictError } from '../../domain/field-errors.ts';
import { useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { authenticateApiKey } from '../api-keys/authenticate.ts';
import { postAutomatedMessage } from '../automated-messages/post.ts';
import { storeFormSubmissionBatch } from '../forms/store.ts';
import { ingestInboundEmail } from '../inbound-email/ingest.ts';
import {
	addEmail,
	addPhone,
	createCustomer,
	makePrimaryEmail,
	removeEmail,
	removePhone,
	updateCustomer,
} from './index.ts';

const { db, jobs, mail, signedIn } = useHarness();
const unique = () => randomUUID().slice(0, 8);
const emailsOf = (list: { emails: { email: string; primary: boolean }[] }) =>
	list.emails.map((e) => `${e.primary ? '*' : ''}${e.email}`);

async function customerWithTwoEmails() {
	const actor = systemActor((await createTestBusiness(db)).id);
	const primary = `ada-${unique()}@home.test`;
	const other = `Ada.Work-${unique()}@Office.test`;
	const customer = await createCustomer({ db }, actor, {
		name: 'Ada',
		email: primary,
		phone: null,
	});
	await addEmail({ db }, actor, { customerId: customer.id, email: other });
	return { actor, customer, primary, other };
}

describe('several addresses per customer', () => {
	it('adds, lists (primary first), swaps the primary and removes emails', async () => {
		const { actor, customer, primary, other } = await customerWithTwoEmails();
		const third = `ada-${unique()}@third.test`;
		let list = await addEmail({ db }, actor, { customerId: customer.id, email: third });
		expect(emailsOf(list)).toEqual([`*${primary}`, other, third]);

		list = await makePrimaryEmail({ db }, actor, {
			customerId: customer.id,
			id: list.emails[1]!.id,
		});
		expect(emailsOf(list)).toEqual([`*${other}`, third, primary]);
		expect((await findCustomerByEmail(db, actor.businessId, primary))?.email).toBe(other);

		// Removing the primary hands it to the oldest other email.
		list = await removeEmail({ db }, actor, { customerId: customer.id, id: list.emails[0]!.id });
		expect(emailsOf(list)).toEqual([`*${third}`, primary]);
		list = await removeEmail({ db }, actor, { customerId: customer.id, id: list.emails[1]!.id });
		list = await removeEmail({ db }, actor, { customerId: customer.id, id: list.emails[0]!.id });
		expect(list.emails).toEqual([]);
		expect((await findCustomerByEmail(db, actor.businessId, third)) ?? null).toBeNull();
	});

	it('refuses another customer’s address, primary or other, naming and linking that customer', async () => {
		const { actor, customer, primary, other } = await customerWithTwoEmails();
		const bo = await createCustomer({ db }, actor, { name: 'Bo', email: null, phone: null });
		for (const email of [primary.toUpperCase(), other.toLowerCase()]) {
			const error = await addEmail({ db }, actor, { customerId: bo.id, email }).catch((e) => e);
			expect(error).toBeInstanceOf(FieldConflictError);
			expect(error.fieldErrors.email).toEqual(['This address belongs to Ada']);
			expect(error.conflict).toEqual({ customerId: customer.id, customerName: 'Ada' });
		}
		// The profile form and Add customer refuse it too, the same way.
		const onEdit = await updateCustomer({ db }, actor, {
			id: bo.id,
			name: 'Bo',
			email: other,
			phone: null,
		}).catch((e) => e);
		expect(onEdit).toBeInstanceOf(FieldConflictError);
		expect(onEdit.fieldErrors.email[0]).toMatch(/already exists\. This address belongs to Ada/);
		expect(onEdit.conflict.customerId).toBe(customer.id);
		const onCreate = await createCustomer({ db }, actor, {
			name: 'Cy',
			email: other.toUpperCase(),
			phone: null,
		}).catch((e) => e);
		expect(onCreate).toBeInstanceOf(FieldConflictError);
		expect(onCreate.conflict.customerId).toBe(customer.id);
		// Its own address again is a plain field error.
		const again = await addEmail({ db }, actor, { customerId: customer.id, email: other }).catch(
			(e) => e,
		);
		expect(again.fieldErrors.email).toEqual(['This customer already has this address']);
		expect(
			await db.selectFrom('customerEmails').select('id').where('customerId', '=', bo.id).execute(),
		).toEqual([]);
	});

	it('phones: shared across customers, once per customer, matched on digits; primary promoted', async () => {
		const actor = systemActor((await createTestBusiness(db)).id);
		const a = await createCustomer({ db }, actor, { name: 'A', email: null, phone: '+1 555 0100' });
		const b = await createTestCustomer(db, actor.businessId, { name: 'B' });
		let list = await addPhone({ db }, actor, { customerId: b.id, phone: '(1) 555-0100' });
		expect(list.phones).toMatchObject([{ phone: '(1) 555-0100', primary: true }]);
		list = await addPhone({ db }, actor, { customerId: a.id, phone: '+44 20 7946 0000' });
		const dup = await addPhone({ db }, actor, {
			customerId: a.id,
			phone: '44 (20) 79460000',
		}).catch((e) => e);
		expect(dup.fieldErrors.phone).toEqual(['This customer already has this number']);
		const found = await findCustomersByPhones(db, actor.businessId, ['15550100', '442079460000']);
		expect(found.get('15550100')?.map((c) => c.id)).toEqual([a.id, b.id]);
		expect(found.get('442079460000')?.map((c) => c.id)).toEqual([a.id]);
		list = await removePhone({ db }, actor, { customerId: a.id, id: list.phones[0]!.id });
		expect(list.phones).toMatchObject([{ phone: '+44 20 7946 0000', primary: true }]);
		const row = await db
			.selectFrom('customers')
			.select('phone')
			.where('id', '=', a.id)
			.executeTakeFirstOrThrow();
		expect(row.phone).toBe('+44 20 7946 0000');
	});

	it('clearing the primary email in the profile hands it to the other email', async () => {
		const { actor, customer, other } = await customerWithTwoEmails();
		const updated = await updateCustomer({ db }, actor, {
			id: customer.id,
			name: 'Ada',
			email: null,
			phone: null,
		});
		expect(updated.email).toBe(other);
	});

	it('never reads or changes another business’s customer addresses', async () => {
		const { customer, other } = await customerWithTwoEmails();
		const stranger = systemActor((await createTestBusiness(db)).id);
		const [emailRow] = await db
			.selectFrom('customerEmails')
			.select('id')
			.where('customerId', '=', customer.id)
			.execute();
		await expect(
			addEmail({ db }, stranger, { customerId: customer.id, email: `x-${unique()}@x.test` }),
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			removeEmail({ db }, stranger, { customerId: customer.id, id: emailRow!.id }),
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			makePrimaryEmail({ db }, stranger, { customerId: customer.id, id: emailRow!.id }),
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			addPhone({ db }, stranger, { customerId: customer.id, phone: '555 0100' }),
		).rejects.toBeInstanceOf(NotFoundError);
		// Another business may have the same address: it is unique per business only.
		const theirs = await createCustomer({ db }, stranger, {
			name: 'Same',
			email: other,
			phone: null,
		});
		expect(
			(await findCustomersByEmails(db, stranger.businessId, [other])).get(other.toLowerCase())?.id,
		).toBe(theirs.id);
		expect(
			await db
				.selectFrom('customerEmails')
				.select('id')
				.where('customerId', '=', customer.id)
				.execute(),
		).toHaveLength(2);
	});

	it('through tRPC: a conflict is a 409 with the owner in the error data; another business is not found', async () => {
		const owner = await signedIn();
		const ada = await owner.caller.customers.create({
			name: 'Ada',
			email: `ada-${unique()}@example.test`,
		});
		const bo = await owner.caller.customers.create({
			name: 'Bo',
			email: `bo-${unique()}@example.test`,
		});
		const error = await owner.caller.customerAddresses
			.addEmail({ customerId: bo.id, email: ada.email! })
			.catch((e) => e);
		expect(error).toBeInstanceOf(TRPCError);
		expect(error.code).toBe('CONFLICT');
		const stranger = await signedIn();
		const hidden = await stranger.caller.customerAddresses
			.list({ customerId: ada.id })
			.catch((e) => e);
		expect(hidden.code).toBe('NOT_FOUND');
	});
});

describe('matching uses every email of a customer', () => {
	const submission = (businessId: string, email: string, i = 0) => ({
		businessId,
		submissionId: randomUUID(),
		acceptedAt: new Date(Date.now() + i).toISOString(),
		name: 'Someone else',
		email,
		phone: i === 1 ? '+1 555 0199' : null,
		startedAt: null,
		message: `Hello ${i}`,
		fields: [{ name: 'email', value: email }],
	});

	it('form submissions from an other email (any case) land on that customer, in one batch with its primary', async () => {
		const { actor, customer, primary, other } = await customerWithTwoEmails();
		const newcomer = `new-${unique()}@example.test`;
		const results = await storeFormSubmissionBatch({ db }, [
			submission(actor.businessId, other.toUpperCase(), 0),
			submission(actor.businessId, primary, 1),
			submission(actor.businessId, ` ${other.toLowerCase()} `, 2),
			submission(actor.businessId, newcomer, 3),
		]);
		expect(results.slice(0, 3)).toEqual([customer.id, customer.id, customer.id]);
		expect(results[3]).not.toBe(customer.id);
		const row = await db
			.selectFrom('customers')
			.select(['name', 'phone'])
			.where('id', '=', customer.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ name: 'Ada', phone: '+1 555 0199' });
		// The phone it filled in is listed too, and the newcomer's email is theirs now.
		expect(
			(await findCustomersByPhones(db, actor.businessId, ['15550199'])).get('15550199')?.[0]?.id,
		).toBe(customer.id);
		expect((await findCustomerByEmail(db, actor.businessId, newcomer))?.id).toBe(results[3]);
	});

	it('inbound email from an other address threads to that customer', async () => {
		const business = await createTestBusiness(db);
		const actor = systemActor(business.id);
		const customer = await createCustomer({ db }, actor, {
			name: 'Ada',
			email: `ada-${unique()}@home.test`,
			phone: null,
		});
		const other = `ada-${unique()}@work.test`;
		await addEmail({ db }, actor, { customerId: customer.id, email: other });
		const raw = Buffer.from(
			`Message-ID: <${randomUUID()}@work.test>\r\nFrom: Ada <${other.toUpperCase()}>\r\nTo: ${business.inboundLocalPart}@${mail.inboundDomain}\r\nSubject: Hi\r\nContent-Type: text/plain\r\n\r\nFrom my work address\r\n`,
		);
		const result = await ingestInboundEmail(
			{ db, inboundDomain: mail.inboundDomain },
			{ sourceId: `email-${randomUUID()}`, raw, receivedAt: new Date() },
		);
		expect(result).toMatchObject({ duplicate: false });
		const rows = await db
			.selectFrom('messages')
			.select(['customerId', 'body'])
			.where('businessId', '=', business.id)
			.execute();
		expect(rows).toEqual([{ customerId: customer.id, body: 'From my work address' }]);
	});

	it('an automated message to an other email reuses the customer', async () => {
		const owner = await signedIn();
		const actor = systemActor(owner.business.id);
		const customer = await createCustomer({ db }, actor, {
			name: 'Ada',
			email: `ada-${unique()}@home.test`,
			phone: null,
		});
		const other = `ada-${unique()}@work.test`;
		await addEmail({ db }, actor, { customerId: customer.id, email: other });
		const { key } = await owner.caller.apiKeys.create({ name: 'Calendly' });
		const apiKey = await authenticateApiKey({ db }, key);
		const { id } = await postAutomatedMessage({ db, jobs, mail }, apiKey, {
			to: other.toUpperCase(),
			subject: 'Booking',
			text: 'See you',
		});
		const row = await db
			.selectFrom('messages')
			.select('customerId')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.customerId).toBe(customer.id);
		const count = await db
			.selectFrom('customers')
			.select('id')
			.where('businessId', '=', owner.business.id)
			.execute();
		expect(count).toHaveLength(1);
	});
});

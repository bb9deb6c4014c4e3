import {
	CUSTOMER_EMAIL_UNIQUE,
	CUSTOMER_EMAILS_UNIQUE,
	CUSTOMER_PHONES_UNIQUE,
	type Database,
	deleteCustomerEmail,
	deleteCustomerPhone,
	type Executor,
	findCustomerEmail,
	findCustomerPhone,
	findCustomersByEmails,
	insertCustomerEmail,
	insertCustomerPhone,
	isUniqueViolation,
	listCustomerAddresses,
	lockCustomerPrimaries,
	oldestOtherEmail,
	oldestOtherPhone,
	setCustomerPrimaries,
} from '@rapport/db';
import { DUPLICATE_CUSTOMER_EMAIL } from '../../domain/customer.ts';
import {
	EMAIL_ALREADY_LISTED,
	emailBelongsTo,
	PHONE_ALREADY_LISTED,
	phoneDigits,
} from '../../domain/customer-address.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldConflictError } from '../../domain/field-errors.ts';
import type { Actor } from '../actor.ts';

// A customer has one primary email and phone (customers.email / .phone, what invoices and
// replies use) and any number of others. The primary's row in customer_emails/phones follows
// customers by trigger, so these use cases only ever set the primary on customers or add and
// delete the other rows. Removing the primary hands it to the oldest other address, so a
// customer with addresses always has a primary.

type Deps = { db: Database };

async function lockCustomer(trx: Executor, actor: Actor, customerId: string) {
	const customer = await lockCustomerPrimaries(trx, actor.businessId, customerId);
	if (!customer) throw new NotFoundError('Customer');
	return customer;
}

const isPrimaryEmail = (customer: { email: string | null }, row: { email: string }) =>
	customer.email?.toLowerCase() === row.email.toLowerCase();

const isPrimaryPhone = (customer: { phone: string | null }, row: { phoneDigits: string }) =>
	customer.phone !== null && phoneDigits(customer.phone) === row.phoneDigits;

/**
 * What a unique violation on an email means, said on the Email field: whose address it is
 * (with their id, so the UI links to them). Looked up after the failed statement, outside its
 * transaction. Anything else is passed through.
 */
export async function emailConflictOr(
	deps: Deps,
	actor: Actor,
	customerId: string | null,
	email: string,
	error: unknown,
	message: (ownerName: string) => string = emailBelongsTo,
): Promise<unknown> {
	if (
		!isUniqueViolation(error, CUSTOMER_EMAILS_UNIQUE) &&
		!isUniqueViolation(error, CUSTOMER_EMAIL_UNIQUE)
	)
		return error;
	const owner = (await findCustomersByEmails(deps.db, actor.businessId, [email])).get(
		email.trim().toLowerCase(),
	);
	if (owner && owner.id === customerId)
		return new FieldConflictError({ email: [EMAIL_ALREADY_LISTED] });
	if (!owner) return new FieldConflictError({ email: [DUPLICATE_CUSTOMER_EMAIL] });
	return new FieldConflictError({ email: [message(owner.name)] }, undefined, {
		customerId: owner.id,
		customerName: owner.name,
	});
}

export async function listAddresses(deps: Deps, actor: Actor, customerId: string) {
	const customer = await lockCustomerPrimaries(deps.db, actor.businessId, customerId);
	if (!customer) throw new NotFoundError('Customer');
	return listCustomerAddresses(deps.db, actor.businessId, customerId);
}

/** Adds an email; a customer without one gets it as the primary. Another customer's: 409. */
export async function addEmail(
	deps: Deps,
	actor: Actor,
	input: { customerId: string; email: string },
) {
	try {
		await deps.db.transaction().execute(async (trx) => {
			const customer = await lockCustomer(trx, actor, input.customerId);
			if (customer.email === null)
				await setCustomerPrimaries(trx, actor.businessId, customer.id, { email: input.email });
			else await insertCustomerEmail(trx, actor.businessId, customer.id, input.email);
		});
	} catch (error) {
		throw await emailConflictOr(deps, actor, input.customerId, input.email, error);
	}
	return listCustomerAddresses(deps.db, actor.businessId, input.customerId);
}

/** Removes an email; the primary's place goes to the oldest other email (or stays empty). */
export async function removeEmail(
	deps: Deps,
	actor: Actor,
	input: { customerId: string; id: string },
) {
	await deps.db.transaction().execute(async (trx) => {
		const customer = await lockCustomer(trx, actor, input.customerId);
		const row = await findCustomerEmail(trx, actor.businessId, customer.id, input.id);
		if (!row) throw new NotFoundError('Email');
		if (isPrimaryEmail(customer, row)) {
			const next = await oldestOtherEmail(trx, actor.businessId, customer.id, row.id);
			await setCustomerPrimaries(trx, actor.businessId, customer.id, {
				email: next?.email ?? null,
			});
		} else await deleteCustomerEmail(trx, actor.businessId, customer.id, row.id);
	});
	return listCustomerAddresses(deps.db, actor.businessId, input.customerId);
}

/** The chosen email becomes the primary; the old primary stays as another email. */
export async function makePrimaryEmail(
	deps: Deps,
	actor: Actor,
	input: { customerId: string; id: string },
) {
	await deps.db.transaction().execute(async (trx) => {
		const customer = await lockCustomer(trx, actor, input.customerId);
		const row = await findCustomerEmail(trx, actor.businessId, customer.id, input.id);
		if (!row) throw new NotFoundError('Email');
		if (isPrimaryEmail(customer, row)) return;
		// The trigger drops the old primary's row; it comes back as another email.
		await setCustomerPrimaries(trx, actor.businessId, customer.id, { email: row.email });
		if (customer.email)
			await insertCustomerEmail(trx, actor.businessId, customer.id, customer.email);
	});
	return listCustomerAddresses(deps.db, actor.businessId, input.customerId);
}

/** Adds a phone (others may share it: a family); the same number twice on one customer: 409. */
export async function addPhone(
	deps: Deps,
	actor: Actor,
	input: { customerId: string; phone: string },
) {
	try {
		await deps.db.transaction().execute(async (trx) => {
			const customer = await lockCustomer(trx, actor, input.customerId);
			if (customer.phone === null)
				await setCustomerPrimaries(trx, actor.businessId, customer.id, { phone: input.phone });
			else await insertCustomerPhone(trx, actor.businessId, customer.id, input.phone);
		});
	} catch (error) {
		if (isUniqueViolation(error, CUSTOMER_PHONES_UNIQUE))
			throw new FieldConflictError({ phone: [PHONE_ALREADY_LISTED] });
		throw error;
	}
	return listCustomerAddresses(deps.db, actor.businessId, input.customerId);
}

export async function removePhone(
	deps: Deps,
	actor: Actor,
	input: { customerId: string; id: string },
) {
	await deps.db.transaction().execute(async (trx) => {
		const customer = await lockCustomer(trx, actor, input.customerId);
		const row = await findCustomerPhone(trx, actor.businessId, customer.id, input.id);
		if (!row) throw new NotFoundError('Phone');
		if (isPrimaryPhone(customer, row)) {
			const next = await oldestOtherPhone(trx, actor.businessId, customer.id, row.id);
			await setCustomerPrimaries(trx, actor.businessId, customer.id, {
				phone: next?.phone ?? null,
			});
		} else await deleteCustomerPhone(trx, actor.businessId, customer.id, row.id);
	});
	return listCustomerAddresses(deps.db, actor.businessId, input.customerId);
}

export async function makePrimaryPhone(
	deps: Deps,
	actor: Actor,
	input: { customerId: string; id: string },
) {
	await deps.db.transaction().execute(async (trx) => {
		const customer = await lockCustomer(trx, actor, input.customerId);
		const row = await findCustomerPhone(trx, actor.businessId, customer.id, input.id);
		if (!row) throw new NotFoundError('Phone');
		if (isPrimaryPhone(customer, row)) return;
		await setCustomerPrimaries(trx, actor.businessId, customer.id, { phone: row.phone });
		if (customer.phone)
			await insertCustomerPhone(trx, actor.businessId, customer.id, customer.phone);
	});
	return listCustomerAddresses(deps.db, actor.businessId, input.customerId);
}

/**
 * After the profile form cleared the primary email or phone: the oldest other one takes its
 * place, as when it is removed from the list.
 */
export async function promoteClearedPrimaries(
	trx: Executor,
	businessId: string,
	customer: { id: string; email: string | null; phone: string | null },
) {
	const values: { email?: string; phone?: string } = {};
	if (customer.email === null) {
		const next = await oldestOtherEmail(trx, businessId, customer.id, null);
		if (next) values.email = next.email;
	}
	if (customer.phone === null) {
		const next = await oldestOtherPhone(trx, businessId, customer.id, null);
		if (next) values.phone = next.phone;
	}
	if (values.email !== undefined || values.phone !== undefined)
		await setCustomerPrimaries(trx, businessId, customer.id, values);
}

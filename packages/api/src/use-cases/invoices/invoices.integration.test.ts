import { createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenByPlanError, NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { PLAN_REQUIRED_MESSAGE } from '../../domain/plan.ts';
import { createTestInvoice, sendTestInvoice, useHarness } from '../../testing/harness.ts';
import { type Actor, systemActor } from '../actor.ts';
import { deleteDraftInvoice } from './delete.ts';
import { markInvoicePaid } from './mark-paid.ts';
import { openPublicInvoice } from './open-public.ts';
import { renderInvoicePdf } from './pdf.ts';
import { sendInvoice } from './send.ts';
import { transitionInvoiceStatus } from './transition.ts';
import { viewInvoice } from './view.ts';
import { voidInvoice } from './void.ts';

const { db, jobs, mail, signedIn } = useHarness();
const deps = { db, jobs, mail };

async function businessWithCustomer(overrides: Parameters<typeof signedIn>[0] = {}) {
	const { business } = await signedIn(overrides);
	const actor: Actor = systemActor(business.id);
	const customer = await createTestCustomer(db, business.id);
	return { actor, customer };
}

const statusOf = (id: string) =>
	db
		.selectFrom('invoices')
		.select(['status', 'issuedAt', 'sentAt', 'paidOn', 'publicToken', 'viewedAt'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();

describe('invoice use cases', () => {
	it('refuse every write on the Starter plan, whoever calls (the worker and seed included)', async () => {
		const { actor, customer } = await businessWithCustomer({ plan: 'starter' });
		const refused = new ForbiddenByPlanError(PLAN_REQUIRED_MESSAGE);
		await expect(createTestInvoice(deps, actor, customer.id)).rejects.toEqual(refused);
		const id = customer.id;
		await expect(sendInvoice(deps, actor, { id })).rejects.toEqual(refused);
		await expect(markInvoicePaid(deps, actor, { id, paidOn: '2026-01-01' })).rejects.toEqual(
			refused,
		);
		await expect(voidInvoice(deps, actor, { id })).rejects.toEqual(refused);
		await expect(deleteDraftInvoice(deps, actor, { id })).rejects.toEqual(refused);
	});

	it("never reads or changes another business's invoice", async () => {
		const owner = await businessWithCustomer();
		const intruder = await businessWithCustomer();
		const { id } = await createTestInvoice(deps, owner.actor, owner.customer.id);
		const other = intruder.actor;
		await expect(viewInvoice(deps, other, { id })).rejects.toBeInstanceOf(NotFoundError);
		await expect(renderInvoicePdf(deps, other, { id })).rejects.toBeInstanceOf(NotFoundError);
		await expect(sendInvoice(deps, other, { id })).rejects.toBeInstanceOf(NotFoundError);
		await expect(markInvoicePaid(deps, other, { id, paidOn: '2026-12-01' })).rejects.toBeInstanceOf(
			NotFoundError,
		);
		await expect(voidInvoice(deps, other, { id })).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteDraftInvoice(deps, other, { id })).rejects.toBeInstanceOf(NotFoundError);
		expect(await transitionInvoiceStatus(deps, other, { id, move: { action: 'void' } })).toBe(
			false,
		);
		await expect(createTestInvoice(deps, other, owner.customer.id)).rejects.toBeInstanceOf(
			NotFoundError,
		);
		expect((await statusOf(id)).status).toBe('draft');
	});

	it('moves status only along the state machine; an invoice is issued once', async () => {
		const { actor, customer } = await businessWithCustomer();
		const { id } = await createTestInvoice(deps, actor, customer.id, { issueDate: '2026-01-01' });
		expect(await transitionInvoiceStatus(deps, actor, { id, move: { action: 'void' } })).toBe(
			false,
		);
		await expect(voidInvoice(deps, actor, { id })).rejects.toEqual(
			new ConflictError('A draft has not been sent; delete it instead.'),
		);
		await sendTestInvoice(deps, actor, id);
		const sent = await statusOf(id);
		expect(sent).toMatchObject({ status: 'sent', publicToken: expect.any(String) });
		expect(sent.issuedAt).toEqual(sent.sentAt);

		await expect(markInvoicePaid(deps, actor, { id, paidOn: '2025-12-31' })).rejects.toBeInstanceOf(
			FieldValidationError,
		);
		await markInvoicePaid(deps, actor, { id, paidOn: '2026-01-05' });
		const paid = await statusOf(id);
		expect(paid).toMatchObject({ status: 'paid', paidOn: '2026-01-05' });
		expect(paid.issuedAt).toEqual(sent.issuedAt);
		await expect(sendInvoice(deps, actor, { id })).rejects.toEqual(
			new ConflictError('This invoice is already paid.'),
		);
	});

	it('a send needs a customer email; a second send is the same email', async () => {
		const { actor } = await businessWithCustomer();
		const business = actor.businessId;
		const noEmail = await createTestCustomer(db, business, { email: null });
		const draft = await createTestInvoice(deps, actor, noEmail.id);
		await expect(sendInvoice(deps, actor, draft)).rejects.toBeInstanceOf(FieldValidationError);
		expect((await statusOf(draft.id)).publicToken).toBeNull();

		const withEmail = await createTestCustomer(db, business);
		const other = await createTestInvoice(deps, actor, withEmail.id);
		const first = await sendInvoice(deps, actor, other);
		expect(await sendInvoice(deps, actor, other)).toEqual({ ...first, alreadyQueued: true });
		// Frozen while its email is on the way.
		await expect(deleteDraftInvoice(deps, actor, other)).rejects.toBeInstanceOf(ConflictError);
	});

	it('the public link records the first view by the customer only, and dies with a void', async () => {
		const { actor, customer } = await businessWithCustomer();
		const { id } = await createTestInvoice(deps, actor, customer.id);
		await sendTestInvoice(deps, actor, id);
		const token = (await statusOf(id)).publicToken!;

		expect(await openPublicInvoice(deps, { token, recordView: false })).toBeDefined();
		expect((await statusOf(id)).viewedAt).toBeNull();
		const document = await openPublicInvoice(deps, { token, recordView: true });
		expect(document?.customer.name).toBe(customer.name);
		const viewedAt = (await statusOf(id)).viewedAt;
		expect(viewedAt).not.toBeNull();
		await openPublicInvoice(deps, { token, recordView: true });
		expect((await statusOf(id)).viewedAt).toEqual(viewedAt);

		await voidInvoice(deps, actor, { id });
		expect(await openPublicInvoice(deps, { token, recordView: true })).toBeUndefined();
		expect(await openPublicInvoice(deps, { token: 'x'.repeat(32), recordView: true })).toBe(
			undefined,
		);
	});
});

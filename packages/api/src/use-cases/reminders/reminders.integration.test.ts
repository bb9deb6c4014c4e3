import { createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { createTestInvoice, sendTestInvoice, useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { recordPayment } from '../payments/record.ts';
import { setRemindersPaused } from './pause.ts';
import { sendReminderNow } from './send-now.ts';
import { reminderStatus } from './status.ts';
import { sweepReminders } from './sweep.ts';

const { db, jobs, mail, signedIn } = useHarness();
const deps = { db, jobs, mail };
const DAY = 86_400_000;
const isoDay = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** A sent invoice due `daysPastDue` days ago, emailed and issued three weeks ago, in a business that turned reminders on a month ago. */
async function overdueInvoice(daysPastDue: number) {
	const { business } = await signedIn();
	const actor = systemActor(business.id);
	const longAgo = new Date(Date.now() - 30 * DAY);
	await db
		.updateTable('businesses')
		.set({ remindersEnabledAt: longAgo })
		.where('id', '=', business.id)
		.execute();
	const customer = await createTestCustomer(db, business.id);
	const { id } = await createTestInvoice(deps, actor, customer.id, {
		issueDate: isoDay(-25),
		dueDate: isoDay(-daysPastDue),
	});
	await sendTestInvoice(deps, actor, id);
	const emailedAt = new Date(Date.now() - 21 * DAY);
	await db.updateTable('invoices').set({ issuedAt: emailedAt }).where('id', '=', id).execute();
	await db
		.updateTable('messages')
		.set({ createdAt: emailedAt })
		.where('invoiceId', '=', id)
		.where('kind', '=', 'invoice')
		.execute();
	return { actor, business, customer, invoiceId: id };
}

const remindersOf = (invoiceId: string) =>
	db
		.selectFrom('messages')
		.select(['reminderOffset', 'subject', 'deliveryState'])
		.where('invoiceId', '=', invoiceId)
		.where('kind', '=', 'reminder')
		.orderBy('createdAt')
		.execute();

describe('payment reminders', () => {
	it('an invoice 8 days past due gets exactly the +7 reminder, once', async () => {
		const { invoiceId } = await overdueInvoice(8);
		await sweepReminders(deps);
		await sweepReminders(deps);
		const sent = await remindersOf(invoiceId);
		expect(sent).toEqual([
			{ reminderOffset: 7, subject: expect.stringContaining('Overdue'), deliveryState: 'queued' },
		]);
	});

	it('two sweeps at once send one reminder', async () => {
		const { invoiceId } = await overdueInvoice(8);
		await Promise.all([sweepReminders(deps), sweepReminders(deps), sweepReminders(deps)]);
		expect(await remindersOf(invoiceId)).toHaveLength(1);
	});

	it('stops once the invoice is paid, and while paused', async () => {
		const paid = await overdueInvoice(8);
		await recordPayment(deps, paid.actor, {
			invoiceId: paid.invoiceId,
			amount: '50.00',
			paidOn: isoDay(0),
			method: 'cash',
		});
		const paused = await overdueInvoice(8);
		await setRemindersPaused(deps, paused.actor, { invoiceId: paused.invoiceId, paused: true });
		await sweepReminders(deps);
		expect(await remindersOf(paid.invoiceId)).toEqual([]);
		expect(await remindersOf(paused.invoiceId)).toEqual([]);
		expect(await reminderStatus(deps, paused.actor, { invoiceId: paused.invoiceId })).toEqual({
			state: 'none',
			reason: 'paused',
		});
	});

	it('a manual nudge counts as the due step, so the sweep does not send it again', async () => {
		const { actor, invoiceId } = await overdueInvoice(8);
		expect(await sendReminderNow(deps, actor, { invoiceId })).toMatchObject({ step: 7 });
		await sweepReminders(deps);
		expect((await remindersOf(invoiceId)).map((r) => r.reminderOffset)).toEqual([7]);
		// Nudged again: it takes the next step (+14), which the schedule then never repeats.
		expect(await sendReminderNow(deps, actor, { invoiceId })).toMatchObject({ step: 14 });
		await sweepReminders(deps, new Date(Date.now() + 10 * DAY));
		expect((await remindersOf(invoiceId)).map((r) => r.reminderOffset)).toEqual([7, 14]);
		// Every step used: a nudge still goes out, claiming none.
		expect(await sendReminderNow(deps, actor, { invoiceId })).toMatchObject({ step: null });
	});

	it('never reminds for an invoice issued already overdue until the next step', async () => {
		const { business } = await signedIn();
		await db
			.updateTable('businesses')
			.set({ remindersEnabledAt: new Date(Date.now() - 30 * DAY) })
			.where('id', '=', business.id)
			.execute();
		const customer = await createTestCustomer(db, business.id);
		const { id } = await createTestInvoice(deps, systemActor(business.id), customer.id, {
			issueDate: isoDay(-20),
			dueDate: isoDay(-8),
		});
		await sendTestInvoice(deps, systemActor(business.id), id);
		await sweepReminders(deps);
		expect(await remindersOf(id)).toEqual([]);
		const status = await reminderStatus(deps, systemActor(business.id), { invoiceId: id });
		expect(status).toMatchObject({ state: 'scheduled', offsetDays: 14 });
	});

	it("never reminds or nudges another business's invoice", async () => {
		const owner = await overdueInvoice(8);
		const intruder = await signedIn();
		const other = systemActor(intruder.business.id);
		await expect(
			sendReminderNow(deps, other, { invoiceId: owner.invoiceId }),
		).rejects.toMatchObject({
			name: 'NotFoundError',
		});
		await expect(
			setRemindersPaused(deps, other, { invoiceId: owner.invoiceId, paused: true }),
		).rejects.toMatchObject({ name: 'NotFoundError' });
		await expect(reminderStatus(deps, other, { invoiceId: owner.invoiceId })).rejects.toMatchObject(
			{ name: 'NotFoundError' },
		);
		expect(await remindersOf(owner.invoiceId)).toEqual([]);
	});

	it('does nothing for businesses with reminders off or on Starter', async () => {
		const off = await overdueInvoice(8);
		await db
			.updateTable('businesses')
			.set({ remindersEnabled: false })
			.where('id', '=', off.business.id)
			.execute();
		const starter = await overdueInvoice(8);
		await db
			.updateTable('businesses')
			.set({ plan: 'starter', trialEndsAt: null })
			.where('id', '=', starter.business.id)
			.execute();
		await sweepReminders(deps);
		expect(await remindersOf(off.invoiceId)).toEqual([]);
		expect(await remindersOf(starter.invoiceId)).toEqual([]);
	});
});

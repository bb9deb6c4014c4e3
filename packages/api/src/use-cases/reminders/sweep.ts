import { findReminderCandidates } from '@rapport/db';
import { todayUtc } from '../../domain/invoice-status.ts';
import { dueReminderStep } from '../../domain/reminder-schedule.ts';
import { systemActor } from '../actor.ts';
import { reminderFactsOf } from './facts.ts';
import { queueReminder, type ReminderDeps } from './queue.ts';

const PAGE = 500;

/**
 * The scheduler's sweep: every unpaid invoice whose latest due step has not gone out gets that
 * one step (never a burst of missed ones). Safe to run from several workers at once and after
 * any crash: each (invoice, step) is claimed by a unique outbox row. The schedule is read fresh
 * each time, so a changed time zone, hour or step applies from the next sweep.
 */
export async function sweepReminders(deps: ReminderDeps, now = new Date()) {
	let queued = 0;
	let afterId: string | undefined;
	for (;;) {
		const page = await findReminderCandidates(deps.db, {
			today: todayUtc(now),
			afterId,
			limit: PAGE,
			now,
		});
		for (const row of page) {
			const step = dueReminderStep(reminderFactsOf(row), now);
			if (!step) continue;
			const result = await queueReminder(deps, systemActor(row.businessId), {
				invoiceId: row.id,
				step,
				wordsOf: step,
				scheduled: true,
			});
			if (result.queued) queued++;
		}
		if (page.length < PAGE) return { queued };
		afterId = page.at(-1)!.id;
	}
}

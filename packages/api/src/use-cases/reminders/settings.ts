import { type Database, findReminderSettings, updateReminderSettings } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { type ReminderStep, reminderStepErrors } from '../../domain/reminder-schedule.ts';
import type { Actor } from '../actor.ts';

export async function viewReminderSettings(deps: { db: Database }, actor: Actor) {
	const settings = await findReminderSettings(deps.db, actor.businessId);
	if (!settings) throw new NotFoundError('Business');
	return settings;
}

/**
 * Settings → Reminders. Steps are kept in day order; a duplicated day or one outside the range
 * is a field error. Turning reminders on never sends the steps that already passed.
 */
export async function changeReminderSettings(
	deps: { db: Database },
	actor: Actor,
	input: { enabled: boolean; hour: number; steps: ReminderStep[] },
) {
	const errors = reminderStepErrors(input.steps);
	if (Object.keys(errors).length) throw new FieldValidationError(errors);
	const steps = [...input.steps]
		.sort((a, b) => a.offsetDays - b.offsetDays)
		.map((step) => ({
			offsetDays: step.offsetDays,
			subject: step.subject?.trim() || null,
			message: step.message?.trim() || null,
		}));
	await updateReminderSettings(deps.db, actor.businessId, { ...input, steps });
	return viewReminderSettings(deps, actor);
}

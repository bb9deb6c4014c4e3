export { setRemindersPaused } from './pause.ts';
export { type QueuedReminder, queueReminder } from './queue.ts';
export { sendReminderNow } from './send-now.ts';
export { changeReminderSettings, viewReminderSettings } from './settings.ts';
export { type ReminderStatus, reminderStatus } from './status.ts';
export { sweepReminders } from './sweep.ts';

import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { apiKeysRouter } from './routers/api-keys.ts';
import { customerAddressesRouter } from './routers/customer-addresses.ts';
import { customerImportsRouter } from './routers/customer-imports.ts';
import { customersRouter } from './routers/customers.ts';
import { deliveriesRouter } from './routers/deliveries.ts';
import { failedJobsRouter } from './routers/failed-jobs.ts';
import { formsRouter } from './routers/forms.ts';
import { inboundEmailRouter } from './routers/inbound-email.ts';
import { invoicesRouter } from './routers/invoices.ts';
import { messagesRouter } from './routers/messages.ts';
import { notesRouter } from './routers/notes.ts';
import { paymentSettingsRouter } from './routers/payment-settings.ts';
import { paymentsRouter } from './routers/payments.ts';
import { remindersRouter } from './routers/reminders.ts';
import { settingsRouter } from './routers/settings.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
	apiKeys: apiKeysRouter,
	customerAddresses: customerAddressesRouter,
	customerImports: customerImportsRouter,
	customers: customersRouter,
	deliveries: deliveriesRouter,
	failedJobs: failedJobsRouter,
	forms: formsRouter,
	inboundEmail: inboundEmailRouter,
	invoices: invoicesRouter,
	messages: messagesRouter,
	notes: notesRouter,
	paymentSettings: paymentSettingsRouter,
	payments: paymentsRouter,
	reminders: remindersRouter,
	settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);

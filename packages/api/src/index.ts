export {
	type Context,
	type ContextEvents,
	createContext,
	type ErrorLog,
	type MailConfig,
	type PaymentsConfig,
	type SessionIdentity,
} from './context.ts';
export { invoiceInput } from './domain/invoice.ts';
export {
	type AppRouter,
	appRouter,
	createCaller,
	type RouterInputs,
	type RouterOutputs,
} from './root.ts';
export {
	newErrorRef,
	reportUnexpected,
	UnexpectedError,
	unexpectedErrorMessage,
} from './unexpected-error.ts';

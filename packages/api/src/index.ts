export { type Context, createContext, type MailConfig, type SessionIdentity } from './context.ts';
export {
	type AppRouter,
	appRouter,
	createCaller,
	type RouterInputs,
	type RouterOutputs,
} from './root.ts';
export { loadInvoiceDocument, renderInvoicePdfById } from './services/invoice-document.ts';

import { type Context, createContext } from '@rapport/api';
import { apiDeps } from './runtime.ts';

const contexts = new WeakMap<App.Locals, Context>();

/**
 * The API context of one request, built once from its locals: the same for the tRPC endpoint
 * and for the server caller (`locals.trpc`) that loads and actions use.
 */
export function contextFor(locals: App.Locals): Context {
	let context = contexts.get(locals);
	if (!context) {
		context = createContext({ ...apiDeps(), session: locals.session });
		contexts.set(locals, context);
	}
	return context;
}

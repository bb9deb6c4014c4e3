import { type Database, type Executor, lockInvoice, setInvoicePublicToken } from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { assertAllowed } from './guards.ts';
import { requireInvoicePlan } from './plan.ts';
import { newPublicToken } from './public-token.ts';
import { transitionInvoiceStatus } from './transition.ts';

type LockedInvoice = NonNullable<Awaited<ReturnType<typeof lockInvoice>>>;

/** Gives the invoice its public link unless it has one (sending again keeps the old link). */
export async function ensurePublicToken(trx: Executor, actor: Actor, invoice: LockedInvoice) {
	if (!invoice.publicToken) {
		await setInvoicePublicToken(trx, actor.businessId, invoice.id, newPublicToken());
	}
}

/**
 * Issues a draft locked by `trx`: status Sent through the one writer (which freezes the
 * snapshot), number final, issued-at recorded, public link created.
 */
export async function issueLockedInvoice(
	trx: Executor,
	actor: Actor,
	invoice: LockedInvoice,
	action: 'send' | 'issue',
) {
	assertAllowed(action, invoice);
	const moved = await transitionInvoiceStatus({ db: trx }, actor, {
		id: invoice.id,
		move: { action },
	});
	// Unreachable under the row lock; kept so a lost race can never half-issue.
	if (!moved) throw new ConflictError('This invoice changed meanwhile; reload and try again.');
	await ensurePublicToken(trx, actor, invoice);
}

/**
 * Issue without sending (a customer without an email, an invoice handed over in person): the
 * invoice is issued and gets its public link; no email is queued.
 */
export async function issueInvoice(deps: { db: Database }, actor: Actor, input: { id: string }) {
	await requireInvoicePlan(deps.db, actor);
	return deps.db.transaction().execute(async (trx) => {
		const invoice = await lockInvoice(trx, actor.businessId, input.id);
		if (!invoice) throw new NotFoundError('Invoice');
		await issueLockedInvoice(trx, actor, invoice, 'issue');
		return { id: invoice.id };
	});
}

import { describe, expect, it } from 'vitest';
import { todayUtc } from '../domain/invoice-status.ts';
import { useHarness } from '../testing/harness.ts';

const { signedIn, db } = useHarness();

const today = todayUtc();
const line = (unitPrice: string) => [
	{ description: 'Bouquet', quantity: '1', unitPrice, taxRate: '0' },
];

type Session = Awaited<ReturnType<typeof signedIn>>;

async function invoice(
	{ caller }: Session,
	customerId: string,
	opts: {
		number?: string;
		unitPrice?: string;
		past?: boolean;
		issue?: boolean;
		paid?: string;
		void?: boolean;
		markPaid?: boolean;
	} = {},
) {
	// Past-due invoices were issued and fell due long ago: overdue on any time zone's today.
	const dates = opts.past
		? { issueDate: '2020-01-01', dueDate: '2020-01-31' }
		: { issueDate: today, dueDate: '2999-12-31' };
	const created = await caller.invoices.create({
		customerId,
		...dates,
		...(opts.number ? { number: opts.number } : {}),
		items: line(opts.unitPrice ?? '100.00'),
	});
	if (opts.markPaid) await caller.invoices.markPaid({ id: created.id, paidOn: today });
	else if (opts.issue || opts.paid || opts.void) await caller.invoices.issue({ id: created.id });
	if (opts.paid) {
		await caller.payments.record({
			invoiceId: created.id,
			amount: opts.paid,
			paidOn: today,
			method: 'cash',
		});
	}
	if (opts.void) await caller.invoices.void({ id: created.id });
	return created;
}

/** One invoice of every kind, for two customers, created in this order (oldest first). */
async function businessWithInvoices() {
	const session = await signedIn({ timeZone: 'UTC' });
	const ada = await session.caller.customers.create({
		name: 'Ada Florist',
		email: 'ada@example.test',
	});
	const bea = await session.caller.customers.create({
		name: 'Bea Bakery',
		email: 'bea@example.test',
	});
	const draft = await invoice(session, ada.id, { number: 'INV-0001' });
	const sent = await invoice(session, ada.id, { number: 'INV-0002', issue: true });
	const overdue = await invoice(session, bea.id, { number: 'INV-0003', past: true, issue: true });
	const partial = await invoice(session, bea.id, { number: 'INV-0004', paid: '30.00' });
	const partialOverdue = await invoice(session, ada.id, {
		number: 'X_2025-0005',
		past: true,
		paid: '25.00',
	});
	const paid = await invoice(session, bea.id, { number: 'INV-0006', markPaid: true });
	const voided = await invoice(session, ada.id, { number: 'INV-0007', issue: true, void: true });
	const ids = { draft, sent, overdue, partial, partialOverdue, paid, voided };
	await stamp(Object.values(ids).map((i) => i.id));
	return { ...session, ada, bea, ids };
}

/** Gives the invoices one second apart in this order, so newest first never rests on a tie. */
async function stamp(ids: string[]) {
	for (const [i, id] of ids.entries()) {
		// The app never updates created_at (its update type is never); a test may.
		const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
		await db
			.updateTable('invoices')
			.set({ createdAt } as never)
			.where('id', '=', id)
			.execute();
	}
}

const numbersOf = (page: { items: { number: string }[] }) => page.items.map((i) => i.number);

describe('invoices.overview', () => {
	it('lists every invoice newest first with its customer, display status and balance, and the totals', async () => {
		const { caller, ids } = await businessWithInvoices();
		const page = await caller.invoices.overview({});
		expect(numbersOf(page)).toEqual([
			'INV-0007',
			'INV-0006',
			'X_2025-0005',
			'INV-0004',
			'INV-0003',
			'INV-0002',
			'INV-0001',
		]);
		const byNumber = new Map(page.items.map((i) => [i.number, i]));
		expect(byNumber.get('X_2025-0005')).toMatchObject({
			id: ids.partialOverdue.id,
			customerName: 'Ada Florist',
			displayStatus: 'partially_paid',
			isOverdue: true,
			totalMinor: 10000,
			paidMinor: 2500,
			balanceDueMinor: 7500,
		});
		expect(byNumber.get('INV-0003')).toMatchObject({
			customerName: 'Bea Bakery',
			displayStatus: 'overdue',
			isOverdue: true,
			balanceDueMinor: 10000,
		});
		expect(byNumber.get('INV-0006')).toMatchObject({ displayStatus: 'paid', balanceDueMinor: 0 });
		expect(byNumber.get('INV-0007')).toMatchObject({ displayStatus: 'void' });
		expect(byNumber.get('INV-0001')).toMatchObject({ displayStatus: 'draft' });
		// Sent 100 + overdue 100 + partial 70 + partial and overdue 75; drafts, paid and void owe nothing.
		expect(page.totals).toEqual({ outstandingMinor: 34500, overdueMinor: 17500, currency: 'USD' });
		expect(page.customer).toBeNull();
		expect(page.nextCursor).toBeNull();
	});

	it('filters by status with the meanings the page shows', async () => {
		const { caller } = await businessWithInvoices();
		const only = async (status: Parameters<typeof caller.invoices.overview>[0]['status']) =>
			numbersOf(await caller.invoices.overview({ status }));
		expect(await only('draft')).toEqual(['INV-0001']);
		expect(await only('sent')).toEqual(['INV-0002']);
		expect(await only('overdue')).toEqual(['X_2025-0005', 'INV-0003']);
		expect(await only('partially_paid')).toEqual(['X_2025-0005', 'INV-0004']);
		expect(await only('paid')).toEqual(['INV-0006']);
		expect(await only('void')).toEqual(['INV-0007']);
		// Filters do not change what the business is owed.
		const overdue = await caller.invoices.overview({ status: 'overdue' });
		expect(overdue.totals?.outstandingMinor).toBe(34500);
	});

	it('filters by customer (with that customer’s totals) and searches numbers as a substring, wildcards literal', async () => {
		const { caller, ada, bea } = await businessWithInvoices();
		const adas = await caller.invoices.overview({ customerId: ada.id });
		expect(numbersOf(adas)).toEqual(['INV-0007', 'X_2025-0005', 'INV-0002', 'INV-0001']);
		expect(adas.customer).toEqual({ id: ada.id, name: 'Ada Florist' });
		expect(adas.totals).toMatchObject({ outstandingMinor: 17500, overdueMinor: 7500 });

		expect(
			numbersOf(await caller.invoices.overview({ customerId: bea.id, status: 'partially_paid' })),
		).toEqual(['INV-0004']);
		expect(numbersOf(await caller.invoices.overview({ search: 'inv-000' }))).toHaveLength(6);
		expect(numbersOf(await caller.invoices.overview({ search: ' 0003 ' }))).toEqual(['INV-0003']);
		// `_` and `%` are the number's own characters, not LIKE wildcards.
		expect(numbersOf(await caller.invoices.overview({ search: 'x_' }))).toEqual(['X_2025-0005']);
		expect(numbersOf(await caller.invoices.overview({ search: 'INV_' }))).toEqual([]);
		expect(numbersOf(await caller.invoices.overview({ search: '%' }))).toEqual([]);
		expect(
			numbersOf(await caller.invoices.overview({ search: '0005', status: 'overdue' })),
		).toEqual(['X_2025-0005']);
	});

	it('pages newest first with a keyset cursor, totals on the first page only', async () => {
		const session = await signedIn();
		const customer = await session.caller.customers.create({ name: 'Paged Customer' });
		const ids: string[] = [];
		for (let i = 1; i <= 5; i++) {
			ids.push((await invoice(session, customer.id, { number: `P-${i}` })).id);
		}
		await stamp(ids);
		const first = await session.caller.invoices.overview({ limit: 2 });
		expect(numbersOf(first)).toEqual(['P-5', 'P-4']);
		expect(first.totals).not.toBeNull();
		const second = await session.caller.invoices.overview({ limit: 2, cursor: first.nextCursor });
		expect(numbersOf(second)).toEqual(['P-3', 'P-2']);
		expect(second.totals).toBeNull();
		const third = await session.caller.invoices.overview({ limit: 2, cursor: second.nextCursor });
		expect(numbersOf(third)).toEqual(['P-1']);
		expect(third.nextCursor).toBeNull();
	});

	it('shows only the signed-in business’s invoices; another business’s customer is not found', async () => {
		const mine = await businessWithInvoices();
		const other = await signedIn();
		const theirs = await other.caller.customers.create({ name: 'Theirs' });
		await invoice(other, theirs.id, { number: 'INV-0001', issue: true });

		expect(numbersOf(await other.caller.invoices.overview({}))).toEqual(['INV-0001']);
		expect((await other.caller.invoices.overview({})).totals?.outstandingMinor).toBe(10000);
		await expect(mine.caller.invoices.overview({ customerId: theirs.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await expect(other.caller.invoices.overview({ customerId: mine.ada.id })).rejects.toMatchObject(
			{ code: 'NOT_FOUND' },
		);
		expect(numbersOf(await mine.caller.invoices.overview({}))).toHaveLength(7);
	});

	it('refuses bad filters with a reason', async () => {
		const { caller } = await signedIn();
		for (const input of [
			{ status: 'unpaid' },
			{ customerId: 'not-an-id' },
			{ search: 'a\nb' },
			{ search: 'x'.repeat(51) },
			{ limit: 0 },
		]) {
			await expect(
				caller.invoices.overview(input as Parameters<typeof caller.invoices.overview>[0]),
			).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		}
	});

	it('stays readable on the Starter plan', async () => {
		const session = await businessWithInvoices();
		await db
			.updateTable('businesses')
			.set({ plan: 'starter' })
			.where('id', '=', session.business.id)
			.execute();
		expect(numbersOf(await session.caller.invoices.overview({}))).toHaveLength(7);
	});
});

import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { todayUtc } from '../domain/invoice-status.ts';
import { appRouter } from '../root.ts';
import { useHarness } from '../testing/harness.ts';

// Every procedure, called with hostile values: NUL in every string field, CR/LF in single-line
// fields, over-long strings, malformed ids, wrong types. Each answer is a 4xx TRPCError (or, for
// NUL, which is stripped, a success that stored clean text) and never INTERNAL_SERVER_ERROR;
// a refused call changes nothing.

const { signedIn, db } = useHarness();

type Kind = 'single' | 'multi' | 'id' | 'date' | 'bool' | 'enum' | 'int';
type Input = Record<string, unknown>;
interface Case {
	input: (f: Fixtures) => Input;
	/** Field paths ("items.0.description") and what kind of value each holds. */
	fields: Record<string, Kind>;
}
type Fixtures = Awaited<ReturnType<typeof fixtures>>;

const today = todayUtc();
const NOT_UUIDS = ['not-a-uuid', '', "1' or '1'='1", '\u0000', 'x'.repeat(36)];
const item = { description: 'Roses', quantity: '1', unitPrice: '10.00', taxRate: '0' };
const itemFields = {
	'items.0.description': 'multi',
	'items.0.quantity': 'single',
	'items.0.unitPrice': 'single',
	'items.0.taxRate': 'single',
} as const;
const invoiceBody = {
	number: '',
	issueDate: today,
	dueDate: today,
	notes: 'Thanks',
	items: [item],
};
const invoiceFields = {
	number: 'single',
	issueDate: 'date',
	dueDate: 'date',
	notes: 'multi',
	...itemFields,
} as const;

const cases: Record<string, Case> = {
	'apiKeys.list': { input: () => ({}), fields: {} },
	'apiKeys.create': { input: () => ({ name: 'Calendly' }), fields: { name: 'single' } },
	'apiKeys.revoke': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'customers.list': {
		input: () => ({
			search: 'a',
			limit: 5,
			cursor: { lastActivityAt: new Date().toISOString(), id: crypto.randomUUID() },
		}),
		fields: {
			search: 'single',
			limit: 'int',
			'cursor.id': 'id',
			'cursor.lastActivityAt': 'date',
		},
	},
	'customers.byId': { input: (f) => ({ id: f.customer.id }), fields: { id: 'id' } },
	'customers.create': {
		input: () => ({ name: 'Ana', email: 'ana@example.test', phone: '+1 555 0100' }),
		fields: { name: 'single', email: 'single', phone: 'single' },
	},
	'customers.update': {
		input: (f) => ({ id: f.customer.id, name: 'Ana', email: f.customer.email, phone: '' }),
		fields: { id: 'id', name: 'single', email: 'single', phone: 'single' },
	},
	// Into a customer that does not exist: the valid call itself is refused, nothing merges.
	'customers.mergePreview': {
		input: (f) => ({ id: f.customer.id, intoId: crypto.randomUUID() }),
		fields: { id: 'id', intoId: 'id' },
	},
	'customers.merge': {
		input: (f) => ({ id: f.customer.id, intoId: crypto.randomUUID() }),
		fields: { id: 'id', intoId: 'id' },
	},
	'customers.mergedInto': { input: (f) => ({ id: f.customer.id }), fields: { id: 'id' } },
	'customerImports.byId': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'customerImports.start': {
		input: () => ({
			id: crypto.randomUUID(),
			mapping: { name: 0, email: 1 },
			onExisting: 'skip',
			hasHeader: true,
		}),
		fields: {
			id: 'id',
			'mapping.name': 'int',
			'mapping.email': 'int',
			onExisting: 'enum',
			hasHeader: 'bool',
		},
	},
	'customerImports.requeue': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'customerAddresses.list': {
		input: (f) => ({ customerId: f.customer.id }),
		fields: { customerId: 'id' },
	},
	'customerAddresses.addEmail': {
		input: (f) => ({ customerId: f.customer.id, email: 'ana.work@example.test' }),
		fields: { customerId: 'id', email: 'single' },
	},
	'customerAddresses.addPhone': {
		input: (f) => ({ customerId: f.customer.id, phone: '+1 555 0199' }),
		fields: { customerId: 'id', phone: 'single' },
	},
	...Object.fromEntries(
		['removeEmail', 'makePrimaryEmail', 'removePhone', 'makePrimaryPhone'].map((verb) => [
			`customerAddresses.${verb}`,
			{
				input: (f: Fixtures) => ({ customerId: f.customer.id, id: crypto.randomUUID() }),
				fields: { customerId: 'id', id: 'id' } as const,
			},
		]),
	),
	'deliveries.failed': { input: () => ({}), fields: {} },
	'deliveries.retry': {
		input: () => ({ messageId: crypto.randomUUID() }),
		fields: { messageId: 'id' },
	},
	'failedJobs.retry': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'failedJobs.dismiss': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'forms.quarantine.list': {
		input: () => ({
			limit: 5,
			cursor: { createdAt: new Date().toISOString(), id: crypto.randomUUID() },
		}),
		fields: { limit: 'int', 'cursor.id': 'id', 'cursor.createdAt': 'date' },
	},
	'forms.release': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'forms.discard': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'inboundEmail.setAcceptUnknownSenders': {
		input: () => ({ accept: true }),
		fields: { accept: 'bool' },
	},
	'inboundEmail.discard': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'inboundEmail.release': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'invoices.list': { input: (f) => ({ customerId: f.customer.id }), fields: { customerId: 'id' } },
	'invoices.byId': { input: (f) => ({ id: f.invoice.id }), fields: { id: 'id' } },
	'invoices.create': {
		input: (f) => ({ customerId: f.customer.id, ...invoiceBody }),
		fields: { customerId: 'id', ...invoiceFields },
	},
	'invoices.update': {
		input: (f) => ({ id: f.invoice.id, version: 1, ...invoiceBody }),
		fields: { id: 'id', version: 'int', ...invoiceFields },
	},
	'invoices.markPaid': {
		input: (f) => ({ id: f.invoice.id, paidOn: today }),
		fields: { id: 'id', paidOn: 'date' },
	},
	'invoices.void': { input: (f) => ({ id: f.invoice.id }), fields: { id: 'id' } },
	'invoices.send': {
		input: (f) => ({ id: f.invoice.id, to: 'a@example.com', subject: 'Hi', message: 'Hello' }),
		fields: { id: 'id', to: 'single', subject: 'single', message: 'multi' },
	},
	'invoices.sendAgain': {
		input: (f) => ({ id: f.invoice.id, to: 'a@example.com', subject: 'Hi', message: 'Hello' }),
		fields: { id: 'id', to: 'single', subject: 'single', message: 'multi' },
	},
	'invoices.issue': { input: (f) => ({ id: f.invoice.id }), fields: { id: 'id' } },
	'invoices.emailDefaults': { input: (f) => ({ id: f.invoice.id }), fields: { id: 'id' } },
	'invoices.delete': { input: (f) => ({ id: f.invoice.id }), fields: { id: 'id' } },
	'messages.list': { input: (f) => ({ customerId: f.customer.id }), fields: { customerId: 'id' } },
	'messages.markRead': {
		input: (f) => ({ customerId: f.customer.id }),
		fields: { customerId: 'id' },
	},
	'messages.reply': {
		input: (f) => ({ customerId: f.customer.id, body: 'Hello' }),
		fields: { customerId: 'id', body: 'multi' },
	},
	'notes.list': {
		input: (f) => ({
			customerId: f.customer.id,
			cursor: { createdAt: new Date().toISOString(), id: crypto.randomUUID() },
		}),
		fields: { customerId: 'id', 'cursor.id': 'id', 'cursor.createdAt': 'date' },
	},
	'notes.byId': { input: (f) => ({ id: f.note.id }), fields: { id: 'id' } },
	'notes.create': {
		input: (f) => ({ customerId: f.customer.id, body: 'Likes tulips' }),
		fields: { customerId: 'id', body: 'multi' },
	},
	'notes.update': {
		input: (f) => ({ id: f.note.id, body: 'Likes roses', version: 1 }),
		fields: { id: 'id', body: 'multi', version: 'int' },
	},
	'notes.delete': { input: (f) => ({ id: f.note.id }), fields: { id: 'id' } },
	'notes.restore': { input: (f) => ({ id: f.note.id }), fields: { id: 'id' } },
	'settings.update': {
		input: () => ({
			name: 'Florist',
			email: 'shop@example.test',
			address: '1 Main St\nSpringfield',
			currency: 'USD',
			invoicePrefix: 'INV-',
			paymentTermsDays: 14,
		}),
		fields: {
			name: 'single',
			email: 'single',
			address: 'multi',
			currency: 'single',
			invoicePrefix: 'single',
			paymentTermsDays: 'int',
		},
	},
	'settings.setPlan': { input: () => ({ plan: 'grow' }), fields: { plan: 'enum' } },
	'invoices.overview': {
		input: (f) => ({ status: 'sent', customerId: f.customer.id, search: 'INV' }),
		fields: { status: 'enum', customerId: 'id', search: 'single' },
	},
	'payments.record': {
		input: (f) => ({
			invoiceId: f.invoice.id,
			amount: '10.00',
			paidOn: today,
			method: 'cash',
			reference: 'R-1',
			note: 'Paid at the counter',
		}),
		fields: {
			invoiceId: 'id',
			amount: 'single',
			paidOn: 'date',
			method: 'enum',
			reference: 'single',
			note: 'multi',
		},
	},
	'payments.delete': { input: () => ({ id: crypto.randomUUID() }), fields: { id: 'id' } },
	'reminders.updateSettings': {
		input: () => ({
			enabled: true,
			hour: 9,
			steps: [{ offsetDays: 7, subject: 'Reminder {number}', message: 'Please pay {link}' }],
		}),
		fields: {
			enabled: 'bool',
			hour: 'int',
			'steps.0.subject': 'single',
			'steps.0.message': 'multi',
		},
	},
	'reminders.status': { input: (f) => ({ invoiceId: f.invoice.id }), fields: { invoiceId: 'id' } },
	'reminders.pause': { input: (f) => ({ invoiceId: f.invoice.id }), fields: { invoiceId: 'id' } },
	'reminders.resume': { input: (f) => ({ invoiceId: f.invoice.id }), fields: { invoiceId: 'id' } },
	'reminders.sendNow': {
		input: (f) => ({ invoiceId: f.invoice.id }),
		fields: { invoiceId: 'id' },
	},
	'paymentSettings.connectStripe': {
		input: () => ({
			secretKey: 'sk_test_abcdefghijklmnop4242',
			webhookSecret: 'whsec_abcdefghijklmnopqrstuvwxyz',
		}),
		fields: { secretKey: 'single', webhookSecret: 'single' },
	},
};

/** Values that must be refused (4xx, nothing written), by kind of field. */
const refused: Record<Kind, unknown[]> = {
	single: [
		'a\r\nBcc: x@example.test',
		'a\nb',
		'a\tb',
		'a\u001bb',
		'x'.repeat(20_001),
		42,
		null,
		{},
	],
	multi: ['x'.repeat(20_001), 42, null, ['a']],
	id: [...NOT_UUIDS, 42, null],
	date: ['2026-02-30', '\u0000', 'tomorrow', 42],
	bool: ['yes', 1, null],
	enum: ['platinum', '\u0000grow', 42],
	int: ['1\u0000', -1, 1.5, 'many', 1e20],
};

async function fixtures() {
	const session = await signedIn();
	const customer = await session.caller.customers.create({
		name: 'Hostile Test',
		email: `hostile-${crypto.randomUUID().slice(0, 8)}@example.test`,
	});
	const note = await session.caller.notes.create({ customerId: customer.id, body: 'First' });
	const invoice = await session.caller.invoices.create({ customerId: customer.id, ...invoiceBody });
	return { ...session, customer, note, invoice };
}

/** Everything the business has, as one string: equal before and after means nothing changed. */
async function snapshot(businessId: string): Promise<string> {
	const state = await Promise.all([
		db.selectFrom('businesses').selectAll().where('id', '=', businessId).execute(),
		db.selectFrom('customers').selectAll().where('businessId', '=', businessId).execute(),
		db.selectFrom('customerEmails').selectAll().where('businessId', '=', businessId).execute(),
		db.selectFrom('customerPhones').selectAll().where('businessId', '=', businessId).execute(),
		db.selectFrom('notes').selectAll().where('businessId', '=', businessId).execute(),
		db.selectFrom('invoices').selectAll().where('businessId', '=', businessId).execute(),
		db.selectFrom('messages').selectAll().where('businessId', '=', businessId).execute(),
		db
			.selectFrom('invoiceItems')
			.innerJoin('invoices', 'invoices.id', 'invoiceItems.invoiceId')
			.selectAll('invoiceItems')
			.where('invoices.businessId', '=', businessId)
			.execute(),
	]);
	const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
	return JSON.stringify(
		state.map((rows) => byId(rows)),
		(_, v) => (typeof v === 'bigint' ? String(v) : v),
	);
}

function withValue(input: Input, path: string, value: unknown): Input {
	const copy = structuredClone(input) as Record<string, unknown>;
	const keys = path.split('.');
	let at: Record<string, unknown> = copy;
	for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
	at[keys.at(-1)!] = value;
	return copy;
}

function procedureOf(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
	let at = caller as Record<string, unknown>;
	for (const key of path.split('.')) at = at[key] as Record<string, unknown>;
	return at as unknown as (input: unknown) => Promise<unknown>;
}

async function outcome(call: Promise<unknown>) {
	try {
		return { ok: true as const, value: await call };
	} catch (error) {
		return { ok: false as const, error };
	}
}

const label = (v: unknown) => JSON.stringify(v)?.slice(0, 40) ?? String(v);

describe('hostile input to every tRPC procedure', () => {
	it('covers every procedure of the app router', () => {
		const all = Object.keys(appRouter._def.procedures);
		const inputless = [
			'invoices.nextNumber',
			'settings.get',
			'forms.rotateKey',
			'inboundEmail.quarantine',
			'failedJobs.list',
			'settings.requestEmailVerification',
			'paymentSettings.view',
			'paymentSettings.disconnect',
			'reminders.settings',
			'customerImports.list',
		];
		expect(all.filter((p) => !(p in cases) && !inputless.includes(p))).toEqual([]);
	});

	for (const [path, testCase] of Object.entries(cases)) {
		it(`${path}: refuses with 4xx and writes nothing; never a 500`, async () => {
			const f = await fixtures();
			const call = procedureOf(f.caller, path);
			const base = testCase.input(f);
			const attempts: [string, Input | unknown][] = [
				['whole input null', null],
				['whole input a string', 'x\u0000'],
				['whole input an array', [base]],
			];
			for (const [field, kind] of Object.entries(testCase.fields)) {
				for (const value of refused[kind]) {
					attempts.push([`${field} = ${label(value)}`, withValue(base, field, value)]);
				}
			}
			for (const [what, input] of attempts) {
				// Inputs with no required fields may accept a non-object (tRPC passes undefined).
				if (Object.keys(testCase.fields).length === 0 && what.startsWith('whole')) continue;
				const before = await snapshot(f.business.id);
				const result = await outcome(call(input));
				expect(result.ok, `${path} ${what} was accepted`).toBe(false);
				const error = result.ok ? null : result.error;
				expect(error, `${path} ${what}`).toBeInstanceOf(TRPCError);
				expect([`${path} ${what}`, (error as TRPCError).code]).toEqual([
					`${path} ${what}`,
					expect.stringMatching(/^(BAD_REQUEST|NOT_FOUND)$/),
				]);
				expect(await snapshot(f.business.id), `${path} ${what} wrote something`).toBe(before);
			}

			// NUL is stripped from text, not refused: whatever the answer, it is never a 500,
			// and whatever was stored holds no NUL.
			for (const [field, kind] of Object.entries(testCase.fields)) {
				if (kind !== 'single' && kind !== 'multi') continue;
				const result = await outcome(call(withValue(base, field, 'Ro\u0000ses 1')));
				if (!result.ok) {
					expect(result.error).toBeInstanceOf(TRPCError);
					expect((result.error as TRPCError).code, `${path} ${field} NUL`).not.toBe(
						'INTERNAL_SERVER_ERROR',
					);
				} else {
					const json = JSON.stringify(result.value ?? null, (_, v) =>
						typeof v === 'bigint' ? String(v) : v,
					);
					expect(json, `${path} ${field} NUL`).not.toContain('\\u0000');
				}
			}
		});
	}

	it('inputless procedures ignore whatever they are sent, never a 500', async () => {
		const f = await fixtures();
		for (const path of ['invoices.nextNumber', 'settings.get', 'inboundEmail.quarantine']) {
			for (const input of [null, 'x\u0000', { id: 'not-a-uuid' }, 42]) {
				const result = await outcome(procedureOf(f.caller, path)(input));
				if (!result.ok) expect((result.error as TRPCError).code).not.toBe('INTERNAL_SERVER_ERROR');
			}
		}
	});
});

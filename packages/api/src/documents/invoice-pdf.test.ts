import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InvoicePdfData, paperSizeFor, renderInvoicePdf } from './invoice-pdf.ts';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'invoice-pdf-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** The PDF's text as poppler extracts it, and its page count. */
async function readPdf(pdf: Buffer): Promise<{ text: string; pages: number }> {
	const file = join(dir, `${crypto.randomUUID()}.pdf`);
	await writeFile(file, pdf);
	const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
	return { text, pages: text.split('\f').filter((page) => page.trim()).length };
}

function sample(overrides: Partial<InvoicePdfData> = {}): InvoicePdfData {
	return {
		business: {
			name: 'Ångström Design Studio',
			email: 'billing@studio.example',
			address: 'Hauptstraße 12\n10115 Berlin',
			taxId: null,
		},
		customer: {
			name: 'Zoë Ångström',
			email: 'zoe@example.com',
			phone: '+49 30 1234567',
			address: null,
			taxId: null,
		},
		invoice: {
			number: 'INV-2026-0042',
			issueDate: '2026-11-02',
			dueDate: '2026-12-02',
			currency: 'USD',
			statusLabel: 'Sent',
			paidAt: null,
			notes: 'Thank you! Bank transfer within 30 days, please.',
		},
		items: [
			{
				description: 'Logo redesign for Дмитрий and Νίκος',
				quantity: '1',
				unitPriceMinor: 9999,
				taxRate: '20',
				netMinor: 9999,
				taxMinor: 2000,
			},
			{
				description: 'Hosting (€ ¥ £ accepted)',
				quantity: '1.5',
				unitPriceMinor: 2666,
				taxRate: '0',
				netMinor: 3999,
				taxMinor: 0,
			},
		],
		totals: { subtotalMinor: 13998, taxMinor: 2000, totalMinor: 15998 },
		language: 'en',
		locale: 'en-US',
		...overrides,
	};
}

describe('renderInvoicePdf', () => {
	it('prints the invoice, Unicode names and formatted money as text', async () => {
		const pdf = await renderInvoicePdf(sample());
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const { text, pages } = await readPdf(pdf);
		expect(pages).toBe(1);
		for (const expected of [
			'INVOICE',
			'INV-2026-0042',
			'Ångström Design Studio',
			'Hauptstraße 12',
			'Zoë Ångström',
			'zoe@example.com',
			'Logo redesign for Дмитрий and Νίκος',
			'Hosting (€ ¥ £ accepted)',
			'$99.99',
			'$39.99',
			'$139.98',
			'$20.00',
			'$159.98',
			'Nov 2, 2026',
			'Dec 2, 2026',
			'Thank you! Bank transfer within 30 days, please.',
			'Page 1 of 1',
		]) {
			expect(text).toContain(expected);
		}
	});

	it('sets the document title and author, and renders the same bytes twice', async () => {
		const first = await renderInvoicePdf(sample());
		const file = join(dir, 'info.pdf');
		await writeFile(file, first);
		const { stdout } = await run('pdfinfo', [file]);
		expect(stdout).toMatch(/^Title:\s+Invoice INV-2026-0042$/m);
		expect(stdout).toMatch(/^Author:\s+Ångström Design Studio$/m);
		// en-US prints on Letter (see 'prints on the paper of the locale' for A4).
		expect(stdout).toMatch(/^Page size:\s+612 x 792 pts \(letter\)$/m);
		expect((await renderInvoicePdf(sample())).equals(first)).toBe(true);
	});

	it('renders concurrent invoices independently (the parsed fonts are shared)', async () => {
		const numbers = ['A-1', 'B-2', 'C-3', 'D-4'];
		const variant = (number: string) => {
			const data = sample();
			data.invoice = { ...data.invoice, number };
			data.customer = { ...data.customer, name: `Клиент ${number} Ωmega` };
			return data;
		};
		const together = await Promise.all(numbers.map((n) => renderInvoicePdf(variant(n))));
		for (const [index, number] of numbers.entries()) {
			expect(together[index]!.equals(await renderInvoicePdf(variant(number)))).toBe(true);
		}
	});

	it('embeds its fonts (the standard PDF fonts cannot print Cyrillic or Greek)', async () => {
		const file = join(dir, 'fonts.pdf');
		await writeFile(file, await renderInvoicePdf(sample()));
		const { stdout } = await run('pdffonts', [file]);
		expect(stdout).toContain('DejaVuSans');
		expect(stdout).not.toMatch(/Helvetica/);
		for (const line of stdout.trim().split('\n').slice(2)) expect(line).toMatch(/ yes yes yes /);
	});

	it('shows the payment date and the status of a paid invoice', async () => {
		const paid = sample();
		paid.invoice = { ...paid.invoice, statusLabel: 'Paid', paidAt: '2026-11-20' };
		const { text } = await readPdf(await renderInvoicePdf(paid));
		expect(text).toContain('Paid on');
		expect(text).toContain('Nov 20, 2026');
		expect(text.replaceAll(' ', '')).toContain('PAID');
	});

	it('breaks 100 items over several pages, repeating the table header', async () => {
		const items = Array.from({ length: 100 }, (_, i) => ({
			description: `Consulting session ${i + 1}${' with a longer description'.repeat(i % 4)}`,
			quantity: '2',
			unitPriceMinor: 1500,
			taxRate: '10',
			netMinor: 3000,
			taxMinor: 300,
		}));
		const data = sample({
			items,
			totals: { subtotalMinor: 300_000, taxMinor: 30_000, totalMinor: 330_000 },
		});
		const { text, pages } = await readPdf(await renderInvoicePdf(data));
		expect(pages).toBeGreaterThan(2);
		expect(text).toContain('Consulting session 1 ');
		expect(text).toContain('Consulting session 100');
		expect(text).toContain('$3,300.00');
		expect(text).toContain(`Page ${pages} of ${pages}`);
		const headers = text.split('\f').filter((page) => /DESCRIPTION\s+QTY/.test(page));
		// Every page with items has the header; the last may hold only totals and notes.
		expect(headers.length).toBeGreaterThanOrEqual(pages - 1);
	});

	it('formats yen without minor units and follows the locale', async () => {
		const data = sample({
			items: [
				{
					description: 'Tea set',
					quantity: '3',
					unitPriceMinor: 1500,
					taxRate: '10',
					netMinor: 4500,
					taxMinor: 450,
				},
			],
			totals: { subtotalMinor: 4500, taxMinor: 450, totalMinor: 4950 },
		});
		data.invoice = { ...data.invoice, currency: 'JPY' };
		const { text } = await readPdf(await renderInvoicePdf(data));
		expect(text).toContain('¥1,500');
		expect(text).toContain('¥4,950');

		const german = await readPdf(await renderInvoicePdf({ ...sample(), locale: 'de-DE' }));
		expect(german.text).toContain('159,98 $');
		expect(german.text).toContain('02.11.2026');
	});

	it('prints user text verbatim, including characters that look like markup', async () => {
		const data = sample();
		data.customer = {
			name: '<b>Дмитрий</b> & Co (\\) %PDF',
			email: null,
			phone: null,
			address: null,
			taxId: null,
		};
		data.invoice = { ...data.invoice, notes: null };
		const { text } = await readPdf(await renderInvoicePdf(data));
		expect(text).toContain('<b>Дмитрий</b> & Co (\\) %PDF');
		expect(text).not.toContain('NOTES');
	});
});

/** A French business's issued invoice in euros, with both tax IDs and a billing address. */
function localized(language: InvoicePdfData['language'], locale: string): InvoicePdfData {
	const data = sample({ language, locale });
	data.business = { ...data.business, taxId: 'FR12345678901' };
	data.customer = {
		...data.customer,
		address: '5 rue de la Paix\n75002 Paris',
		taxId: 'DE999999999',
	};
	data.invoice = {
		...data.invoice,
		currency: 'EUR',
		issueDate: '2026-12-31',
		dueDate: '2027-01-30',
	};
	data.items = [
		{
			description: 'Conseil',
			quantity: '1',
			unitPriceMinor: 12050,
			taxRate: '20',
			netMinor: 12050,
			taxMinor: 2410,
		},
	];
	data.totals = { subtotalMinor: 12050, taxMinor: 2410, totalMinor: 14460 };
	return data;
}

/** pdftotext writes the narrow no-break spaces Intl puts in "120,50 €" as they are. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('renderInvoicePdf in the invoice language', () => {
	it('prints French labels, fr-FR money and dates, and both tax IDs', async () => {
		const { text } = await readPdf(await renderInvoicePdf(localized('fr', 'fr-FR')));
		const flat = plain(text);
		for (const expected of [
			'FACTURE',
			"Date d'émission",
			"Date d'échéance",
			'DESCRIPTION',
			'QTÉ',
			'PRIX UNITAIRE',
			'MONTANT',
			'Sous-total',
			'TVA',
			'Total (EUR)',
			'REMARQUES',
			'120,50 €',
			'144,60 €',
			'31 déc. 2026',
			'N° TVA: FR12345678901',
			'N° TVA: DE999999999',
			'5 rue de la Paix',
			'75002 Paris',
			'Page 1 sur 1',
		]) {
			expect(flat).toContain(expected);
		}
		// Letter-spaced capitals come out of pdftotext with stray spaces.
		expect(flat.replaceAll(' ', '')).toContain('FACTURÉÀ');
		expect(flat).not.toMatch(/INVOICE|Subtotal|Due date|BILL TO/);
		// An issued ('Sent') invoice carries no draft mark in any language.
		expect(flat).not.toMatch(/draft|brouillon/i);
	});

	it('prints German and Spanish labels', async () => {
		const german = plain((await readPdf(await renderInvoicePdf(localized('de', 'de-DE')))).text);
		for (const expected of ['RECHNUNG', 'Fällig am', 'Zwischensumme', 'MENGE', 'MWST. %']) {
			expect(german).toContain(expected);
		}
		expect(german).toContain('120,50 €');
		expect(german).toContain('USt-IdNr.: FR12345678901');
		expect(german).toContain('31.12.2026');

		const spanish = plain((await readPdf(await renderInvoicePdf(localized('es', 'es-ES')))).text);
		for (const expected of ['FACTURA', 'Fecha de vencimiento', 'IMPORTE', 'NIF: ']) {
			expect(spanish).toContain(expected);
		}
		expect(spanish).toContain('120,50 €');
	});

	it('translates the status marks (paid badge, void watermark)', async () => {
		const paid = localized('fr', 'fr-FR');
		paid.invoice = { ...paid.invoice, statusLabel: 'Paid', paidAt: '2027-01-05' };
		const paidText = plain((await readPdf(await renderInvoicePdf(paid))).text);
		expect(paidText).toContain('Payée le');
		expect(paidText.replaceAll(' ', '')).toContain('PAYÉE');

		const voided = localized('de', 'de-DE');
		voided.invoice = { ...voided.invoice, statusLabel: 'Void' };
		const voidText = (await readPdf(await renderInvoicePdf(voided))).text;
		expect(voidText.replaceAll(' ', '')).toContain('STORNIERT');
		expect(voidText).not.toContain('VOID');
	});

	it('prints what was paid and the balance due under the total, in the invoice language', async () => {
		const partial = sample();
		partial.invoice = {
			...partial.invoice,
			statusLabel: 'Partially paid',
			statusKey: 'partially_paid',
			overdue: false,
		};
		partial.totals = { ...partial.totals, amountPaidMinor: 5000, balanceDueMinor: 10998 };
		const english = (await readPdf(await renderInvoicePdf(partial))).text;
		expect(english).toMatch(/Amount paid\s+\$50\.00/);
		expect(english).toMatch(/Balance due\s+\$109\.98/);
		expect(english.replaceAll(' ', '')).toContain('PARTIALLYPAID');
		expect(english).not.toContain('Paid on');

		const french = localized('fr', 'fr-FR');
		french.invoice = {
			...french.invoice,
			statusLabel: 'Partially paid · Overdue',
			statusKey: 'partially_paid',
			overdue: true,
		};
		french.totals = { ...french.totals, amountPaidMinor: 4460, balanceDueMinor: 10000 };
		const text = plain((await readPdf(await renderInvoicePdf(french))).text);
		expect(text).toMatch(/Montant réglé\s+44,60 €/);
		expect(text).toMatch(/Reste à payer\s+100,00 €/);
		expect(text.replaceAll(' ', '')).toContain('PARTIELLEMENTPAYÉE·ENRETARD');
		expect(text).not.toMatch(/Balance due|PARTIALLY/);

		// Nothing paid: no payment lines at all.
		const unpaid = (await readPdf(await renderInvoicePdf(sample()))).text;
		expect(unpaid).not.toMatch(/Amount paid|Balance due/);
	});

	it('prints on the paper of the locale: Letter in the US and Canada, A4 elsewhere', async () => {
		const pageSize = async (locale: string) => {
			const file = join(dir, `${locale}.pdf`);
			await writeFile(file, await renderInvoicePdf(localized('fr', locale)));
			const { stdout } = await run('pdfinfo', [file]);
			return /^Page size:\s+(.*)$/m.exec(stdout)?.[1];
		};
		expect(await pageSize('fr-FR')).toBe('595.28 x 841.89 pts (A4)');
		expect(await pageSize('fr-CA')).toBe('612 x 792 pts (letter)');
		expect(paperSizeFor('en-US')).toBe('Letter');
		expect(paperSizeFor('en')).toBe('Letter');
		expect(paperSizeFor('en-GB')).toBe('A4');
		expect(paperSizeFor('de-DE')).toBe('A4');
		expect(paperSizeFor('not a locale')).toBe('A4');
	});
});

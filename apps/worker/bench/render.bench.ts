// Invoice rendering throughput on one core: the HTML + text email and the PDF, as the worker
// does for every invoice, next to a bare Handlebars render of the same email measured in the
// same run (the ceiling the template engine alone allows).

import { renderInvoicePdf } from '@rapport/api/documents';
import { type InvoiceDocument, invoiceEmailLabels } from '@rapport/api/use-cases';
import { loadEmailTemplates } from '../src/email/templates.ts';

const document: InvoiceDocument = {
	status: 'sent',
	language: 'en',
	locale: 'en-US',
	business: {
		name: 'Bloom & Co. Florist',
		email: 'hello@bloom.example',
		address: '12 Market Street\nSpringfield',
		taxId: null,
	},
	customer: {
		name: 'Zoë Ångström',
		email: 'zoe@example.com',
		phone: '+44 20 7946 0018',
		address: null,
		taxId: null,
	},
	invoice: {
		number: 'INV-0042',
		issueDate: '2026-11-28',
		dueDate: '2026-12-12',
		currency: 'USD',
		statusLabel: 'Sent',
		paidAt: null,
		notes: 'Bank transfer to 12-34-56, thank you!',
	},
	items: [
		{
			description: 'Bridal bouquet',
			quantity: '1',
			unitPriceMinor: 18000,
			taxRate: '20',
			netMinor: 18000,
			taxMinor: 3600,
		},
		{
			description: 'Buttonholes',
			quantity: '6',
			unitPriceMinor: 1250,
			taxRate: '20',
			netMinor: 7500,
			taxMinor: 1500,
		},
		{
			description: 'Table centrepieces',
			quantity: '12',
			unitPriceMinor: 3550,
			taxRate: '20',
			netMinor: 42600,
			taxMinor: 8520,
		},
		{
			description: 'Delivery and set-up',
			quantity: '1',
			unitPriceMinor: 4500,
			taxRate: '0',
			netMinor: 4500,
			taxMinor: 0,
		},
		{
			description: 'Petals for the aisle',
			quantity: '2.5',
			unitPriceMinor: 990,
			taxRate: '20',
			netMinor: 2475,
			taxMinor: 495,
		},
	],
	totals: { subtotalMinor: 75075, taxMinor: 14115, totalMinor: 89190 },
};
const context = {
	...document,
	link: 'https://example.com/i/abcdefghijklmnopqrstuvwxyz',
	message: 'Here is your invoice.',
	labels: invoiceEmailLabels(document),
};
const templates = loadEmailTemplates();

async function rate(label: string, seconds: number, work: () => unknown | Promise<unknown>) {
	for (let i = 0; i < 20; i++) await work(); // warm up (JIT, fonts)
	let count = 0;
	const start = performance.now();
	const end = start + seconds * 1000;
	while (performance.now() < end) {
		await work();
		count++;
	}
	const perSecond = count / ((performance.now() - start) / 1000);
	return { label, perSecond };
}

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const bare = await rate('bare Handlebars render (email HTML + text)', seconds, () =>
	templates.invoice(context),
);
const full = await rate('invoice rendered (email HTML + text + PDF)', seconds, async () => {
	templates.invoice(context);
	await renderInvoicePdf(document);
});

const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });
console.log('\nInvoice rendering, one core');
console.log(`  ${full.label.padEnd(46)} ${fmt(full.perSecond).padStart(9)} /s per core`);
console.log(
	`  ${bare.label.padEnd(46)} ${fmt(bare.perSecond).padStart(9)} /s per core   (reference, same run)`,
);
console.log(
	`  ratio: ${((full.perSecond / bare.perSecond) * 100).toFixed(2)} % of a bare template render (the PDF dominates)`,
);

import PDFDocument from 'pdfkit';
import type { Language } from '../domain/language.ts';
import { formatMoney } from '../domain/money.ts';
import { type Translate, translatorFor } from '../i18n/index.ts';
import { invoiceFonts } from './fonts.ts';

export interface InvoicePdfData {
	business: { name: string; email: string | null; address: string | null; taxId: string | null };
	customer: {
		name: string;
		email: string | null;
		phone: string | null;
		/** Multi-line postal address. */
		address: string | null;
		taxId: string | null;
	};
	invoice: {
		number: string;
		/** 'YYYY-MM-DD' */
		issueDate: string;
		/** 'YYYY-MM-DD' */
		dueDate: string;
		/** ISO 4217, e.g. 'USD', 'JPY' */
		currency: string;
		/** English: 'Draft' | 'Sent' | 'Partially paid · Overdue' | 'Paid' | 'Overdue' | 'Void' */
		statusLabel: string;
		/**
		 * 'draft' | 'sent' | 'partially_paid' | 'paid' | 'overdue' | 'void': picks the translation
		 * and the badge; read from the English label when absent.
		 */
		statusKey?: string;
		/** Past due and not fully paid: a partially paid invoice says it too. */
		overdue?: boolean;
		/** 'YYYY-MM-DD' payment date, when paid */
		paidAt: string | null;
		/** Notes for the customer (printed). */
		notes: string | null;
	};
	items: {
		description: string;
		/** Decimal text like "1.5". */
		quantity: string;
		unitPriceMinor: number;
		/** Percent as decimal text like "20" or "0". */
		taxRate: string;
		netMinor: number;
		taxMinor: number;
	}[];
	totals: {
		subtotalMinor: number;
		taxMinor: number;
		totalMinor: number;
		/** What the live payments add up to; Amount paid and Balance due print when above 0. */
		amountPaidMinor?: number;
		balanceDueMinor?: number;
	};
	/** The language of every label. */
	language: Language;
	/** BCP 47, e.g. 'fr-FR': formats numbers and dates and picks the paper size. */
	locale: string;
}

// Units are PDF points (1/72 in).
const MARGIN = 50;
const BOTTOM_MARGIN = 64; // leaves room for the footer
const REGULAR = 'Sans';
const BOLD = 'Sans-Bold';
const INK = '#111827';
const MUTED = '#6b7280';
const RULE = '#e5e7eb';
const BAND = '#f3f4f6';
/** Status badges by label; 'Sent' gets none — a customer's copy is sent by definition. */
const BADGES: Record<string, string> = {
	draft: '#6b7280',
	partially_paid: '#b45309',
	paid: '#15803d',
	overdue: '#b91c1c',
	void: '#b91c1c',
};
/** Statuses whose every page carries a large watermark, so the PDF is never taken as payable. */
const WATERMARKED = new Set(['draft', 'void']);

type Doc = PDFKit.PDFDocument;
type Item = InvoicePdfData['items'][number];
interface Column {
	label: string;
	width: number;
	align: 'left' | 'right';
	value: (item: Item) => string;
}

/** Regions whose offices print on US Letter; everywhere else uses A4. */
const LETTER_REGIONS = new Set(['US', 'CA']);

/** 'Letter' for a US or Canadian locale ('en-US', 'fr-CA', bare 'en'), else 'A4'. */
export function paperSizeFor(locale: string): 'A4' | 'Letter' {
	let region: string | undefined;
	try {
		region = new Intl.Locale(locale).maximize().region;
	} catch {
		region = undefined;
	}
	return region && LETTER_REGIONS.has(region) ? 'Letter' : 'A4';
}

/**
 * Renders the invoice as a PDF with embedded fonts, in the invoice's language and locale, on the
 * paper its customers print on; every user-provided string is plain text.
 */
export function renderInvoicePdf(data: InvoicePdfData): Promise<Buffer> {
	const { invoice, business } = data;
	const fonts = invoiceFonts();
	const t = translatorFor(data.language);
	const doc = new PDFDocument({
		size: paperSizeFor(data.locale),
		margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BOTTOM_MARGIN },
		bufferPages: true,
		font: '', // no standard font: only the embedded ones are used
		lang: data.locale,
		displayTitle: true,
		info: {
			Title: t('document.title', { number: invoice.number }),
			Author: business.name,
			Creator: 'Rapport',
			// A fixed date makes the same invoice render to the same bytes.
			CreationDate: utcDate(invoice.issueDate),
		},
	});
	// pdfkit 0.20 takes parsed fontkit fonts; its community types (0.17) only list files and bytes.
	doc.registerFont(REGULAR, fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
	doc.registerFont(BOLD, fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);

	const chunks: Uint8Array[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	const fmt = formatters(data, t);
	let y = drawHeader(doc, data, fmt);
	y = drawParties(doc, data, fmt, y);
	y = drawItems(doc, data, fmt, y);
	y = drawTotals(doc, data, fmt, y);
	drawNotes(doc, invoice.notes, fmt, y);
	decoratePages(doc, data, fmt);
	doc.end();
	return done;
}

function utcDate(isoDate: string): Date {
	return new Date(`${isoDate}T00:00:00Z`);
}

type Formatters = ReturnType<typeof formatters>;

function formatters(data: InvoicePdfData, t: Translate) {
	const { locale } = data;
	const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
	const decimals = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
	return {
		t,
		/** Labels printed in capitals, by the language's own case rules. */
		caps: (key: string) => t(key).toLocaleUpperCase(locale),
		/** The invoice's status in the document's language, e.g. 'Payée', 'Teilweise bezahlt · Überfällig'. */
		status: statusText(data, t),
		money: (minor: number) => formatMoney(minor, data.invoice.currency, locale),
		date: (isoDate: string) => dates.format(utcDate(isoDate)),
		// Decimal text goes to Intl as a string, so "1.005" stays exact.
		decimal: (text: string) => decimals.format(text as `${number}`),
	};
}

const contentWidth = (doc: Doc) => doc.page.width - MARGIN * 2;
const bottomLimit = (doc: Doc) => doc.page.height - BOTTOM_MARGIN;
const statusKey = (data: InvoicePdfData) =>
	data.invoice.statusKey ?? data.invoice.statusLabel.trim().toLowerCase();
const overduePartly = (data: InvoicePdfData) =>
	statusKey(data) === 'partially_paid' && data.invoice.overdue === true;

function statusText(data: InvoicePdfData, t: Translate): string {
	const key = statusKey(data);
	const own = t(`status.${key}`, { defaultValue: data.invoice.statusLabel });
	return overduePartly(data) ? `${own} · ${t('status.overdue')}` : own;
}

/** A hairline across the content width. */
function rule(doc: Doc, y: number, lineWidth: number): void {
	doc.moveTo(MARGIN, y).lineTo(MARGIN + contentWidth(doc), y);
	doc.lineWidth(lineWidth).strokeColor(RULE).stroke();
}

/** Font size at most `size` at which one line of `text` fits `width` (for very large amounts). */
function fittedSize(doc: Doc, text: string, width: number, size: number): number {
	const natural = doc.fontSize(size).widthOfString(text);
	return natural > width ? Math.floor(((size * width) / natural) * 10) / 10 : size;
}

function drawHeader(doc: Doc, data: InvoicePdfData, fmt: Formatters): number {
	const titleWidth = 190;
	const leftWidth = contentWidth(doc) - titleWidth - 24;
	const titleX = doc.page.width - MARGIN - titleWidth;

	doc.font(BOLD).fontSize(15).fillColor(INK);
	doc.text(data.business.name, MARGIN, MARGIN, { width: leftWidth });
	doc.font(REGULAR).fontSize(9).fillColor(MUTED).moveDown(0.3);
	const taxId = data.business.taxId && `${fmt.t('document.taxId')}: ${data.business.taxId}`;
	for (const line of [data.business.address, data.business.email, taxId]) {
		if (line) doc.text(line.replace(/\r\n?/g, '\n'), { width: leftWidth, lineGap: 1.5 });
	}
	const leftBottom = doc.y;

	doc.font(BOLD).fontSize(22).fillColor(INK);
	doc.text(fmt.caps('document.invoice'), titleX, MARGIN - 3, {
		width: titleWidth,
		align: 'right',
		characterSpacing: 1.5,
	});
	doc.font(REGULAR).fontSize(10).fillColor(MUTED);
	doc.text(data.invoice.number, titleX, doc.y + 1, { width: titleWidth, align: 'right' });
	let rightBottom = doc.y;

	const color = overduePartly(data) ? BADGES.overdue : BADGES[statusKey(data)];
	if (color) {
		const label = fmt.status.toLocaleUpperCase(data.locale);
		doc.font(BOLD).fontSize(9);
		// "PARTIELLEMENT PAYÉE · EN RETARD" is longer than the title column: shrink, never wrap.
		const natural = doc.widthOfString(label, { characterSpacing: 1 });
		if (natural > titleWidth - 18)
			doc.fontSize(Math.floor((85 * (titleWidth - 18)) / natural) / 10);
		const width = doc.widthOfString(label, { characterSpacing: 1 }) + 18;
		const top = rightBottom + 8;
		const x = doc.page.width - MARGIN - width;
		doc.roundedRect(x, top, width, 19, 3).lineWidth(1.2).strokeColor(color).stroke();
		doc.fillColor(color).text(label, x, top + 5, { width, align: 'center', characterSpacing: 1 });
		rightBottom = top + 19;
	}
	const y = Math.max(leftBottom, rightBottom) + 20;
	rule(doc, y, 0.75);
	return y + 20;
}

function drawParties(doc: Doc, data: InvoicePdfData, fmt: Formatters, top: number): number {
	const datesWidth = 190;
	const datesX = doc.page.width - MARGIN - datesWidth;
	const leftWidth = contentWidth(doc) - datesWidth - 24;

	doc.font(BOLD).fontSize(8).fillColor(MUTED);
	const billTo = fmt.caps('document.billTo');
	doc.text(billTo, MARGIN, top, { width: leftWidth, characterSpacing: 1 }).moveDown(0.35);
	doc.font(BOLD).fontSize(11).fillColor(INK).text(data.customer.name, { width: leftWidth });
	doc.font(REGULAR).fontSize(9.5).fillColor(INK);
	const { address, email, phone, taxId } = data.customer;
	const taxLine = taxId && `${fmt.t('document.taxId')}: ${taxId}`;
	for (const line of [address, email, phone, taxLine]) {
		if (line) doc.text(line.replace(/\r\n?/g, '\n'), { width: leftWidth, lineGap: 1.5 });
	}
	const leftBottom = doc.y;

	const rows: [string, string][] = [
		[fmt.t('document.issueDate'), fmt.date(data.invoice.issueDate)],
		[fmt.t('document.dueDate'), fmt.date(data.invoice.dueDate)],
	];
	if (data.invoice.paidAt) rows.push([fmt.t('document.paidOn'), fmt.date(data.invoice.paidAt)]);
	let y = top;
	for (const [label, value] of rows) {
		doc.font(REGULAR).fontSize(9.5).fillColor(MUTED).text(label, datesX, y, { lineBreak: false });
		doc.font(BOLD).fillColor(INK).text(value, datesX, y, { width: datesWidth, align: 'right' });
		y += 17;
	}
	return Math.max(leftBottom, y) + 26;
}

function itemColumns(doc: Doc, fmt: Formatters): Column[] {
	const column = (key: string, width: number, value: Column['value']): Column => ({
		label: fmt.caps(`document.${key}`),
		width,
		align: 'right',
		value,
	});
	const numeric: Column[] = [
		column('qty', 48, (i) => fmt.decimal(i.quantity)),
		column('unitPrice', 84, (i) => fmt.money(i.unitPriceMinor)),
		column('taxRate', 52, (i) => fmt.decimal(i.taxRate)),
		column('amount', 90, (i) => fmt.money(i.netMinor)),
	];
	const rest = contentWidth(doc) - numeric.reduce((sum, c) => sum + c.width, 0);
	return [{ ...column('description', rest, (i) => i.description), align: 'left' }, ...numeric];
}

const CELL_X = 7;
const CELL_Y = 7;
const BODY_SIZE = 9.5;

function drawTableHeader(doc: Doc, columns: Column[], top: number): number {
	const height = 22;
	doc.rect(MARGIN, top, contentWidth(doc), height).fillColor(BAND).fill();
	doc.font(BOLD).fontSize(8).fillColor(MUTED);
	let x = MARGIN;
	for (const column of columns) {
		const { label } = column;
		const width = column.width - CELL_X * 2;
		const options = { width, align: column.align, characterSpacing: 0.6, lineBreak: false };
		// Some languages' labels are longer than the column ("MWST. %"): shrink, never wrap.
		const natural = doc.fontSize(8).widthOfString(label) + 0.6 * label.length + 1;
		doc.fontSize(natural > width ? Math.floor((80 * width) / natural) / 10 : 8);
		doc.text(label, x + CELL_X, top + 7.5, options);
		x += column.width;
	}
	return top + height;
}

function drawItems(doc: Doc, data: InvoicePdfData, fmt: Formatters, top: number): number {
	const columns = itemColumns(doc, fmt);
	const [description] = columns;
	const textWidth = description!.width - CELL_X * 2;
	// A description longer than a whole page would never fit: it is cut off with an ellipsis.
	const maxTextHeight = bottomLimit(doc) - MARGIN - 22 - CELL_Y * 2;
	let y = drawTableHeader(doc, columns, top);

	for (const item of data.items) {
		const text = item.description.replace(/\r\n?/g, '\n');
		doc.font(REGULAR).fontSize(BODY_SIZE);
		const textHeight = Math.min(doc.heightOfString(text, { width: textWidth }), maxTextHeight);
		const rowHeight = Math.max(textHeight, doc.currentLineHeight()) + CELL_Y * 2;
		if (y + rowHeight > bottomLimit(doc)) {
			doc.addPage();
			y = drawTableHeader(doc, columns, MARGIN);
		}
		let x = MARGIN;
		for (const column of columns) {
			const width = column.width - CELL_X * 2;
			doc.font(REGULAR).fillColor(INK);
			if (column === description) {
				const options = { width, height: maxTextHeight, ellipsis: true };
				doc.fontSize(BODY_SIZE).text(text, x + CELL_X, y + CELL_Y, options);
			} else {
				const value = column.value(item);
				doc.fontSize(fittedSize(doc, value, width, BODY_SIZE));
				doc.text(value, x + CELL_X, y + CELL_Y, { width, align: 'right', lineBreak: false });
			}
			x += column.width;
		}
		y += rowHeight;
		rule(doc, y, 0.5);
	}
	return y + 14;
}

function drawTotals(doc: Doc, data: InvoicePdfData, fmt: Formatters, top: number): number {
	const width = 250;
	const x = doc.page.width - MARGIN - width;
	const valueWidth = 130;
	const paid = data.totals.amountPaidMinor ?? 0;
	let y = top;
	if (y + (paid > 0 ? 120 : 80) > bottomLimit(doc)) {
		doc.addPage();
		y = MARGIN;
	}
	const row = (label: string, minor: number, size: number, font: string) => {
		const value = fmt.money(minor);
		doc.font(font).fontSize(size).fillColor(INK);
		doc.text(label, x + CELL_X, y, { lineBreak: false });
		doc.fontSize(fittedSize(doc, value, valueWidth, size));
		const options = { width: valueWidth, align: 'right', lineBreak: false } as const;
		doc.text(value, x + width - CELL_X - valueWidth, y, options);
	};
	row(fmt.t('document.subtotal'), data.totals.subtotalMinor, BODY_SIZE, REGULAR);
	y += 18;
	row(fmt.t('document.tax'), data.totals.taxMinor, BODY_SIZE, REGULAR);
	y += 20;
	doc.rect(x, y, width, 28).fillColor(BAND).fill();
	y += 8;
	row(
		fmt.t('document.totalIn', { currency: data.invoice.currency }),
		data.totals.totalMinor,
		12,
		BOLD,
	);
	if (paid > 0) {
		y += 30;
		row(fmt.t('document.amountPaid'), paid, BODY_SIZE, REGULAR);
		y += 18;
		const balance = data.totals.balanceDueMinor ?? Math.max(data.totals.totalMinor - paid, 0);
		row(fmt.t('document.balanceDue'), balance, 11, BOLD);
		return y + 34;
	}
	return y + 40;
}

function drawNotes(doc: Doc, notes: string | null, fmt: Formatters, top: number): void {
	const text = notes?.replace(/\r\n?/g, '\n').trim();
	if (!text) return;
	let y = top;
	if (y + 40 > bottomLimit(doc)) {
		doc.addPage();
		y = MARGIN;
	}
	doc.font(BOLD).fontSize(8).fillColor(MUTED);
	doc.text(fmt.caps('document.notes'), MARGIN, y, { characterSpacing: 1 });
	// Long notes flow onto new pages by themselves (pdfkit breaks at the bottom margin).
	doc.moveDown(0.4).font(REGULAR).fontSize(BODY_SIZE).fillColor(INK);
	doc.text(text, MARGIN, doc.y, { width: contentWidth(doc), lineGap: 2 });
}

/** Watermark and footer on every page, now that the page count is known. */
function decoratePages(doc: Doc, data: InvoicePdfData, fmt: Formatters): void {
	const { start, count } = doc.bufferedPageRange();
	const watermark = WATERMARKED.has(statusKey(data))
		? fmt.status.toLocaleUpperCase(data.locale)
		: null;
	for (let index = start; index < start + count; index++) {
		doc.switchToPage(index);
		// Writing below the bottom margin would otherwise make pdfkit add a page.
		const margins = doc.page.margins;
		doc.page.margins = { ...margins, bottom: 0 };
		if (watermark) {
			const cx = doc.page.width / 2;
			const cy = doc.page.height / 2;
			doc.save().rotate(-35, { origin: [cx, cy] });
			doc.font(BOLD).fontSize(110);
			const width = doc.widthOfString(watermark, { characterSpacing: 8 });
			doc.fillColor('#9ca3af').fillOpacity(0.16);
			doc.text(watermark, cx - width / 2, cy - 60, { lineBreak: false, characterSpacing: 8 });
			doc.restore();
		}
		const y = doc.page.height - 42;
		const width = contentWidth(doc);
		rule(doc, y - 10, 0.5);
		doc.font(REGULAR).fontSize(8).fillColor(MUTED);
		const left = fmt.t('document.footer', {
			number: data.invoice.number,
			business: data.business.name,
		});
		const oneLine = doc.currentLineHeight();
		doc.text(left, MARGIN, y, { width: width - 100, height: oneLine, ellipsis: true });
		const page = fmt.t('document.page', { page: index - start + 1, count });
		doc.text(page, MARGIN + width - 90, y, { width: 90, align: 'right', lineBreak: false });
		doc.page.margins = margins;
	}
}

import type { RouterOutputs } from '@rapport/api';
import { defaultDueDate, minorToDecimalString, todayUtc } from '@rapport/api/domain';

export interface EditorItem {
	description: string;
	quantity: string;
	unitPrice: string;
	taxRate: string;
}

export interface EditorValues {
	number: string;
	issueDate: string;
	dueDate: string;
	notes: string;
	items: EditorItem[];
}

export function newInvoiceValues(number: string, paymentTermsDays: number): EditorValues {
	const issueDate = todayUtc();
	return {
		number,
		issueDate,
		dueDate: defaultDueDate(issueDate, paymentTermsDays),
		notes: '',
		items: [{ description: '', quantity: '1', unitPrice: '', taxRate: '0' }],
	};
}

export function invoiceToValues(invoice: RouterOutputs['invoices']['byId']): EditorValues {
	return {
		number: invoice.number,
		issueDate: invoice.issueDate,
		dueDate: invoice.dueDate,
		notes: invoice.notes ?? '',
		items: invoice.items.map((item) => ({
			description: item.description,
			quantity: item.quantity,
			unitPrice: minorToDecimalString(item.unitPriceMinor, invoice.currency),
			taxRate: item.taxRate,
		})),
	};
}

/** The codes most small businesses invoice in; any other valid ISO 4217 code is kept as is. */
export const COMMON_CURRENCIES = [
	'USD',
	'EUR',
	'GBP',
	'CAD',
	'AUD',
	'JPY',
	'CHF',
	'SEK',
	'NOK',
	'DKK',
	'NZD',
	'INR',
	'BRL',
	'MXN',
	'ZAR',
	'SGD',
	'HKD',
] as const;

// A fixed locale keeps the server render and the browser render identical.
const names = new Intl.DisplayNames(['en'], { type: 'currency' });

/** Select options: the common codes, plus the business's current code(s) when not among them. */
export function currencyOptions(keep: string[]): { code: string; label: string }[] {
	const extra = keep.filter(
		(code) => code && !(COMMON_CURRENCIES as readonly string[]).includes(code),
	);
	return [...new Set([...extra, ...COMMON_CURRENCIES])].map((code) => ({
		code,
		label: `${code} — ${currencyName(code)}`,
	}));
}

function currencyName(code: string): string {
	try {
		return names.of(code) ?? code;
	} catch {
		return code;
	}
}

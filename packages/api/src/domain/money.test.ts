import { describe, expect, it } from 'vitest';
import {
	currencyDigits,
	divRoundHalfAwayFromZero,
	formatDecimal,
	formatMoney,
	invoiceTotals,
	lineAmounts,
	minorToDecimalString,
	parseDecimal,
	parseMoney,
} from './money.ts';

describe('decimals', () => {
	it('parses exactly, refusing extra places and junk', () => {
		expect(parseDecimal('1.5', 3)).toBe(1500n);
		expect(parseDecimal('0.125', 3)).toBe(125n);
		expect(parseDecimal('.5', 3)).toBe(500n);
		expect(parseDecimal('2', 3)).toBe(2000n);
		expect(parseDecimal('-0.1', 3)).toBe(-100n);
		expect(parseDecimal('1.2345', 3)).toBeNull();
		expect(parseDecimal('1e3', 3)).toBeNull();
		expect(parseDecimal('1,5', 3)).toBeNull();
		expect(parseDecimal('', 3)).toBeNull();
	});

	it('formats without trailing zeros', () => {
		expect(formatDecimal(1500n, 3)).toBe('1.5');
		expect(formatDecimal(2000n, 3)).toBe('2');
		expect(formatDecimal(5n, 3)).toBe('0.005');
	});

	it('rounds half away from zero', () => {
		expect(divRoundHalfAwayFromZero(5n, 2n)).toBe(3n);
		expect(divRoundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
		expect(divRoundHalfAwayFromZero(4n, 3n)).toBe(1n);
		expect(divRoundHalfAwayFromZero(2n, 3n)).toBe(1n);
	});
});

describe('money', () => {
	it('knows minor units per currency', () => {
		expect(currencyDigits('USD')).toBe(2);
		expect(currencyDigits('JPY')).toBe(0);
		expect(currencyDigits('BHD')).toBe(3);
	});

	it('parses and prints amounts in the currency', () => {
		expect(parseMoney('19.99', 'USD')).toBe(1999);
		expect(parseMoney('0.1', 'USD')).toBe(10);
		expect(parseMoney('19.999', 'USD')).toBeNull();
		expect(parseMoney('1500', 'JPY')).toBe(1500);
		expect(parseMoney('1500.5', 'JPY')).toBeNull();
		expect(minorToDecimalString(1999, 'USD')).toBe('19.99');
		expect(minorToDecimalString(5, 'USD')).toBe('0.05');
		expect(minorToDecimalString(1500, 'JPY')).toBe('1500');
		expect(formatMoney(123450, 'USD')).toBe('$1,234.50');
		expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
		expect(formatMoney(123450, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
	});
});

describe('invoice lines and totals (hand-worked examples)', () => {
	it('1.5 × 80.00 + 2 × 19.99 = 159.98', () => {
		const totals = invoiceTotals([
			{ quantity: '1.5', unitPriceMinor: 8000, taxRate: '0' },
			{ quantity: '2', unitPriceMinor: 1999, taxRate: '0' },
		]);
		expect(totals).toMatchObject({ subtotalMinor: 15998, taxMinor: 0, totalMinor: 15998 });
	});

	it('0.1 + 0.2 is exactly 0.30', () => {
		const totals = invoiceTotals([
			{ quantity: '1', unitPriceMinor: 10, taxRate: '0' },
			{ quantity: '1', unitPriceMinor: 20, taxRate: '0' },
		]);
		expect(totals.totalMinor).toBe(30);
	});

	it('rounds each line half away from zero: 0.333 × 0.15 = 0.04995 → 0.05', () => {
		expect(lineAmounts({ quantity: '0.333', unitPriceMinor: 15, taxRate: '0' }).netMinor).toBe(5);
		// 0.125 × 0.10 = 0.0125 → 0.01 (below half)
		expect(lineAmounts({ quantity: '0.125', unitPriceMinor: 10, taxRate: '0' }).netMinor).toBe(1);
		// 0.5 × 0.01 = 0.005 → 0.01 (exactly half, away from zero)
		expect(lineAmounts({ quantity: '0.5', unitPriceMinor: 1, taxRate: '0' }).netMinor).toBe(1);
	});

	it('taxes per line on the rounded net: 3 × 3.33 at 8.875 % → net 9.99, tax 0.89', () => {
		// 9.99 × 0.08875 = 0.8866125 → 0.89
		expect(lineAmounts({ quantity: '3', unitPriceMinor: 333, taxRate: '8.875' })).toEqual({
			netMinor: 999,
			taxMinor: 89,
		});
		// 10.50 × 20 % = 2.10
		expect(lineAmounts({ quantity: '1', unitPriceMinor: 1050, taxRate: '20' })).toEqual({
			netMinor: 1050,
			taxMinor: 210,
		});
	});

	it('sums rounded lines, so the printed figures always add up', () => {
		// Each line: 1 × 0.05 at 10 % → tax 0.005 → 0.01; three lines → 0.03 (not round(0.015) = 0.02)
		const line = { quantity: '1', unitPriceMinor: 5, taxRate: '10' };
		expect(invoiceTotals([line, line, line])).toMatchObject({
			subtotalMinor: 15,
			taxMinor: 3,
			totalMinor: 18,
		});
	});

	it('works in currencies without minor units (JPY)', () => {
		// 2.5 × ¥333 = 832.5 → ¥833; tax 10 % = 83.3 → ¥83
		expect(lineAmounts({ quantity: '2.5', unitPriceMinor: 333, taxRate: '10' })).toEqual({
			netMinor: 833,
			taxMinor: 83,
		});
	});

	it('handles the largest allowed line exactly', () => {
		// 100,000 × 1,000,000.00 = 100,000,000,000.00
		expect(
			lineAmounts({ quantity: '100000', unitPriceMinor: 100_000_000, taxRate: '0' }).netMinor,
		).toBe(10_000_000_000_000);
	});
});

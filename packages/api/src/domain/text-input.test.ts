import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
	cleanMultiLine,
	multiLineText,
	recordId,
	singleLineText,
	toSingleLine,
} from './text-input.ts';

const messages = (schema: z.ZodType, value: unknown) => {
	const parsed = schema.safeParse(value);
	return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('singleLineText', () => {
	const name = singleLineText('Name', 10).min(1, 'Name is required');

	it('drops NUL, trims, and keeps everything else printable', () => {
		expect(name.parse('  Ana\u0000 Lu ')).toBe('Ana Lu');
		expect(name.parse('Zoë 🌷')).toBe('Zoë 🌷');
	});

	it.each([
		['line feed', 'Ana\nLu'],
		['carriage return', 'Ana\rLu'],
		['tab', 'Ana\tLu'],
		['escape', 'Ana\u001b[31m'],
		['DEL', 'Ana\u007f'],
		['C1 control', 'Ana\u0085'],
		['line separator', 'Ana\u2028Lu'],
		['trailing CR/LF', 'Ana\r\n'],
	])('refuses a %s with a message naming the field', (_, value) => {
		expect(messages(name, value)).toEqual([
			'Name must be a single line without tabs or control characters',
		]);
	});

	it('caps the length after cleaning and says so', () => {
		expect(messages(name, 'x'.repeat(11))).toEqual(['Name must be at most 10 characters']);
		expect(name.parse(`${'x'.repeat(10)}\u0000`)).toBe('x'.repeat(10));
	});

	it('refuses non-strings with a plain message', () => {
		expect(messages(name, 42)).toEqual(['Name must be text']);
	});

	it('repairs lone surrogates (JSON can carry them, PostgreSQL cannot)', () => {
		expect(name.parse('a\ud800b')).toBe('a\ufffdb');
	});
});

describe('multiLineText', () => {
	const note = multiLineText('Note', 20);

	it('keeps tabs and line feeds, normalises line endings, drops other controls', () => {
		expect(note.parse('a\r\nb\rc\n\td')).toBe('a\nb\nc\n\td');
		expect(note.parse('a\u0000b\u0007c\u001bd\u007f')).toBe('abcd');
		expect(cleanMultiLine('x\u2028y')).toBe('x\ny');
	});

	it('caps the length with a message', () => {
		expect(messages(note, 'x'.repeat(21))).toEqual(['Note must be at most 20 characters']);
	});
});

describe('toSingleLine', () => {
	it('turns each run of control characters into one space', () => {
		expect(toSingleLine(' Ana\r\n\tLu\u0000\u2028')).toBe('Ana Lu');
	});
});

describe('recordId', () => {
	it('accepts uuids and refuses anything else with a plain message', () => {
		expect(recordId.parse('6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f')).toBeTruthy();
		for (const bad of ['abc', '', "1' or '1'='1", 'x'.repeat(36), 42]) {
			expect(messages(recordId, bad)).toEqual(['Not a valid id']);
		}
	});
});

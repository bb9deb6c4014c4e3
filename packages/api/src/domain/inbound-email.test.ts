import { describe, expect, it } from 'vitest';
import {
	heldReasonLabel,
	inboundAddress,
	inboundLocalPartsIn,
	stripQuotedHistory,
	threadingKeys,
} from './inbound-email.ts';

describe('stripQuotedHistory', () => {
	it('cuts Gmail-style attribution and quotes', () => {
		const text =
			'Yes, Friday works!\n\nThanks,\nAda\n\nOn Mon, 23 Nov 2026 at 10:00, Bloom <hi@bloom.test> wrote:\n> Can we deliver on Friday?\n> Best';
		expect(stripQuotedHistory(text)).toBe('Yes, Friday works!\n\nThanks,\nAda');
	});

	it('handles attributions wrapped over two lines', () => {
		expect(
			stripQuotedHistory(
				'Great\n\nOn Mon, 23 Nov 2026 at 10:00, Bloom &\nCo <hi@bloom.test> wrote:\n> old',
			),
		).toBe('Great');
	});

	it('cuts Outlook headers and original-message separators', () => {
		expect(stripQuotedHistory('Paid today.\r\n\r\n-----Original Message-----\r\nFrom: Bloom')).toBe(
			'Paid today.',
		);
		expect(
			stripQuotedHistory(
				'Paid.\n\nFrom: Bloom <hi@bloom.test>\nSent: Monday\nTo: Ada\nSubject: Invoice',
			),
		).toBe('Paid.');
	});

	it('drops trailing quote lines and keeps text without history untouched', () => {
		expect(stripQuotedHistory('See you\n> earlier text\n> more')).toBe('See you');
		expect(stripQuotedHistory('Just a note.\nSecond line.')).toBe('Just a note.\nSecond line.');
	});

	it('never returns nothing: an all-quote message keeps its text', () => {
		expect(stripQuotedHistory('> only quoted')).toBe('> only quoted');
	});
});

describe('threadingKeys', () => {
	it('finds the reply token among the recipients and collects referenced ids', () => {
		const keys = threadingKeys({
			recipients: ['"Bloom" <reply+0123456789abcdef0123456789abcdef@rapport.test>'],
			inReplyTo: '<a@rapport.test>',
			references: '<root@rapport.test> <a@rapport.test>',
		});
		expect(keys).toEqual({
			replyToken: '0123456789abcdef0123456789abcdef',
			referencedIds: ['<a@rapport.test>', '<root@rapport.test>'],
		});
	});

	it('has nothing to go on for a brand-new email', () => {
		expect(threadingKeys({ recipients: ['hello@bloom.test'] })).toEqual({
			replyToken: null,
			referencedIds: [],
		});
	});
});

describe('issued inbound addresses', () => {
	it('are found only at the inbound domain, and a reply+token address is never one', () => {
		expect(
			inboundLocalPartsIn(
				[
					'Bloom-Abcdefghij@In.Rapport.Test',
					'bloom-abcdefghij@other.test',
					'reply+0123456789abcdef0123456789abcdef@in.rapport.test',
				],
				'in.rapport.test',
			),
		).toEqual(['bloom-abcdefghij']);
		expect(inboundAddress('bloom-abcdefghij', 'in.rapport.test')).toBe(
			'bloom-abcdefghij@in.rapport.test',
		);
	});

	it('held mail says why it is held', () => {
		expect(heldReasonLabel('unknown-sender')).toBe('Unknown sender');
		expect(heldReasonLabel('unreadable', 'it nests 2000 multipart sections')).toBe(
			'Could not be read: it nests 2000 multipart sections',
		);
	});
});

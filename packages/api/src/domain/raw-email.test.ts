import { describe, expect, it } from 'vitest';
import { addressesInHeaders, rawEmailOverLimit, scanRawEmail } from './raw-email.ts';

const scan = (text: string) => scanRawEmail(Buffer.from(text, 'latin1'));

describe('scanRawEmail', () => {
	it('reads the routing headers, unfolded, without a MIME parser', () => {
		const result = scan(
			'From: Ada <ada@example.test>\r\nTo: a@x.test,\r\n  reply+abcdef0123456789@rapport.test\r\nSubject: Hi\r\n\r\nTo: not-a-header@body.test\r\n',
		);
		expect(result.headers.get('to')).toEqual(['a@x.test, reply+abcdef0123456789@rapport.test']);
		expect(result.headerCount).toBe(3);
		expect(addressesInHeaders(result.headers.get('to')!)).toEqual([
			'a@x.test',
			'reply+abcdef0123456789@rapport.test',
		]);
	});

	it('counts declared multiparts and their boundary lines, not other lines starting with --', () => {
		const result = scan(
			'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n-- \r\nsignature\r\n--b1--\r\n',
		);
		expect(result).toMatchObject({ multiparts: 1, boundaryLines: 2 });
		expect(rawEmailOverLimit(result)).toBeNull();
	});

	it('says why a MIME bomb is not parsed', () => {
		const headers = Array.from({ length: 1_001 }, (_, i) => `X-${i}: y`).join('\r\n');
		expect(rawEmailOverLimit(scan(`${headers}\r\n\r\nbody`))).toMatch(/1001 header fields/);
		let nested = '';
		for (let i = 0; i < 101; i++)
			nested += `Content-Type: multipart/mixed; boundary=n${i}\r\n\r\n--n${i}\r\n`;
		expect(rawEmailOverLimit(scan(nested))).toMatch(/nests 101 multipart sections/);
	});
});

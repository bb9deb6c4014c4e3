import { describe, expect, it } from 'vitest';
import { allowedNextUrl, postingOrigin } from './form-redirect.ts';

describe('postingOrigin', () => {
	it('prefers Origin, falls back to Referer, ignores opaque or odd values', () => {
		expect(postingOrigin({ origin: 'https://shop.example', referer: null })).toBe(
			'https://shop.example',
		);
		expect(postingOrigin({ origin: 'null', referer: 'https://shop.example/contact?x=1' })).toBe(
			'https://shop.example',
		);
		expect(postingOrigin({ origin: null, referer: 'file:///tmp/form.html' })).toBeNull();
		expect(postingOrigin({ origin: 'garbage', referer: null })).toBeNull();
	});
});

describe('allowedNextUrl', () => {
	const origin = 'https://shop.example';

	it('allows http(s) pages on the posting host, absolute or relative', () => {
		expect(allowedNextUrl('https://shop.example/thanks', origin)).toBe(
			'https://shop.example/thanks',
		);
		expect(allowedNextUrl('/thanks?from=form', origin)).toBe(
			'https://shop.example/thanks?from=form',
		);
		expect(allowedNextUrl('http://shop.example/thanks', origin)).toBe('http://shop.example/thanks');
	});

	it.each([
		['https://evil.example/phish'],
		['//evil.example/phish'],
		['https://shop.example.evil.example/'],
		['https://shop.example:8443/thanks'],
		['javascript:alert(1)'],
		['data:text/html,hi'],
		['https://user:pass@shop.example/'],
		[''],
	])('refuses %s', (next) => {
		expect(allowedNextUrl(next, origin)).toBeNull();
	});

	it('refuses everything when the posting page is unknown', () => {
		expect(allowedNextUrl('https://shop.example/thanks', null)).toBeNull();
	});
});

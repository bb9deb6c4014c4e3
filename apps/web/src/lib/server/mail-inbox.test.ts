import { describe, expect, it } from 'vitest';
import { mailInboxUrl } from './mail-inbox.ts';

const local = { SMTP_URL: 'smtp://127.0.0.1:2525' };

describe('mailInboxUrl', () => {
	it('links the local catcher at its root, never at /index.html', () => {
		expect(mailInboxUrl({ ...local, MAILCATCHER_URL: 'http://localhost:1080/' })).toBe(
			'http://localhost:1080/',
		);
		expect(mailInboxUrl({ ...local, MAILCATCHER_URL: 'http://localhost:1080/index.html' })).toBe(
			'http://localhost:1080/',
		);
		expect(mailInboxUrl({ ...local, MAILCATCHER_URL: 'http://127.0.0.1:1080' })).toBe(
			'http://127.0.0.1:1080/',
		);
	});

	it('is hidden unless a catcher on this machine receives the mail', () => {
		expect(mailInboxUrl(local)).toBeNull();
		expect(
			mailInboxUrl({
				SMTP_URL: 'smtp://user:pw@smtp.example.com:587',
				MAILCATCHER_URL: 'http://localhost:1080/',
			}),
		).toBeNull();
		expect(mailInboxUrl({ MAILCATCHER_URL: 'http://localhost:1080/' })).toBeNull();
		expect(mailInboxUrl({ ...local, MAILCATCHER_URL: 'https://mail.example.com/' })).toBeNull();
	});
});

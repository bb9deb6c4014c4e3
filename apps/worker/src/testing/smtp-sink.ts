import { type AddressInfo, createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
	port: number;
	url: string;
	messages: ParsedMail[];
	/** Resolves once `count` messages have arrived (or rejects after `timeoutMs`). */
	waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
	close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps what it receives; optionally refuses recipients. */
export async function startSmtpSink(opts: { rejectRecipient?: RegExp } = {}): Promise<SmtpSink> {
	const messages: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (opts.rejectRecipient?.test(address.address)) {
				const error = Object.assign(new Error('No such user here'), { responseCode: 550 });
				return callback(error);
			}
			callback();
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					messages.push(mail);
					callback();
				})
				.catch(callback);
		},
	});
	const port = await new Promise<number>((resolve) => {
		server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
	});
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		messages,
		async waitFor(count, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			while (messages.length < count) {
				if (Date.now() > deadline)
					throw new Error(`expected ${count} emails, got ${messages.length}`);
				await new Promise((r) => setTimeout(r, 50));
			}
			return messages;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/** A loopback port with nothing listening: an SMTP server that is down. */
export async function closedPort(): Promise<number> {
	const srv = createServer();
	await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
	const { port } = srv.address() as AddressInfo;
	await new Promise<void>((r) => srv.close(() => r()));
	return port;
}

// A real SMTP sink with a JSON view of what it received, for the end-to-end tests:
//   node smtp-sink-server.ts <smtp port> <http port>
// GET /email lists the messages (to, from, subject, text, html, attachment names and files).
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const [smtpPort, httpPort] = process.argv.slice(2).map(Number);
const received: object[] = [];

new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	onData(stream, _session, callback) {
		simpleParser(stream)
			.then((mail) => {
				const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
				received.push({
					to: to.flatMap((a) => a.value.map((v) => ({ address: v.address }))),
					from: mail.from?.value.map((v) => ({ name: v.name, address: v.address })) ?? [],
					// As sent, to check how the display name is written (quoted, encoded).
					fromHeader: mail.headerLines.find((h) => h.key === 'from')?.line ?? null,
					subject: mail.subject ?? '',
					text: mail.text ?? '',
					html: mail.html || '',
					replyTo: mail.replyTo?.text ?? null,
					attachments: mail.attachments.map((a) => a.filename),
					files: mail.attachments.map((a) => ({
						filename: a.filename,
						contentType: a.contentType,
						base64: a.content.toString('base64'),
					})),
				});
				callback();
			})
			.catch(callback);
	},
}).listen(smtpPort, '127.0.0.1');

createServer((req, res) => {
	res.setHeader('content-type', 'application/json');
	res.end(JSON.stringify(req.url === '/email' ? received : { ok: true }));
}).listen(httpPort, '127.0.0.1', () => console.log(`smtp sink on ${smtpPort}, api on ${httpPort}`));

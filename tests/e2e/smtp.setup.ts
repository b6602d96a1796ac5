/** Global setup of the browser tests: a real SMTP server on loopback that writes each message to a file. */
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export const SMTP_PORT = 2526;
export const MAIL_DIR = path.resolve('test-results/e2e-mail');

export default async function setup() {
	fs.rmSync(MAIL_DIR, { recursive: true, force: true });
	fs.mkdirSync(MAIL_DIR, { recursive: true });
	let count = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		// The servers' mail pools keep connections open: at the end they are cut at once.
		closeTimeout: 1000,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const to = session.envelope.rcptTo.map((r) => r.address).join(',');
				fs.writeFileSync(
					path.join(MAIL_DIR, `${String(++count).padStart(5, '0')}-${to}.eml`),
					Buffer.concat(chunks)
				);
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(SMTP_PORT, '127.0.0.1', resolve));
	return async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
}

/** A real SMTP server on loopback for the unit tests, closed after each test. */
import { SMTPServer } from 'smtp-server';
import { afterEach } from 'vitest';

export interface Received {
	to: string[];
	raw: string;
}

export interface TestSmtp {
	port: number;
	received: Received[];
	stop(): Promise<void>;
}

const running = new Set<SMTPServer>();
afterEach(async () => {
	for (const server of running) await close(server);
});

function close(server: SMTPServer): Promise<void> {
	running.delete(server);
	return new Promise((resolve) => server.close(() => resolve()));
}

/** Starts a server that keeps what it receives; port 0 takes a free one. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
	const received: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
				callback();
			});
		}
	});
	running.add(server);
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		port: (server.server.address() as { port: number }).port,
		received,
		stop: () => close(server)
	};
}

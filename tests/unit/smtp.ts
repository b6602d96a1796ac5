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
	/** The most connections that were open at once. */
	peakConnections(): number;
	stop(): Promise<void>;
}

export interface SmtpOptions {
	/** A reply code (4xx: try later, 5xx: never) for a message to this recipient, or null to take it. */
	refuse?: (to: string) => number | null;
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
export async function startSmtp(port = 0, options: SmtpOptions = {}): Promise<TestSmtp> {
	const received: Received[] = [];
	let open = 0;
	let peak = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		// A pooled transport keeps its connections open: closing ends them at once.
		closeTimeout: 50,
		onConnect(_session, callback) {
			peak = Math.max(peak, ++open);
			callback();
		},
		onClose() {
			open--;
		},
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				const to = session.envelope.rcptTo.map((r) => r.address);
				const code = options.refuse?.(to[0] ?? '') ?? null;
				if (code !== null)
					return callback(Object.assign(new Error('refused'), { responseCode: code }));
				received.push({ to, raw });
				callback();
			});
		}
	});
	running.add(server);
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		port: (server.server.address() as { port: number }).port,
		received,
		peakConnections: () => peak,
		stop: () => close(server)
	};
}

/** The SMTP transport (nodemailer), and the loop in the server process that empties the outbox. */
import net from 'node:net';
import nodemailer from 'nodemailer';
import type { Db } from '../db';
import { deliverDueMail, type MailTransport } from './outbox';

export interface PoolSettings {
	/** Connections open to the relay at once. */
	connections: number;
	/** The most messages a second the relay takes from this process (SES, Postfix state one); 0: no limit. */
	perSecond: number;
}

/**
 * A pool of connections that each carry many messages: a new connection (and its TLS
 * handshake) per message held a relay on loopback to 7 messages a second (issue 19).
 */
export function smtpTransport(
	url: string,
	from: string,
	{ connections, perSecond }: PoolSettings = { connections: 4, perSecond: 0 }
): MailTransport & { close(): void } {
	// Given a URL, nodemailer takes its settings from the URL alone, so they go in its query.
	const pooled = new URL(url);
	const settings: Record<string, number | boolean> = {
		pool: true,
		maxConnections: connections,
		// A connection is renewed now and then, as relays end long sessions themselves.
		maxMessages: 1000,
		...(perSecond > 0 ? { rateDelta: 1000, rateLimit: perSecond } : {})
	};
	for (const [name, value] of Object.entries(settings))
		pooled.searchParams.set(name, String(value));
	const transporter = nodemailer.createTransport(pooled.toString());
	// nodemailer's documented hook for the connection; its TypeScript types leave it out.
	Object.assign(transporter, { getSocket: connectWithoutDelay });
	return {
		async send(message) {
			await transporter.sendMail({ from, ...message });
		},
		close: () => transporter.close()
	};
}

// How long a relay may take to accept the connection.
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * The connection to the relay, with Nagle's algorithm off. With it on, the last small write of
 * each message (the lone "." that ends it) waited for the relay's delayed ACK, some 40 ms: a
 * pooled connection on loopback carried 20 messages a second instead of several hundred. An
 * implicitly encrypted relay (smtps://) is left to nodemailer, which sets up its TLS.
 */
function connectWithoutDelay(
	options: { host?: string; port?: number; secure?: boolean },
	callback: (error: Error | null, socket?: { connection: net.Socket } | false) => void
): void {
	if (options.secure || !options.host || !options.port) return callback(null, false);
	const socket = net.connect({ host: options.host, port: options.port });
	socket.setNoDelay(true);
	socket.setTimeout(CONNECT_TIMEOUT_MS, () =>
		socket.destroy(new Error(`no connection to ${options.host}:${options.port} in 30 s`))
	);
	socket.once('error', (error) => callback(error));
	socket.once('connect', () => {
		socket.setTimeout(0);
		socket.removeAllListeners('error');
		callback(null, { connection: socket });
	});
}

/** Runs deliverDueMail every few seconds; returns a function that stops it. */
export function startMailer(
	db: Db,
	transport: MailTransport & { close(): void },
	intervalMs = 2000
): () => void {
	let running = false;
	const timer = setInterval(async () => {
		if (running) return;
		running = true;
		try {
			await deliverDueMail(db, transport);
		} catch (error) {
			console.error('mailer:', (error as Error).message);
		} finally {
			running = false;
		}
	}, intervalMs);
	timer.unref();
	return () => {
		clearInterval(timer);
		transport.close();
	};
}

/**
 * npm run bench:mail: the evening's e-mails through the real outbox and mailer (issue 19) into a
 * loopback SMTP sink on a thread of its own: a plain sink, a sink that takes 50 ms a message,
 * and one that refuses 1 % of messages for now (451) once. In the same run, the old way — one
 * message at a time, each on a new connection — on a few hundred messages, for the ratio.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDatabase, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { deliverDueMail, type MailTransport } from '../../src/lib/server/mail/outbox';
import { smtpTransport } from '../../src/lib/server/mail/smtp';
import nodemailer from 'nodemailer';
import { readCommand } from '../cli';
import { benchFolder } from './setup';

const { options } = readCommand({
	usage:
		'npm run bench:mail -- [--messages N] [--slow-messages M] [--connections C] [--per-second R]',
	about:
		'Delivers queued messages to a loopback SMTP sink: plain, slow (50 ms a message) and with 1 % refused for now; prints messages a second and the time to the last, and the old one-connection-a-message way for the ratio.',
	options: {
		messages: 'N, messages for the plain sink and the one that refuses 1 % (30000)',
		'slow-messages': 'M, messages for the slow sink (5000)',
		connections: 'C, connections of the pool (MAIL_CONNECTIONS; 4)',
		'per-second': 'R, the pool’s rate limit, 0 for none (MAIL_PER_SECOND; 0)'
	}
});
const count = (name: keyof typeof options, fallback: number) => {
	const value = Number(options[name] ?? fallback);
	if (!Number.isInteger(value) || value < 0) {
		console.error(`--${name} takes a whole number`);
		process.exit(2);
	}
	return value;
};
const messages = count('messages', 30_000);
const slowMessages = count('slow-messages', 5_000);
const pool = { connections: count('connections', 4), perSecond: count('per-second', 0) };

/** The sink, on its own thread as a relay would be its own machine: what it took, and when. */
interface Sink {
	port: number;
	taken(): Promise<{ count: number; lastAt: number }>;
	stop(): Promise<void>;
}

const SINK = `
const { parentPort, workerData } = require('node:worker_threads');
const { SMTPServer } = require('smtp-server');
let count = 0, lastAt = 0;
const refused = new Set();
const server = new SMTPServer({
	authOptional: true, disabledCommands: ['STARTTLS'], closeTimeout: 100, logger: false,
	onData(stream, session, callback) {
		stream.on('data', () => {});
		stream.on('end', () => {
			const to = session.envelope.rcptTo[0].address;
			const index = Number(/^m(\\d+)@/.exec(to)[1]);
			if (workerData.refuseEvery && index % workerData.refuseEvery === 0 && !refused.has(to)) {
				refused.add(to);
				const error = new Error('try again later'); error.responseCode = 451;
				return callback(error);
			}
			setTimeout(() => { count++; lastAt = Date.now(); callback(); }, workerData.delayMs);
		});
	}
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.server.address().port }));
parentPort.on('message', (message) => {
	if (message === 'taken') parentPort.postMessage({ count, lastAt });
	else server.close(() => parentPort.postMessage('closed'));
});
`;

async function startSink(settings: { delayMs: number; refuseEvery: number }): Promise<Sink> {
	const worker = new Worker(SINK, { eval: true, workerData: settings });
	const next = <T>() => new Promise<T>((resolve) => worker.once('message', resolve));
	const { port } = await next<{ port: number }>();
	return {
		port,
		taken: () => {
			const answer = next<{ count: number; lastAt: number }>();
			worker.postMessage('taken');
			return answer;
		},
		stop: async () => {
			const closed = next();
			worker.postMessage('stop');
			await closed;
			await worker.terminate();
		}
	};
}

const text = 'Atgādinājums: rīt, 7. decembrī, tiks izvesti sadzīves atkritumi.\n'.repeat(20);
const html = `<p>${text.replaceAll('\n', '<br>')}</p>`.repeat(2);

/** An empty outbox with `total` messages due at `at`, as the evening's pass queues them. */
async function queue(db: Db, total: number, at: Date): Promise<void> {
	await db.deleteFrom('outbox').execute();
	const rows = Array.from({ length: total }, (_, i) => ({
		idempotency_key: `bench:${i}`,
		recipient: `m${i}@example.lv`,
		subject: `Atgādinājums Nr. ${i}`,
		text_body: text,
		html_body: html,
		headers: null,
		status: 'queued' as const,
		next_attempt_at: at.toISOString(),
		created_at: at.toISOString()
	}));
	for (let i = 0; i < rows.length; i += 500)
		await db
			.insertInto('outbox')
			.values(rows.slice(i, i + 500))
			.execute();
}

/** The old mailer: one message at a time, each on a connection of its own. */
function oneConnectionEach(url: string): MailTransport {
	const transporter = nodemailer.createTransport(url);
	return {
		send: async (message) => void (await transporter.sendMail({ from: 'b@k.test', ...message }))
	};
}

interface Measured {
	sent: number;
	seconds: number;
	toLast: number;
}

async function measure(
	db: Db,
	total: number,
	sink: { delayMs: number; refuseEvery: number },
	deliver: (url: string, at: Date) => Promise<number>
): Promise<Measured> {
	const t0 = new Date();
	await queue(db, total, t0);
	const running = await startSink(sink);
	const url = `smtp://127.0.0.1:${running.port}`;
	const started = Date.now();
	let sent = await deliver(url, t0);
	// What was refused for now is due again 30 s later: the clock is turned, not waited for.
	if (sink.refuseEvery) sent += await deliver(url, new Date(t0.getTime() + 31_000));
	const seconds = (Date.now() - started) / 1000;
	const { count: taken, lastAt } = await running.taken();
	await running.stop();
	if (taken !== total || sent !== total)
		throw new Error(`${total} queued, ${sent} marked sent, ${taken} taken by the sink`);
	return { sent, seconds, toLast: (lastAt - started) / 1000 };
}

const folder = path.join(benchFolder, 'mail');
fs.rmSync(folder, { recursive: true, force: true });
fs.mkdirSync(folder, { recursive: true });
const db = openDatabase(path.join(folder, 'klientiem.sqlite'));
await migrateToLatest(db);

const pooled = async (url: string, at: Date) => {
	const transport = smtpTransport(url, 'b@k.test', pool);
	try {
		return await deliverDueMail(db, transport, at);
	} finally {
		transport.close();
	}
};
const row = (name: string, m: Measured) =>
	`  ${name.padEnd(34)} ${String(m.sent).padStart(6)}  ${m.seconds.toFixed(1).padStart(6)} s  ${Math.round(
		m.sent / m.seconds
	)
		.toString()
		.padStart(5)}/s  last after ${m.toLast.toFixed(1)} s`;

const oldWay = 300;
console.log(
	`Mail to a loopback SMTP sink (SQLite outbox; pool of ${pool.connections} connections${pool.perSecond ? `, at most ${pool.perSecond}/s` : ''})`
);
console.log(
	`  ${'sink'.padEnd(34)} ${'sent'.padStart(6)}  ${'time'.padStart(8)}  ${'rate'.padStart(7)}`
);
// As the mailer was: each message claimed and marked on its own, sent on a new connection.
const old = await measure(db, oldWay, { delayMs: 0, refuseEvery: 0 }, (url, at) =>
	deliverDueMail(db, oneConnectionEach(url), at, 1)
);
console.log(row('plain, one connection a message', old));
const plain = await measure(db, messages, { delayMs: 0, refuseEvery: 0 }, pooled);
console.log(row('plain, pooled', plain));
const slow = await measure(db, slowMessages, { delayMs: 50, refuseEvery: 0 }, pooled);
console.log(row('50 ms a message, pooled', slow));
const refusing = await measure(db, messages, { delayMs: 0, refuseEvery: 100 }, pooled);
console.log(row('1 % refused for now once, pooled', refusing));
console.log(
	`  pooled / one connection a message: ${(plain.sent / plain.seconds / (old.sent / old.seconds)).toFixed(1)} ×`
);
const rate = plain.sent / plain.seconds;
const goal = (met: boolean) => (met ? 'met' : 'NOT met');
console.log(
	`  goals: at least 200 a second to the plain sink ${goal(rate >= 200)}; ${messages} in under 3 minutes ${goal(plain.toLast < 180)}`
);
await db.destroy();

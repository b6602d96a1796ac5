/**
 * Settings from the environment, read in one place. Plain process.env (not $env) so the
 * CLI scripts share this module with the server.
 */
import path from 'node:path';

export function dataDirectory(): string {
	return path.resolve(process.env.DATA_DIR ?? 'data');
}

export function databasePath(): string {
	return path.resolve(process.env.DATABASE_PATH ?? path.join(dataDirectory(), 'klientiem.sqlite'));
}

/**
 * On SQLite, the billing system's data lives in a file of its own beside the portal's, named
 * after it (klientiem.sqlite, klientiem-billing.sqlite): see
 * migrations/20261201T1200_billing_file.ts.
 */
export function billingFileOf(file: string): string {
	if (file === ':memory:') return file;
	const { dir, name, ext } = path.parse(file);
	return path.join(dir, `${name}-billing${ext}`);
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** Where the data lives: the PostgreSQL server of DATABASE_URL when set, else the SQLite file. */
export function databaseLocation(): string {
	const url = process.env.DATABASE_URL;
	if (!url) return databasePath();
	if (!POSTGRES_URL.test(url))
		throw new Error('DATABASE_URL must be a postgres:// or postgresql:// address');
	return url;
}

export function isPostgresLocation(location: string): boolean {
	return POSTGRES_URL.test(location);
}

/** The location as it may be printed: a password in the address is hidden. */
export function describeDatabase(location: string): string {
	return isPostgresLocation(location)
		? location.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
		: location;
}

/** Connections each server process keeps to PostgreSQL. */
export function databasePoolSize(): number {
	const value = Number(process.env.DATABASE_POOL_SIZE ?? 10);
	return Number.isInteger(value) && value >= 1 && value <= 200 ? value : 10;
}

/** How long database work may wait, in milliseconds (PostgreSQL; SQLite has no server to wait for). */
export interface DatabaseLimits {
	/** For a connection from the pool, or a new one to the server. */
	connectMs: number;
	/** For one statement, on the server (statement_timeout) and, 1 s later, in the client. */
	statementMs: number;
	/** For a lock another transaction holds (lock_timeout). */
	lockMs: number;
}

function milliseconds(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	return Number.isInteger(value) && value >= 100 ? value : fallback;
}

/**
 * A request's database work gives up within seconds, so one slow table or a frozen server
 * fails that request (a 503) and not the whole process; the batch commands (the import, the
 * jobs) wait much longer for their big statements and for the portal's short locks.
 */
export function databaseLimits(work: 'request' | 'batch' = 'request'): DatabaseLimits {
	const connectMs = milliseconds('DATABASE_CONNECT_TIMEOUT_MS', 3000);
	return work === 'request'
		? {
				connectMs,
				statementMs: milliseconds('DATABASE_STATEMENT_TIMEOUT_MS', 5000),
				lockMs: milliseconds('DATABASE_LOCK_TIMEOUT_MS', 2000)
			}
		: {
				connectMs,
				statementMs: milliseconds('DATABASE_BATCH_STATEMENT_TIMEOUT_MS', 10 * 60 * 1000),
				lockMs: milliseconds('DATABASE_BATCH_LOCK_TIMEOUT_MS', 60 * 1000)
			};
}

/** The view-only demo logins (contract "demo", e-mail "demo"); DEMO_LOGINS=off in production. */
export function demoLoginsEnabled(): boolean {
	return process.env.DEMO_LOGINS !== 'off';
}

/** The page that shows kept e-mails: only in the demo setup, where no mail leaves the machine. */
export function mailboxPageEnabled(): boolean {
	return process.env.DEMO_MAILBOX === 'on' && !process.env.SMTP_URL;
}

/** Each response says how many queries it ran (Server-Timing), for tests and operators. */
export function serverTimingEnabled(): boolean {
	return process.env.SERVER_TIMING === 'on';
}

export function smtpUrl(): string | null {
	return process.env.SMTP_URL || null;
}

export function mailFrom(): string {
	return process.env.MAIL_FROM ?? 'Klientiem <no-reply@localhost>';
}

/** How often the mailer looks for due messages. */
export function mailPollMs(): number {
	const value = Number(process.env.MAIL_POLL_MS ?? 2000);
	return Number.isFinite(value) && value >= 100 ? value : 2000;
}

/**
 * The portal's public address, for links in e-mails sent by the scheduled jobs (no request
 * to take it from). The same ORIGIN variable adapter-node reads.
 */
export function publicOrigin(): string {
	return (process.env.ORIGIN || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '');
}

/** The in-process scheduler of notices and reminders; JOBS=off when system cron runs `npm run jobs -- once`. */
export function jobsEnabled(): boolean {
	return process.env.JOBS !== 'off';
}

/** How often the scheduler makes a pass. */
export function jobsPollMs(): number {
	const value = Number(process.env.JOBS_POLL_MS ?? 60_000);
	return Number.isFinite(value) && value >= 1000 ? value : 60_000;
}

/**
 * When the crews' rounds end, `HH:MM` on Riga's clock (ROUND_END, 18:00 unless set): before
 * it, a collection due today may still come, so it cannot be reported missed.
 */
export function roundEndTime(): string {
	const value = process.env.ROUND_END ?? '';
	return /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? value : '18:00';
}

/** A size as adapter-node reads BODY_SIZE_LIMIT: bytes, or a number and K, M or G; NaN when neither. */
export function parseSize(value: string): number {
	const match = /^(\d+(?:\.\d+)?)([KMG]?)$/i.exec(value.trim());
	if (!match) return NaN;
	const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]!.toUpperCase()] ?? NaN;
	return Math.floor(Number(match[1]) * unit);
}

/**
 * The largest body of any request but an uploaded export's: BODY_SIZE_LIMIT, 512K by default.
 * The production server hands adapter-node no limit of its own (scripts/server.ts) and keeps
 * this one in REQUEST_BODY_LIMIT; the hooks hold each request to its route's (body-limit.ts).
 */
export function requestBodyLimit(): number {
	return parseSize(process.env.REQUEST_BODY_LIMIT ?? process.env.BODY_SIZE_LIMIT ?? '512K');
}

/** The largest export an admin may upload on the console's imports page: IMPORT_UPLOAD_LIMIT, 1G by default. */
export function uploadLimit(): number {
	return parseSize(process.env.IMPORT_UPLOAD_LIMIT ?? '1G');
}

/** The mailer's pool: MAIL_CONNECTIONS at once (4), at most MAIL_PER_SECOND messages a second (no limit). */
export function mailPool(): { connections: number; perSecond: number } {
	const connections = Number(process.env.MAIL_CONNECTIONS ?? 4);
	const perSecond = Number(process.env.MAIL_PER_SECOND ?? 0);
	return {
		connections: Number.isInteger(connections) && connections >= 1 ? Math.min(connections, 50) : 4,
		perSecond: Number.isFinite(perSecond) && perSecond > 0 ? perSecond : 0
	};
}

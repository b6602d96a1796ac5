/**
 * The nightly import from the billing system. A worker thread reads and checks the export
 * while this thread writes; everything goes into one transaction, so any problem anywhere
 * rolls it all back and the portal keeps showing the previous data.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { publicOrigin } from '../config';
import { confirmRequests } from '../customer-request';
import type { RequestStatus } from '../../domain/service-request';
import { applyRequestStatuses } from '../service-request';
import { confirmCarriedOutOrders } from '../orders';
import { openBillingWriter, type Db } from '../db';
import { describeDatabaseError } from '../health';
import { acquireLease, keepLease, releaseLease } from '../lease';
import { runsBuilt } from './command';
import type { WorkerCommand, WorkerMessage } from './check-worker';
import {
	fileWhere,
	findExport,
	LINES_PER_CHUNK,
	mergeChecked,
	type CheckedChunk,
	type ExportSource
} from './check';
import { ProblemList, type Problem } from './problems';
import type { ExportHeader } from './records';
import {
	writeCatalogue,
	writeCompany,
	finishWriting,
	prepareBatch,
	startWriting,
	writeBatch,
	writeNotices,
	type WriteCounts,
	type WriteState
} from './writer';

export interface ImportOptions {
	/** The personal-code key (see personal-code.ts). */
	key: Buffer;
	now?: () => Date;
	problemLimit?: number;
	/** The portal's address, for the links in request e-mails (ORIGIN unless given). */
	origin?: string;
	/** Told the run's id once the run is recorded. */
	onStart?: (runId: number) => void;
	/** Told how far the import has come, about once a second while it reads. */
	onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
	customersRead: number;
	/** Added or changed, and so written. */
	customersWritten: number;
	elapsedMs: number;
}

export interface ImportResult {
	/** Null when not even the run could be recorded. */
	runId: number | null;
	status: 'succeeded' | 'failed';
	header: ExportHeader | null;
	counts: WriteCounts;
	problems: Problem[];
	problemCount: number;
}

/** Problems shown (and kept in the run) by default; the count covers them all. */
const PROBLEM_LIMIT = 50;

class Rejected extends Error {}

/** What the check reported, kept whether or not the data was written. */
interface Seen {
	header: ExportHeader | null;
	theirs: { shown: Problem[]; count: number };
}

/**
 * One import at a time, across every process on the database (and no SQLite backup while one
 * runs: backup.ts). A running import renews its lease every half minute; one that died is
 * replaced at once on the same host (its process is gone) and within two minutes from
 * another host.
 */
export const IMPORT_LEASE = { name: 'import', ttlMs: 2 * 60 * 1000 };

const noChanges = (): WriteCounts => ({
	companyUpdated: false,
	noticesUpdated: false,
	catalogueUpdated: false,
	customersAdded: 0,
	customersUpdated: 0,
	customersUnchanged: 0,
	rowsWritten: 0,
	requestsAnswered: 0,
	requestsUnknown: []
});

// Starting a worker costs most of a small import's time from the sources (tsx loading the
// check's sources, some 0.7 s): a worker that finished its export waits this long for another
// before it ends.
const IDLE_WORKER_MS = 15_000;
const idleWorkers = new Set<Worker>();

async function* noChunks(): AsyncGenerator<CheckedChunk> {}

function takeWorker(): Worker {
	for (const worker of idleWorkers) {
		idleWorkers.delete(worker);
		worker.ref();
		return worker;
	}
	// Built, the check worker is bundled beside this code (build/check-worker.js). From the
	// sources it runs through tsx, as the tests do; a worker's own entry file is loaded before
	// any --import hook, hence the small bootstrap.
	if (runsBuilt) return new Worker(new URL('./check-worker.js', import.meta.url));
	const entry = JSON.stringify(new URL('./check-worker.ts', import.meta.url).href);
	const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); })`;
	return new Worker(bootstrap, { eval: true });
}

/** A worker whose export ended cleanly waits for the next, without keeping the process alive. */
function keepIdle(worker: Worker): void {
	idleWorkers.add(worker);
	worker.unref();
	setTimeout(() => {
		if (idleWorkers.delete(worker)) void worker.terminate();
	}, IDLE_WORKER_MS).unref();
}

/** A worker's messages, taken one at a time. */
function messagesOf(worker: Worker) {
	const queue: WorkerMessage[] = [];
	let wake: (() => void) | null = null;
	const push = (message: WorkerMessage) => {
		queue.push(message);
		wake?.();
	};
	const crashed = (error: Error) => push({ type: 'crash', message: error.message });
	worker.on('message', push);
	worker.on('error', crashed);
	return {
		async next(): Promise<WorkerMessage> {
			while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
			return queue.shift()!;
		},
		stop() {
			worker.off('message', push);
			worker.off('error', crashed);
		}
	};
}

/**
 * The export's chunks, checked by as many workers as the machine has cores (at most four; a
 * CSV folder by one) and taken back in order: chunk i is worker (i mod n)'s next. Taking one
 * gives its worker room for another.
 */
async function* checkInWorkers(
	source: ExportSource,
	key: Buffer,
	problemLimit: number
): AsyncGenerator<CheckedChunk> {
	const parts = source.kind === 'jsonl' ? Math.min(4, availableParallelism()) : 1;
	const workers = Array.from({ length: parts }, takeWorker);
	const streams = workers.map(messagesOf);
	const ended = workers.map(() => false);
	workers.forEach((worker, part) => {
		const share = { part, parts, linesPerChunk: LINES_PER_CHUNK };
		const request = { source, key, problemLimit, share };
		worker.postMessage({ type: 'check', request } satisfies WorkerCommand);
	});
	const next = async (part: number) => {
		const message = await streams[part]!.next();
		if (message.type === 'crash') throw new Error(message.message);
		ended[part] = message.type === 'end';
		return message;
	};
	try {
		for (let index = 0; ; index++) {
			const part = index % parts;
			const message = await next(part);
			if (message.type === 'end') break;
			if (message.chunk.index !== index)
				throw new Error(`check worker ${part} sent chunk ${message.chunk.index}, not ${index}`);
			yield message.chunk;
			workers[part]!.postMessage({ type: 'next' } satisfies WorkerCommand);
		}
		// The chunks are numbered without a gap: past the first missing one, every worker ends.
		for (let part = 0; part < parts; part++)
			while (!ended[part])
				if ((await next(part)).type === 'chunk')
					throw new Error(`check worker ${part} sent a chunk past the export's end`);
	} finally {
		for (const stream of streams) stream.stop();
		// Only a worker that finished its share is used again; one stopped midway is ended.
		await Promise.all(
			workers.map((worker, part) => (ended[part] ? keepIdle(worker) : worker.terminate()))
		);
	}
}

export async function importExport(
	db: Db,
	source: string,
	options: ImportOptions
): Promise<ImportResult> {
	const now = () => (options.now?.() ?? new Date()).toISOString();
	const limit = options.problemLimit ?? PROBLEM_LIMIT;
	const ours = new ProblemList(limit);
	const stopped = (error: unknown) =>
		ours.add(fileWhere(source), '', `the import stopped: ${describeFailure(error)}`);
	let run: { id: number; lastAsOf: string | null };
	try {
		run = await startRun(db, source, now());
	} catch (error) {
		// Nothing can be recorded while the database refuses writes (another import holding
		// SQLite's write lock, a database going down): the caller is told, and nothing changed.
		stopped(error);
		return {
			runId: null,
			status: 'failed',
			header: null,
			counts: noChanges(),
			problems: ours.shown,
			problemCount: ours.count
		};
	}
	options.onStart?.(run.id);
	const counts = noChanges();
	const seen: Seen = { header: null, theirs: { shown: [], count: 0 } };
	const progress = progressOf(db, run.id, counts, options.onProgress);
	let claim: Awaited<ReturnType<typeof acquireLease>> | null = null;
	let stopRenewing = () => {};
	try {
		claim = await acquireLease(db, IMPORT_LEASE.name, IMPORT_LEASE.ttlMs);
		if ('held' in claim)
			throw new Error(
				`another import has been running since ${claim.held.acquiredAt} (${claim.held.holder})`
			);
		stopRenewing = keepLease(db, claim.lease, IMPORT_LEASE.ttlMs);
		// The lease holder is the one import running: any other run still marked running was
		// interrupted (its process killed, or the database restarted under it).
		await markInterrupted(db, run.id, now());
		const statuses = await loadExport(db, source, options, run.lastAsOf, {
			ours,
			counts,
			seen,
			progress
		});
		try {
			await confirmRequests(db, now());
		} catch (error) {
			// The billing data is in; the requests wait for the next import, which confirms them.
			console.error(`import ${run.id}: requests not confirmed: ${describeFailure(error)}`);
		}
		try {
			// After the billing data's transaction, in short ones of the portal's own: its
			// write lock never waits on the long one (issue 13.3).
			const answered = await applyRequestStatuses(
				{ db, now: new Date(now()), origin: options.origin ?? publicOrigin() },
				statuses
			);
			counts.requestsUnknown = answered.unknown;
			// The skips and moves the export carried out: done, without a status for each.
			const carriedOut = await confirmCarriedOutOrders({
				db,
				now: new Date(now()),
				origin: options.origin ?? publicOrigin()
			});
			counts.requestsAnswered = answered.applied + carriedOut;
		} catch (error) {
			// Exports repeat a request's statuses until it is resolved: the next one applies them.
			console.error(`import ${run.id}: request statuses not applied: ${describeFailure(error)}`);
		}
	} catch (error) {
		if (!(error instanceof Rejected)) stopped(error);
	} finally {
		stopRenewing();
		if (claim && 'lease' in claim) await releaseLease(db, claim.lease);
	}
	const problemCount = ours.count + seen.theirs.count;
	const problems = [...seen.theirs.shown, ...ours.shown].slice(0, limit);
	const status = problemCount === 0 ? 'succeeded' : 'failed';
	const written = status === 'succeeded' ? counts : noChanges();
	try {
		await db
			.updateTable('import_run')
			.set({
				finished_at: now(),
				status,
				as_of: seen.header?.asOf ?? null,
				next_update: seen.header?.nextUpdate ?? null,
				customers_added: written.customersAdded,
				customers_updated: written.customersUpdated,
				customers_unchanged: written.customersUnchanged,
				rows_written: written.rowsWritten,
				customers_read: progress.customersRead,
				problem_count: problemCount,
				problems: problemCount > 0 ? JSON.stringify(problems) : null
			})
			.where('id', '=', run.id)
			.execute();
	} catch (error) {
		// The run stays "running" in the table; the next import marks it interrupted.
		console.error(`import ${run.id}: its outcome was not recorded: ${describeFailure(error)}`);
	}
	return { runId: run.id, status, header: seen.header, counts: written, problems, problemCount };
}

/**
 * The checked export written in one transaction on the billing data (openBillingWriter): any
 * problem, the worker's or ours, rolls it all back.
 */
async function loadExport(
	db: Db,
	source: string,
	options: ImportOptions,
	lastAsOf: string | null,
	{
		ours,
		counts,
		seen,
		progress
	}: { ours: ProblemList; counts: WriteCounts; seen: Seen; progress: Progress }
): Promise<RequestStatus[]> {
	const now = () => (options.now?.() ?? new Date()).toISOString();
	const billing = openBillingWriter(db);
	let statuses: RequestStatus[] = [];
	try {
		await billing.db.transaction().execute(async (trx) => {
			const startedAt = now();
			let state: WriteState | null = null;
			let written: Promise<void> = Promise.resolve();
			const limit = options.problemLimit ?? PROBLEM_LIMIT;
			const theirs = new ProblemList(limit);
			const found = findExport(source);
			const chunks =
				found.kind === 'none'
					? (theirs.add(fileWhere(source), '', found.reason), noChunks())
					: checkInWorkers(found, options.key, limit);
			for await (const event of mergeChecked(chunks, source, theirs)) {
				// After the first problem nothing more is written: it would all be rolled back.
				const writing = theirs.count === 0 && ours.count === 0;
				if (event.type === 'header') {
					seen.header = event.header;
					if (lastAsOf && event.header.asOf < lastAsOf)
						ours.add(
							event.where,
							'asOf',
							`the export is older than the data already loaded (${lastAsOf})`
						);
				} else if (event.type === 'company' && writing) {
					counts.companyUpdated = await writeCompany(trx, event.company, startedAt);
					if (counts.companyUpdated) counts.rowsWritten += 1 + event.company.bankAccounts.length;
				} else if (event.type === 'customers') {
					if (writing) {
						// The next batch is built while the previous one's statements run (on
						// PostgreSQL, whose server works while this thread builds), and written
						// after them.
						state ??= await startWriting(trx);
						const rows = await prepareBatch(event.customers, state, counts, startedAt);
						await written;
						written = writeBatch(trx, rows).then((n) => void (counts.rowsWritten += n));
						// Awaited before the next batch or the end; a failure meanwhile is not lost.
						written.catch(() => {});
					}
					progress.read(event.customers.length);
				} else if (event.type === 'notices' && writing) {
					counts.noticesUpdated = await writeNotices(trx, event.notices);
					if (counts.noticesUpdated) counts.rowsWritten += event.notices.length;
				} else if (event.type === 'catalogue' && writing) {
					counts.catalogueUpdated = await writeCatalogue(trx, event.offers);
					if (counts.catalogueUpdated) counts.rowsWritten += event.offers.length;
				} else if (event.type === 'requestStatuses' && writing) {
					statuses = event.statuses;
				}
			}
			await written;
			if (state) await finishWriting(trx, state, counts);
			seen.theirs = { shown: theirs.shown, count: theirs.count };
			if (ours.count + seen.theirs.count > 0) throw new Rejected();
		});
	} finally {
		await billing.close();
	}
	return statuses;
}

/** How many customers were read and written, kept in the run about once a second. */
interface Progress {
	readonly customersRead: number;
	read(customers: number): void;
}

const PROGRESS_EVERY_MS = 1000;

function progressOf(
	db: Db,
	runId: number,
	counts: WriteCounts,
	onProgress: ImportOptions['onProgress']
): Progress {
	const started = Date.now();
	let customersRead = 0;
	let reported = started;
	return {
		get customersRead() {
			return customersRead;
		},
		read(customers) {
			customersRead += customers;
			const now = Date.now();
			if (now - reported < PROGRESS_EVERY_MS) return;
			reported = now;
			const read = customersRead;
			onProgress?.({
				customersRead: read,
				customersWritten: counts.customersAdded + counts.customersUpdated,
				elapsedMs: now - started
			});
			// Not waited for: the import never slows for its progress (an in-memory database's one
			// connection runs it after the transaction), and a late one never lowers the count.
			void db
				.updateTable('import_run')
				.set({ customers_read: read })
				.where('id', '=', runId)
				.where('customers_read', '<', read)
				.execute()
				.catch((error: unknown) =>
					console.error(`import ${runId}: progress not recorded: ${describeFailure(error)}`)
				);
		}
	};
}

async function startRun(db: Db, source: string, startedAt: string) {
	const run = await db
		.insertInto('import_run')
		.values({ started_at: startedAt, source, status: 'running' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const last = await db
		.selectFrom('import_run')
		.select('as_of')
		.where('status', '=', 'succeeded')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return { id: run.id, lastAsOf: last?.as_of ?? null };
}

async function markInterrupted(db: Db, current: number, at: string): Promise<void> {
	const problem: Problem = {
		file: '',
		row: 0,
		field: '',
		reason: 'interrupted: its process ended or the database went away before it finished'
	};
	await db
		.updateTable('import_run')
		.set({
			status: 'failed',
			finished_at: at,
			problem_count: 1,
			problems: JSON.stringify([problem])
		})
		.where('status', '=', 'running')
		.where('id', '!=', current)
		.execute();
}

/** A failure in an operator's words: SQLite's lock held by another writer says who. */
function describeFailure(error: unknown): string {
	const reason = describeDatabaseError(error);
	if (reason === 'locked') return 'another import (or process) is writing to the database';
	if (reason !== 'failing') return `the database failed (${reason})`;
	return error instanceof Error ? error.message : String(error);
}

/**
 * The nightly import from the billing system. A worker thread reads and checks the export
 * while this thread writes; everything goes into one transaction, so any problem anywhere
 * rolls it all back and the portal keeps showing the previous data.
 */
import { Worker } from 'node:worker_threads';
import { confirmRequests } from '../customer-request';
import type { Db } from '../db';
import { acquireLease, releaseLease } from '../lease';
import type { CheckRequest, WorkerMessage } from './check-worker';
import { fileWhere } from './check';
import { ProblemList, type Problem } from './problems';
import type { ExportHeader } from './records';
import { writeCompany, writeCustomers, type WriteCounts } from './writer';

export interface ImportOptions {
	/** The personal-code key (see personal-code.ts). */
	key: Buffer;
	now?: () => Date;
	problemLimit?: number;
}

export interface ImportResult {
	runId: number;
	status: 'succeeded' | 'failed';
	header: ExportHeader | null;
	counts: WriteCounts;
	problems: Problem[];
	problemCount: number;
}

class Rejected extends Error {}

/**
 * One import at a time, across every process on the database. An import that died holds the
 * lease no longer than this; 100 000 customers take under two minutes.
 */
const IMPORT_LEASE_MS = 60 * 60 * 1000;

const noChanges = (): WriteCounts => ({
	companyUpdated: false,
	customersAdded: 0,
	customersUpdated: 0,
	customersUnchanged: 0,
	rowsWritten: 0
});

/** The worker's messages as an async stream; each one taken gives the worker room for another. */
async function* checkInWorker(request: CheckRequest): AsyncGenerator<WorkerMessage> {
	// The worker runs the TypeScript sources through tsx, as the CLI and the tests do; a
	// worker's own entry file is loaded before any --import hook, hence the small bootstrap.
	const entry = JSON.stringify(new URL('./check-worker.ts', import.meta.url).href);
	const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); })`;
	const worker = new Worker(bootstrap, { eval: true, workerData: request });
	const queue: WorkerMessage[] = [];
	let wake: (() => void) | null = null;
	const push = (message: WorkerMessage) => {
		queue.push(message);
		wake?.();
	};
	worker.on('message', push);
	worker.on('error', (error) => push({ type: 'crash', message: error.message }));
	try {
		for (;;) {
			while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
			const message = queue.shift()!;
			yield message;
			if (message.type !== 'event') return;
			worker.postMessage('next');
		}
	} finally {
		await worker.terminate();
	}
}

export async function importExport(
	db: Db,
	source: string,
	options: ImportOptions
): Promise<ImportResult> {
	const now = () => (options.now?.() ?? new Date()).toISOString();
	const limit = options.problemLimit ?? 50;
	const ours = new ProblemList(limit);
	let theirs: { shown: Problem[]; count: number } = { shown: [], count: 0 };
	const counts = noChanges();
	const run = await db
		.insertInto('import_run')
		.values({ started_at: now(), source, status: 'running' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const last = await db
		.selectFrom('import_run')
		.select('as_of')
		.where('status', '=', 'succeeded')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	let header: ExportHeader | null = null;
	const claim = await acquireLease(db, 'import', IMPORT_LEASE_MS);
	try {
		if ('held' in claim)
			throw new Error(
				`another import has been running since ${claim.held.acquiredAt} (${claim.held.holder}); its lease ends an hour after it started at the latest`
			);
		await db.transaction().execute(async (trx) => {
			const startedAt = now();
			for await (const message of checkInWorker({
				source,
				key: options.key,
				problemLimit: limit
			})) {
				if (message.type === 'crash') throw new Error(message.message);
				if (message.type === 'end') {
					theirs = { shown: message.problems, count: message.problemCount };
					break;
				}
				// After the first problem nothing more is written: it would all be rolled back.
				const writing = message.problemCount === 0 && ours.count === 0;
				const event = message.event;
				if (event.type === 'header') {
					header = event.header;
					if (last?.as_of && header.asOf < last.as_of)
						ours.add(
							event.where,
							'asOf',
							`the export is older than the data already loaded (${last.as_of})`
						);
				} else if (event.type === 'company' && writing) {
					counts.companyUpdated = await writeCompany(trx, event.company, startedAt);
					if (counts.companyUpdated) counts.rowsWritten += 1 + event.company.bankAccounts.length;
				} else if (event.type === 'customers' && writing) {
					await writeCustomers(trx, event.customers, counts, startedAt);
				}
			}
			if (ours.count + theirs.count > 0) throw new Rejected();
			await confirmRequests(trx, startedAt);
		});
	} catch (error) {
		if (!(error instanceof Rejected))
			ours.add(
				fileWhere(source),
				'',
				`the import stopped: ${error instanceof Error ? error.message : String(error)}`
			);
	} finally {
		if ('lease' in claim) await releaseLease(db, claim.lease);
	}
	const problemCount = ours.count + theirs.count;
	const problems = [...theirs.shown, ...ours.shown].slice(0, limit);
	const status = problemCount === 0 ? 'succeeded' : 'failed';
	const written = status === 'succeeded' ? counts : noChanges();
	const finalHeader = header as ExportHeader | null;
	await db
		.updateTable('import_run')
		.set({
			finished_at: now(),
			status,
			as_of: finalHeader?.asOf ?? null,
			next_update: finalHeader?.nextUpdate ?? null,
			customers_added: written.customersAdded,
			customers_updated: written.customersUpdated,
			customers_unchanged: written.customersUnchanged,
			rows_written: written.rowsWritten,
			problem_count: problemCount,
			problems: problemCount > 0 ? JSON.stringify(problems) : null
		})
		.where('id', '=', run.id)
		.execute();
	return { runId: run.id, status, header: finalHeader, counts: written, problems, problemCount };
}

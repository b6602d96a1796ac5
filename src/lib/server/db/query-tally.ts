/**
 * How many queries a request ran and how long they took, for the Server-Timing header
 * (SERVER_TIMING=on): the tests read it to hold each page to its count of queries, and an
 * operator reads it in the browser's network panel. Kysely reports each query here (its
 * `log` option); only work inside tallyQueries is counted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogEvent } from 'kysely';

interface Tally {
	queries: number;
	ms: number;
	/** Each query's SQL, in the order run (the SQL snapshot tests compare them). */
	statements: string[];
}

const current = new AsyncLocalStorage<Tally>();

export function recordQuery(event: LogEvent): void {
	const tally = current.getStore();
	if (!tally) return;
	tally.queries += 1;
	tally.ms += event.queryDurationMillis;
	tally.statements.push(event.query.sql);
}

export async function tallyQueries<T>(work: () => T | Promise<T>): Promise<{ result: T } & Tally> {
	const tally: Tally = { queries: 0, ms: 0, statements: [] };
	const result = await current.run(tally, work);
	return { result, ...tally };
}

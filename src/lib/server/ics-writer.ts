/**
 * ICS text for the subscription feed, written on a worker thread.
 *
 * The `ics` package checks every event before it writes it, at about half a millisecond an
 * event, so a feed nobody asked for before costs 10–20 ms of one thread. On the request thread
 * that blocks every other request for as long. Under a burst of such feeds (calendar apps
 * polling after midnight), Node also stops serving its connections in turn: at 50 connections
 * some requests waited over 10 s while others were answered. One worker thread writes the
 * files, in the order asked, and the pages go on meanwhile.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { EventAttributes, HeaderAttributes } from 'ics';

interface Reply {
	id: number;
	value?: string;
	error?: string;
}

// Plain CommonJS, so that it runs as it is from the built server and from the tests alike; it
// loads the same `ics` the rest of the server resolves.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createEvents } = require(workerData.ics);
parentPort.on('message', ({ id, events, header }) => {
	const { error, value } = createEvents(events, header);
	parentPort.postMessage(error || !value
		? { id, error: String((error && error.message) || error || 'no calendar text') }
		: { id, value });
});
`;

interface Writer {
	thread: Worker;
	waiting: Map<number, { resolve: (text: string) => void; reject: (e: Error) => void }>;
}

let writer: Writer | null = null;
let lastId = 0;

function startWriter(): Writer {
	const thread = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: { ics: createRequire(import.meta.url).resolve('ics') }
	});
	const started: Writer = { thread, waiting: new Map() };
	thread.on('message', ({ id, value, error }: Reply) => {
		const caller = started.waiting.get(id);
		started.waiting.delete(id);
		if (value !== undefined) caller?.resolve(value);
		else caller?.reject(new Error(`The calendar could not be built: ${error}`));
	});
	// A thread that dies fails what it was asked; the next file starts a new one.
	const lost = (error: Error) => {
		if (writer === started) writer = null;
		for (const { reject } of started.waiting.values()) reject(error);
		started.waiting.clear();
	};
	thread.on('error', lost);
	thread.on('exit', (code) => lost(new Error(`the ICS writer stopped (exit code ${code})`)));
	// An idle writer must not keep a stopping server alive; a waiting request keeps it anyway.
	// After the listeners: adding a 'message' listener refs the thread again.
	thread.unref();
	return started;
}

/** The same text as `createEvents(events, header)`, written off the request thread. */
export function writeIcs(events: EventAttributes[], header: HeaderAttributes): Promise<string> {
	const current = (writer ??= startWriter());
	const id = ++lastId;
	return new Promise((resolve, reject) => {
		current.waiting.set(id, { resolve, reject });
		current.thread.postMessage({ id, events, header });
	});
}

/**
 * Worker thread that reads and checks an export while the main thread writes the previous
 * batches. It stays at most a few batches ahead, so memory does not grow with the file. A
 * worker checks one export at a time and may be given another after it (see index.ts).
 */
import { parentPort } from 'node:worker_threads';
import { checkExport, type CheckEvent } from './check';
import { ProblemList, type Problem } from './problems';

export interface CheckRequest {
	source: string;
	key: Uint8Array;
	problemLimit: number;
}

export type WorkerMessage =
	| { type: 'event'; event: CheckEvent; problemCount: number }
	| { type: 'end'; problems: Problem[]; problemCount: number }
	| { type: 'crash'; message: string };

/** What the main thread sends: an export to check, or room for one more event. */
export type WorkerCommand = { type: 'check'; request: CheckRequest } | { type: 'next' };

const AHEAD = 4;

const port = parentPort!;
let credits = AHEAD;
let wake: (() => void) | null = null;
port.on('message', (command: WorkerCommand) => {
	if (command.type === 'check') {
		credits = AHEAD;
		run(command.request).catch((error: unknown) =>
			port.postMessage({
				type: 'crash',
				message: error instanceof Error ? error.message : String(error)
			} satisfies WorkerMessage)
		);
		return;
	}
	credits++;
	wake?.();
});

async function run(request: CheckRequest) {
	const problems = new ProblemList(request.problemLimit);
	for await (const event of checkExport(request.source, Buffer.from(request.key), problems)) {
		while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
		credits--;
		port.postMessage({
			type: 'event',
			event,
			problemCount: problems.count
		} satisfies WorkerMessage);
	}
	port.postMessage({
		type: 'end',
		problems: problems.shown,
		problemCount: problems.count
	} satisfies WorkerMessage);
}

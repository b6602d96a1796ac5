/**
 * Worker thread that reads and checks its share of an export's chunks (check.ts) while the
 * main thread writes. It stays at most a few chunks ahead, so memory does not grow with the
 * file. A worker checks one export at a time and may be given another after it (index.ts).
 */
import { parentPort } from 'node:worker_threads';
import { checkChunks, type CheckedChunk, type ExportSource } from './check';
import type { Share } from './jsonl';

export interface CheckRequest {
	source: ExportSource;
	key: Uint8Array;
	problemLimit: number;
	share: Share;
}

export type WorkerMessage =
	{ type: 'chunk'; chunk: CheckedChunk } | { type: 'end' } | { type: 'crash'; message: string };

/** What the main thread sends: an export to check, or room for one more chunk. */
export type WorkerCommand = { type: 'check'; request: CheckRequest } | { type: 'next' };

const AHEAD = 2;

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

async function run({ source, key, problemLimit, share }: CheckRequest) {
	for await (const chunk of checkChunks(source, Buffer.from(key), problemLimit, share)) {
		while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
		credits--;
		port.postMessage({ type: 'chunk', chunk } satisfies WorkerMessage);
	}
	port.postMessage({ type: 'end' } satisfies WorkerMessage);
}

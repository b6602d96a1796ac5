/**
 * How the import runs as a command: `npm run import`, cron, and the staff console's upload.
 * From the build it runs on plain Node (build/import.js and its check worker, bundled by
 * `npm run build` as the server is): through tsx each thread also held tsx's loader, some
 * 60 MiB apiece, a third of the import's memory with two check workers. From the sources
 * (`npm run dev`, the unit tests) it runs scripts/import.ts through tsx.
 */

/**
 * V8's young generation kept small and its old generation grown in small steps, as for the
 * server: the import's batches are garbage within a second, and V8's defaults let three
 * threads' heaps grow to several times what they hold (docs/performance.md).
 */
const NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];

/** Whether this code runs bundled (build/*.js) rather than from its TypeScript sources. */
export const runsBuilt = !import.meta.url.endsWith('.ts');

/**
 * glibc's malloc hands out blocks of up to 32 MiB from its arenas, and keeps them, once one
 * such block has been freed (its "dynamic mmap threshold"); the import's threads free many
 * (the chunks the workers send, SQLite's statements). Fixed at glibc's default 128 KiB, larger
 * blocks go back to the system when freed: 64-80 MiB less at the import's peak, at the same
 * speed (docs/performance.md). Other C libraries ignore it.
 */
const MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };

/**
 * The command that imports `file`, run in the app's folder: the built one, or the sources'.
 * `entry` is the file it runs, relative to that folder; `env` goes with the process's own.
 */
export function importCommand(
	file: string,
	built = runsBuilt
): { command: string; args: string[]; entry: string; env: Record<string, string> } {
	const entry = built ? 'build/import.js' : 'scripts/import.ts';
	const loader = built ? [] : ['--import', 'tsx'];
	return {
		command: process.execPath,
		args: [...NODE_FLAGS, ...loader, entry, file],
		entry,
		env: MALLOC_ENV
	};
}

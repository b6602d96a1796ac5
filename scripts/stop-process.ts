import type { ChildProcess } from 'node:child_process';

/**
 * Stops a child process as a process manager does: SIGTERM, then SIGKILL if it is still there
 * after `graceMs`. Resolves whether it went in time; a process already gone counts as in time.
 */
export async function stopProcess(child: ChildProcess, graceMs: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return true;
	const exited = new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
	child.kill('SIGTERM');
	const inTime = await exited;
	if (!inTime) child.kill('SIGKILL');
	return inTime;
}

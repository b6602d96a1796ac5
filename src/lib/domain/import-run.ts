/** How an import run is told on the staff console's pages. */
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';

export type ImportRunStatus = 'running' | 'succeeded' | 'failed';

const STATUS_WORDS = {
	running: m.staff_import_running,
	succeeded: m.staff_import_succeeded,
	failed: m.staff_import_failed
} satisfies Record<ImportRunStatus, unknown>;

export const importStatusLabel = (status: ImportRunStatus, locale: Locale) =>
	STATUS_WORDS[status]({}, { locale });

/** "1 min 12 s", or "—" while it runs. */
export function runDuration(run: { started_at: string; finished_at: string | null }): string {
	if (!run.finished_at) return '—';
	const seconds = Math.max(
		0,
		Math.round((Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000)
	);
	return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

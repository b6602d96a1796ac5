/** What the two readers (JSON Lines and CSV) hand to the import, before any checking. */
import type { Where } from './problems';

export interface ExportItem {
	type: 'export' | 'company' | 'notice' | 'service' | 'requestStatus' | 'customer';
	value: Record<string, unknown>;
	where: Where;
}

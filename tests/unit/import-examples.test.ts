import { describe, expect, it } from 'vitest';
import { memoryDb, runImport } from './helpers';

describe('the examples in docs/import-format.md', () => {
	it('import, and the CSV form holds exactly what the JSON Lines form does', async () => {
		const db = await memoryDb();
		const jsonl = await runImport(db, 'docs/examples/export.jsonl');
		expect(jsonl.problems).toEqual([]);
		expect(jsonl.counts).toMatchObject({ companyUpdated: true, customersAdded: 2 });
		const csv = await runImport(db, 'docs/examples/csv');
		expect(csv.problems).toEqual([]);
		expect(csv.counts).toEqual({
			companyUpdated: false,
			noticesUpdated: false,
			catalogueUpdated: false,
			customersAdded: 0,
			customersUpdated: 0,
			customersUnchanged: 2,
			rowsWritten: 0,
			// The example answers a request this empty portal does not have.
			requestsAnswered: 0,
			requestsUnknown: ['KL-7Q2M4XH']
		});
	});
});

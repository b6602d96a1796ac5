import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/lib/server/staff-csv';

describe('the staff CSV', () => {
	it('defuses a formula, also behind leading blanks and invisible characters (issue 13.10)', () => {
		expect(csvCell('=HYPERLINK("https://evil.example")')).toBe(
			`"'=HYPERLINK(""https://evil.example"")"`
		);
		expect(csvCell('+371 29 123 456')).toBe("'+371 29 123 456");
		expect(csvCell('\u200b=1+1')).toBe("'\u200b=1+1");
		expect(csvCell('\u202e\u2066 @SUM(A1)')).toBe("'\u202e\u2066 @SUM(A1)");
		expect(csvCell('\t-2')).toBe("'\t-2");
		expect(csvCell('  -2')).toBe("'  -2");
	});

	it('leaves ordinary text as it is, and quotes what holds a separator', () => {
		expect(csvCell('Līga Ozoliņa')).toBe('Līga Ozoliņa');
		expect(csvCell('SIA "Gauja"; Valmiera')).toBe('"SIA ""Gauja""; Valmiera"');
		expect(csvCell(null)).toBe('');
	});
});

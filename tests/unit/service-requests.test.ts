/**
 * Missed-collection reports and a request's life (issue 16, items 2 and 3): who may report,
 * decided from the data; the report with its first e-mail; the company's answers through the
 * import, each state e-mailed once however often the same export comes; the staff tokens.
 */
import { describe, expect, it } from 'vitest';
import type { CollectionResult } from '../../src/lib/domain/collection';
import { movesOn } from '../../src/lib/domain/service-request';
import type { Db } from '../../src/lib/server/db/index';
import {
	checkEligibility,
	reportChoices,
	reportDeadline
} from '../../src/lib/server/missed-collection';
import {
	getCustomerRequest,
	listCustomerRequests,
	listRequestsForStaff,
	reportMissedCollection
} from '../../src/lib/server/service-request';
import {
	addStaffToken,
	authenticateStaff,
	revokeStaffToken
} from '../../src/lib/server/staff-token';
import { loadWorkingDays } from '../../src/lib/server/working-days';
import {
	header,
	memoryDb,
	privateCustomer,
	runImport,
	tempDir,
	writeCsvExportOf,
	writeJsonLines
} from './helpers';

const calendar = loadWorkingDays();
const ROUND_END = '18:00';

describe('who may report a missed collection', () => {
	const cases: {
		name: string;
		date: string;
		now: string;
		result?: CollectionResult;
		reported?: string;
		expected: string;
	}[] = [
		// Monday 23 November 2026; Riga is UTC+2 in winter.
		{ name: 'the next morning', date: '2026-11-23', now: '2026-11-24T07:00:00Z', expected: 'ok' },
		{
			name: 'the 2nd working day, late evening',
			date: '2026-11-23',
			now: '2026-11-25T21:59:00Z',
			expected: 'ok'
		},
		{
			name: 'the 3rd working day',
			date: '2026-11-23',
			now: '2026-11-25T22:00:00Z',
			expected: 'too_late'
		},
		// Friday 27 November: the weekend does not count, Monday and Tuesday do.
		{
			name: 'Friday’s collection on Tuesday',
			date: '2026-11-27',
			now: '2026-12-01T10:00:00Z',
			expected: 'ok'
		},
		{
			name: 'Friday’s collection on Wednesday',
			date: '2026-11-27',
			now: '2026-12-02T10:00:00Z',
			expected: 'too_late'
		},
		// Tuesday 17 November: the 18th is Proclamation Day, so Thursday and Friday count.
		{
			name: 'over a public holiday, on the Friday',
			date: '2026-11-17',
			now: '2026-11-20T10:00:00Z',
			expected: 'ok'
		},
		{
			name: 'over a public holiday, on the Monday',
			date: '2026-11-17',
			now: '2026-11-23T10:00:00Z',
			expected: 'too_late'
		},
		// The day itself: from 18:00 on Riga's clock, in winter (UTC+2) and summer (UTC+3).
		{
			name: 'the day itself at 17:59 (winter)',
			date: '2027-03-26',
			now: '2027-03-26T15:59:00Z',
			expected: 'too_early'
		},
		{
			name: 'the day itself at 18:00 (winter)',
			date: '2027-03-26',
			now: '2027-03-26T16:00:00Z',
			expected: 'ok'
		},
		{
			name: 'the day after the clocks go forward, at 17:59',
			date: '2027-03-29',
			now: '2027-03-29T14:59:00Z',
			expected: 'too_early'
		},
		{
			name: 'the day after the clocks go forward, at 18:00',
			date: '2027-03-29',
			now: '2027-03-29T15:00:00Z',
			expected: 'ok'
		},
		{
			name: 'the day itself, before the end, when the crew said not emptied',
			date: '2027-03-29',
			now: '2027-03-29T08:00:00Z',
			result: { outcome: 'not_accessible', time: '09:10', reason: null },
			expected: 'ok'
		},
		{
			name: 'the day itself, before the end, when the crew said emptied',
			date: '2027-03-29',
			now: '2027-03-29T08:00:00Z',
			result: { outcome: 'emptied', time: '09:10', reason: null },
			expected: 'too_early'
		},
		{
			name: 'not put out',
			date: '2026-11-23',
			now: '2026-11-24T07:00:00Z',
			result: { outcome: 'not_put_out', time: null, reason: 'Nebija pie ceļa' },
			expected: 'not_put_out'
		},
		{
			name: 'already reported',
			date: '2026-11-23',
			now: '2026-11-24T07:00:00Z',
			reported: 'KL-7Q2M4XH',
			expected: 'reported'
		},
		{ name: 'a day to come', date: '2026-11-26', now: '2026-11-24T07:00:00Z', expected: 'future' }
	];
	it.each(cases)('$name: $expected', ({ date, now, result, reported, expected }) => {
		const eligibility = checkEligibility({
			date,
			now: new Date(now),
			result: result ?? null,
			reported: reported ?? null,
			roundEnd: ROUND_END,
			calendar
		});
		expect(eligibility.ok ? 'ok' : eligibility.why).toBe(expected);
	});

	it('names the last day and the reasons', () => {
		expect(reportDeadline('2026-11-17', calendar)).toBe('2026-11-20');
		expect(
			checkEligibility({
				date: '2026-11-23',
				now: new Date('2026-11-24T07:00:00Z'),
				result: { outcome: 'not_put_out', time: null, reason: 'Nebija pie ceļa' },
				reported: null,
				roundEnd: ROUND_END,
				calendar
			})
		).toEqual({ ok: false, why: 'not_put_out', reason: 'Nebija pie ceļa' });
	});

	it('offers the collection before while today’s round is still on', () => {
		const entry = (date: string) => ({
			date,
			fraction: 'mixed' as const,
			containerCode: 'K1',
			address: 'Rīgas iela 1'
		});
		const entries = [entry('2026-11-30'), entry('2026-12-02'), entry('2026-12-09')];
		const at = (now: string) =>
			reportChoices(entries, new Map(), { now: new Date(now), roundEnd: ROUND_END, calendar });
		// Wednesday 2 December at 10:00: Monday's may still be reported.
		expect(at('2026-12-02T08:00:00Z').map((c) => [c.entry.date, c.eligibility.ok])).toEqual([
			['2026-11-30', true]
		]);
		// At 18:00, today's.
		expect(at('2026-12-02T16:00:00Z').map((c) => [c.entry.date, c.eligibility.ok])).toEqual([
			['2026-12-02', true]
		]);
	});

	it('never moves a request back, and a resolved one stays resolved', () => {
		expect(movesOn('submitted', 'scheduled')).toBe(true);
		expect(movesOn('scheduled', 'received')).toBe(false);
		expect(movesOn('scheduled', 'scheduled')).toBe(false);
		expect(movesOn('collected', 'rejected')).toBe(false);
		expect(movesOn('received', 'rejected')).toBe(true);
	});
});

const ORIGIN = 'https://klientiem.test';
// Tuesday 24 November 2026, 09:00 in Riga: Monday's collection may be reported.
const NOW = new Date('2026-11-24T07:00:00Z');
const who = (customerId: number) => ({
	customerId,
	accountId: null,
	sessionKind: 'contract' as const,
	locale: 'lv'
});
const answers = {
	containerCode: 'K1',
	date: '2026-11-23',
	place: 'kerb' as const,
	placeNote: null,
	contact: { name: 'Līga Ozoliņa', phone: '+371 29 123 456', email: 'liga@example.lv' }
};

async function loaded(): Promise<{ db: Db; customerId: number }> {
	const db = await memoryDb();
	const customer = privateCustomer('R-1');
	const file = writeJsonLines(tempDir(), [
		header(),
		{
			...customer,
			containers: [
				{
					...customer.containers[0]!,
					dates: ['2026-11-09', { date: '2026-11-23', outcome: 'not_accessible' }, '2026-12-07']
				}
			]
		}
	]);
	expect((await runImport(db, file)).problems).toEqual([]);
	const { id } = await db
		.selectFrom('customer')
		.select('id')
		.where('contract_number', '=', 'R-1')
		.executeTakeFirstOrThrow();
	return { db, customerId: id };
}

const mails = (db: Db) =>
	db
		.selectFrom('outbox')
		.select(['idempotency_key', 'recipient', 'subject', 'text_body'])
		.orderBy('id')
		.execute();

async function report(db: Db, customerId: number) {
	const outcome = await reportMissedCollection(
		{ db, now: NOW, origin: ORIGIN },
		who(customerId),
		answers,
		ROUND_END
	);
	if (!('reference' in outcome)) throw new Error(`refused: ${JSON.stringify(outcome)}`);
	return outcome.reference;
}

/** An export with the company's answers (and no customers: the import deletes none). */
async function answer(db: Db, statuses: Record<string, unknown>[]) {
	const file = writeJsonLines(tempDir(), [
		header(),
		...statuses.map((s) => ({ type: 'requestStatus', ...s }))
	]);
	return runImport(db, file);
}

describe('a missed-collection report and its answers', () => {
	it('is recorded with its first event and one e-mail, and not twice', async () => {
		const { db, customerId } = await loaded();
		const reference = await report(db, customerId);
		expect(reference).toMatch(/^KL-[0-9A-Z]{7}$/);
		const stored = await getCustomerRequest(db, customerId, reference);
		expect(stored).toMatchObject({
			state: 'submitted',
			collectionDate: '2026-11-23',
			place: 'kerb',
			container: { code: 'K1', fraction: 'mixed', volumeLitres: 240 },
			history: [{ state: 'submitted', at: NOW.toISOString() }]
		});
		expect(await mails(db)).toEqual([
			expect.objectContaining({
				idempotency_key: `request:${reference}:submitted`,
				recipient: 'liga@example.lv',
				subject: expect.stringContaining(`Pieteikums ${reference}: Iesniegts`),
				text_body: expect.stringContaining(`${ORIGIN}/requests/${reference}`)
			})
		]);
		const again = await reportMissedCollection(
			{ db, now: NOW, origin: ORIGIN },
			who(customerId),
			answers,
			ROUND_END
		);
		expect(again).toEqual({ refused: { ok: false, why: 'reported', reference } });
		// Another customer's session cannot reach it.
		expect(await getCustomerRequest(db, customerId + 1, reference)).toBeNull();
		expect(await mails(db)).toHaveLength(1);
	});

	it('refuses what the data does not allow, and writes nothing', async () => {
		const { db, customerId } = await loaded();
		const refused = async (change: Partial<typeof answers>, now = NOW) =>
			reportMissedCollection(
				{ db, now, origin: ORIGIN },
				who(customerId),
				{ ...answers, ...change },
				ROUND_END
			);
		expect(await refused({ date: '2026-11-16' })).toEqual({
			refused: { ok: false, why: 'gone' }
		});
		expect(await refused({ containerCode: 'K9' })).toEqual({
			refused: { ok: false, why: 'gone' }
		});
		expect(await refused({ date: '2026-11-09' })).toMatchObject({
			refused: { why: 'too_late' }
		});
		expect(await db.selectFrom('service_request').selectAll().execute()).toEqual([]);
		expect(await mails(db)).toEqual([]);
	});

	it('takes the company’s answers from the import: one e-mail a state, however often the export comes', async () => {
		const { db, customerId } = await loaded();
		const reference = await report(db, customerId);
		const history = [
			{ request: reference, state: 'received' },
			{
				request: reference.toLowerCase(),
				state: 'scheduled',
				date: '2026-11-26',
				note: 'Brauksim no rīta'
			}
		];
		const first = await answer(db, history);
		expect(first.status).toBe('succeeded');
		expect(first.counts.requestsAnswered).toBe(2);
		const again = await answer(db, history);
		expect(again.counts.requestsAnswered).toBe(0);
		expect((await mails(db)).map((m) => m.idempotency_key)).toEqual([
			`request:${reference}:submitted`,
			`request:${reference}:received`,
			`request:${reference}:scheduled`
		]);
		const scheduled = (await mails(db))[2]!;
		expect(scheduled.text_body).toContain('ceturtdiena, 26. novembris');
		expect(scheduled.text_body).toContain('Brauksim no rīta');
		// A status behind the state reached changes nothing; an unknown request is skipped.
		const late = await answer(db, [
			{ request: reference, state: 'received' },
			{ request: 'KL-0000000', state: 'received' }
		]);
		expect(late.counts).toMatchObject({ requestsAnswered: 0, requestsUnknown: ['KL-0000000'] });
		const request = await getCustomerRequest(db, customerId, reference);
		expect(request).toMatchObject({ state: 'scheduled', returnDate: '2026-11-26' });
		expect(request!.history.map((e) => e.state)).toEqual(['submitted', 'received', 'scheduled']);
		expect(await listCustomerRequests(db, customerId, NOW)).toHaveLength(1);

		await answer(db, [...history, { request: reference, state: 'collected' }]);
		expect((await getCustomerRequest(db, customerId, reference))!.state).toBe('collected');
		await answer(db, [{ request: reference, state: 'rejected', note: 'Par vēlu' }]);
		expect((await getCustomerRequest(db, customerId, reference))!.state).toBe('collected');
		expect(await mails(db)).toHaveLength(4);
		// A resolved request stays on the pages for two weeks, then only on its own page.
		const day = 86_400_000;
		expect(
			await listCustomerRequests(db, customerId, new Date(Date.now() + 13 * day))
		).toHaveLength(1);
		expect(
			await listCustomerRequests(db, customerId, new Date(Date.now() + 15 * day))
		).toHaveLength(0);
	});

	it('refuses bad status records, naming each, and applies none of the export', async () => {
		const { db, customerId } = await loaded();
		const reference = await report(db, customerId);
		const result = await answer(db, [
			{ request: reference, state: 'received' },
			{ request: reference, state: 'done' },
			{ request: reference, state: 'scheduled' },
			{ request: reference, state: 'rejected' },
			{ request: 'not-a-reference', state: 'received' },
			{ request: reference, state: 'received' }
		]);
		expect(result.status).toBe('failed');
		expect(result.problems.map((p) => [p.row, p.field, p.reason])).toEqual([
			[
				3,
				'state',
				expect.stringContaining('must be one of: received, scheduled, collected, rejected')
			],
			[4, 'date', expect.stringContaining('is required for "scheduled"')],
			[5, 'note', expect.stringContaining('is required for "rejected"')],
			[6, 'request', expect.stringContaining('must be a request reference')],
			[7, 'state', expect.stringContaining('more than once')]
		]);
		expect((await getCustomerRequest(db, customerId, reference))!.state).toBe('submitted');
		expect(await mails(db)).toHaveLength(1);
	});

	it('reads the CSV form, request_statuses.csv', async () => {
		const { db, customerId } = await loaded();
		const reference = await report(db, customerId);
		const folder = writeCsvExportOf('2026-11-20', '2026-11-21', {
			'request_statuses.csv': [
				['request', 'state', 'date', 'note'],
				[reference, 'rejected', '', 'Konteiners netika izlikts laikā']
			]
		});
		const result = await runImport(db, folder);
		expect(result.problems).toEqual([]);
		const request = await getCustomerRequest(db, customerId, reference);
		expect(request).toMatchObject({ state: 'rejected' });
		expect(request!.history.at(-1)).toMatchObject({ note: 'Konteiners netika izlikts laikā' });
	});

	it('pages the requests for the company’s systems by cursor', async () => {
		const { db, customerId } = await loaded();
		const reference = await report(db, customerId);
		const first = await listRequestsForStaff(db, { after: 0, limit: 1 });
		expect(first.requests).toEqual([
			expect.objectContaining({ reference, contractNumber: 'R-1', customerName: 'Līga Ozoliņa' })
		]);
		expect(await listRequestsForStaff(db, { after: first.lastId!, limit: 1 })).toEqual({
			requests: [],
			lastId: null
		});
	});
});

describe('the staff API’s tokens', () => {
	it('are kept hashed, open the API while in use, and are refused once revoked', async () => {
		const db = await memoryDb();
		const made = await addStaffToken(db, 'CRM');
		if (!('token' in made)) throw new Error('not made');
		expect(made.token).toMatch(/^kls_[a-z2-7]{32}$/);
		const stored = await db.selectFrom('staff_token').selectAll().executeTakeFirstOrThrow();
		expect(JSON.stringify(stored)).not.toContain(made.token.slice(4));
		expect(await addStaffToken(db, 'CRM')).toEqual({ refused: 'taken' });
		expect(await authenticateStaff(db, `Bearer ${made.token}`)).toBe('CRM');
		expect(await authenticateStaff(db, `Bearer ${made.token}x`)).toBeNull();
		expect(await authenticateStaff(db, null)).toBeNull();
		expect(await revokeStaffToken(db, 'CRM')).toBe(true);
		expect(await authenticateStaff(db, `Bearer ${made.token}`)).toBeNull();
		expect(await revokeStaffToken(db, 'CRM')).toBe(false);
	});
});

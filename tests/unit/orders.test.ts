/**
 * Orders (issue 17): the catalogue in the import, the cut-off across holidays and summer
 * time, refusals at the municipality's minimum frequency, price previews with VAT from the
 * catalogue, and an order's life on the request machinery.
 */
import { describe, expect, it } from 'vitest';
import {
	extraEmptyingPrice,
	monthlyPrice,
	offerFor,
	type ServiceOffer
} from '../../src/lib/domain/catalogue';
import { totalsOf } from '../../src/lib/domain/document';
import { priceText, refusalText, requestSummary } from '../../src/lib/domain/request-view';
import { listOffers } from '../../src/lib/server/catalogue';
import {
	beforeCutoff,
	changeChoices,
	clockOf,
	cutoffOf,
	dateChoices,
	extraChoices,
	loadOrderData,
	placeOrder,
	quoteOrder,
	type OrderData
} from '../../src/lib/server/orders';
import { getCustomerRequest, listRequestsForStaff } from '../../src/lib/server/service-request';
import { loadWorkingDays } from '../../src/lib/server/working-days';
import { seedDemoRequests } from '../../src/lib/server/demo/requests';
import { DEMO_PRIVATE_CONTRACT } from '../../src/lib/server/demo/contracts';
import { writeDemoExport } from '../../scripts/demo/generate';
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

const offer = (overrides: Partial<ServiceOffer> = {}): ServiceOffer => ({
	id: 'VAL-MIX-240',
	fraction: 'mixed',
	volumeLitres: 240,
	area: 'Valmiera',
	contracts: [],
	frequencies: ['1 reizi nedēļā', '1 reizi 2 nedēļās'],
	emptyingCents: 420,
	monthlyCents: 0,
	rentCents: 150,
	vatRate: 21,
	skip: 'allowed',
	cutoffWorkingDays: 1,
	cutoffTime: '12:00',
	extraDays: ['tue', 'fri'],
	...overrides
});

describe('the cut-off', () => {
	it('for the Monday after Easter is the Thursday before at 12:00 Riga time', () => {
		// Easter 2027 is 28 March; Good Friday (26th) is a public holiday, Easter Monday (29th)
		// too. The clocks go forward on the 28th, so the Thursday is still UTC+2.
		const cutoff = cutoffOf('2027-03-29', offer(), calendar);
		expect(cutoff).toEqual({ day: '2027-03-25', time: '12:00' });
		expect(beforeCutoff(cutoff, clockOf(new Date('2027-03-25T09:59:00Z')))).toBe(true);
		expect(beforeCutoff(cutoff, clockOf(new Date('2027-03-25T10:00:00Z')))).toBe(false);
	});

	it('follows summer time: 12:00 in Riga is 09:00 UTC in April', () => {
		// Wednesday 14 April 2027 → Tuesday 13th at 12:00 EEST (UTC+3).
		const cutoff = cutoffOf('2027-04-14', offer(), calendar);
		expect(cutoff).toEqual({ day: '2027-04-13', time: '12:00' });
		expect(beforeCutoff(cutoff, clockOf(new Date('2027-04-13T08:59:00Z')))).toBe(true);
		expect(beforeCutoff(cutoff, clockOf(new Date('2027-04-13T09:00:00Z')))).toBe(false);
	});

	it('skips the weekend and Proclamation Day, and takes the offer’s own rule', () => {
		// Monday 23 November 2026 → Friday 20th.
		expect(cutoffOf('2026-11-23', offer(), calendar).day).toBe('2026-11-20');
		// Thursday 19 November → Tuesday 17th (the 18th is a holiday).
		expect(cutoffOf('2026-11-19', offer(), calendar).day).toBe('2026-11-17');
		// Two working days at 10:00: Thursday 19 November → Monday 16th.
		expect(
			cutoffOf('2026-11-19', offer({ cutoffWorkingDays: 2, cutoffTime: '10:00' }), calendar)
		).toEqual({ day: '2026-11-16', time: '10:00' });
	});

	it('is said in plain words', () => {
		const until = refusalText(
			{ why: 'past_cutoff', cutoff: { day: '2027-04-14', time: '12:00' } },
			'lv'
		);
		expect(until).toContain('līdz 12:00, 14. aprīlī');
		expect(
			refusalText({ why: 'past_cutoff', cutoff: { day: '2027-04-14', time: '12:00' } }, 'en')
		).toContain('until 12:00 on 14 April');
	});
});

const container = {
	code: 'K1',
	address: 'Rīgas iela 1, Valmiera',
	fraction: 'mixed' as const,
	volumeLitres: 240,
	count: 1,
	frequency: '1 reizi 2 nedēļās'
};

function data(now: string, overrides: Partial<OrderData> = {}): OrderData {
	return {
		contractNumber: 'F-1',
		containers: [container],
		// Tuesdays from 1 December 2026, every two weeks.
		dates: new Map([['K1', new Set(['2026-12-01', '2026-12-15', '2026-12-29', '2027-01-12'])]]),
		offers: [offer()],
		openOrders: new Map(),
		clock: clockOf(new Date(now)),
		calendar,
		...overrides
	};
}

describe('skipping or moving an emptying', () => {
	it('offers both before the cut-off, to the area’s days that are not the container’s', () => {
		const choices = dateChoices(data('2026-12-10T08:00:00Z'), 'K1', '2026-12-15');
		expect(choices).toMatchObject({ ok: true, skip: true, cutoff: { day: '2026-12-14' } });
		if (!choices.ok) return;
		// Tuesdays and Fridays from the day after today to two weeks after: not Christmas (the
		// 25th), nor the 29th, which is the container's own.
		expect(choices.moveTo).toEqual(['2026-12-11', '2026-12-18', '2026-12-22']);
	});

	it('is refused after the cut-off, saying until when it was taken', () => {
		const choices = dateChoices(data('2026-12-14T10:00:00Z'), 'K1', '2026-12-15');
		expect(choices).toEqual({
			ok: false,
			refusal: { why: 'past_cutoff', cutoff: { day: '2026-12-14', time: '12:00' } }
		});
	});

	it('at the minimum frequency, allows a move but refuses a skip', () => {
		const moveOnly = data('2026-12-10T08:00:00Z', { offers: [offer({ skip: 'move_only' })] });
		expect(dateChoices(moveOnly, 'K1', '2026-12-15')).toMatchObject({ ok: true, skip: false });
		expect(quoteOrder(moveOnly, { kind: 'skip', containerCode: 'K1', date: '2026-12-15' })).toEqual(
			{ ok: false, refusal: { why: 'move_only' } }
		);
		expect(
			quoteOrder(moveOnly, {
				kind: 'move',
				containerCode: 'K1',
				date: '2026-12-15',
				newDate: '2026-12-18'
			})
		).toMatchObject({ ok: true, quote: { kind: 'move', newDate: '2026-12-18' } });
		// Nowhere to move it to, and no skipping: nothing can be ordered.
		const stuck = data('2026-12-10T08:00:00Z', {
			offers: [offer({ skip: 'move_only', extraDays: [] })]
		});
		expect(dateChoices(stuck, 'K1', '2026-12-15')).toEqual({
			ok: false,
			refusal: { why: 'move_only' }
		});
	});

	it('refuses a day not offered, a second order and a container without an offer', () => {
		const now = data('2026-12-10T08:00:00Z');
		expect(
			quoteOrder(now, {
				kind: 'move',
				containerCode: 'K1',
				date: '2026-12-15',
				newDate: '2026-12-16'
			})
		).toEqual({ ok: false, refusal: { why: 'no_such_day' } });
		const ordered = data('2026-12-10T08:00:00Z', {
			openOrders: new Map([
				['date\u0000K1\u00002026-12-15', { reference: 'KL-7Q2M4XH', kind: 'skip', newDate: null }]
			])
		});
		expect(dateChoices(ordered, 'K1', '2026-12-15')).toEqual({
			ok: false,
			refusal: { why: 'ordered', reference: 'KL-7Q2M4XH' }
		});
		const elsewhere = data('2026-12-10T08:00:00Z', { offers: [offer({ area: 'Cēsis' })] });
		expect(dateChoices(elsewhere, 'K1', '2026-12-15')).toEqual({
			ok: false,
			refusal: { why: 'no_offer' }
		});
	});
});

describe('prices from the catalogue, with VAT as an invoice has it', () => {
	it('an extra emptying: per container, VAT at the offer’s rate', () => {
		expect(extraEmptyingPrice(offer(), 1)).toEqual({
			netCents: 420,
			vatCents: 88,
			totalCents: 508,
			vatRate: 21
		});
		expect(extraEmptyingPrice(offer(), 3)).toEqual({
			netCents: 1260,
			vatCents: 265,
			totalCents: 1525,
			vatRate: 21
		});
		expect(priceText(extraEmptyingPrice(offer(), 1), 'lv').replace(/\u00a0/g, ' ')).toBe(
			'5,08 € ar PVN (4,20 € + PVN 21 %)'
		);
	});

	it('a month: fee, rent and the average emptyings, rounded once', () => {
		// Every two weeks: 26 a year, 2.1667 a month × 4.20 = 9.10, + 1.50 rent = 10.60.
		expect(monthlyPrice(offer(), '1 reizi 2 nedēļās', 1)).toEqual({
			netCents: 1060,
			vatCents: 223,
			totalCents: 1283,
			vatRate: 21
		});
		// Weekly with a fee: (2.00 + 1.50 + 4.20 × 52 / 12) × 2 = 43.40.
		expect(monthlyPrice(offer({ monthlyCents: 200 }), '1 reizi nedēļā', 2)?.netCents).toBe(4340);
		expect(monthlyPrice(offer(), 'pēc pieprasījuma', 1)).toBeNull();
	});

	it('the VAT is the invoices’ own: per rate on the net', () => {
		expect(
			totalsOf([
				{ netCents: 420, vatRate: 21 },
				{ netCents: 150, vatRate: 21 }
			])
		).toEqual(totalsOf([{ netCents: 570, vatRate: 21 }]));
		expect(
			totalsOf([
				{ netCents: 1000, vatRate: 21 },
				{ netCents: 1000, vatRate: 12 }
			])
		).toEqual({
			netCents: 2000,
			vatCents: 330,
			totalCents: 2330
		});
	});

	it('an extra emptying is offered on the area’s weekdays for four weeks, at its price', () => {
		const choices = extraChoices(data('2026-12-10T08:00:00Z'), 'K1');
		expect(choices.ok && choices.price.totalCents).toBe(508);
		const days = choices.ok ? choices.days.map((d) => d.date) : [];
		expect(days[0]).toBe('2026-12-11');
		expect(days).not.toContain('2026-12-15');
		expect(days).not.toContain('2026-12-25'); // Christmas
		expect(days.every((day) => day <= '2027-01-07')).toBe(true);
	});

	it('a container change shows the month before and after, from the first of a month', () => {
		const offers = [
			offer(),
			offer({ id: 'VAL-MIX-120', volumeLitres: 120, emptyingCents: 300, rentCents: 100 })
		];
		const choices = changeChoices(data('2026-12-10T08:00:00Z', { offers }), 'K1');
		expect(choices).toMatchObject({
			ok: true,
			start: '2027-01-01',
			// 31 December is a public holiday in Latvia.
			cutoff: { day: '2026-12-30' }
		});
		if (!choices.ok) return;
		expect(choices.before?.totalCents).toBe(1283);
		expect(
			choices.sizes.map((s) => `${s.volumeLitres} ${s.frequency} ${s.price.netCents}`)
		).toEqual(['120 1 reizi nedēļā 1400', '120 1 reizi 2 nedēļās 750', '240 1 reizi nedēļā 1970']);
		// The only mixed-waste container of its address stays.
		expect(choices.removable).toBe(false);
		expect(
			quoteOrder(data('2026-12-10T08:00:00Z', { offers }), {
				kind: 'container_change',
				change: 'remove',
				containerCode: 'K1'
			})
		).toEqual({ ok: false, refusal: { why: 'last_mixed' } });
	});

	it('refuses a frequency below the minimum, naming it', () => {
		const quoted = quoteOrder(data('2026-12-10T08:00:00Z'), {
			kind: 'container_change',
			change: 'resize',
			containerCode: 'K1',
			volumeLitres: 240,
			frequency: '1 reizi 4 nedēļās'
		});
		expect(quoted).toEqual({
			ok: false,
			refusal: { why: 'below_minimum', minimum: '1 reizi 2 nedēļās' }
		});
		if (!quoted.ok)
			expect(refusalText(quoted.refusal, 'en')).toBe(
				'It cannot be emptied less often than once every 2 weeks: the municipality sets this.'
			);
	});

	it('matches a container to its contract’s offers first, then its area’s, then everyone’s', () => {
		const offers = [
			offer({ id: 'ALL', area: null, emptyingCents: 500 }),
			offer({ id: 'AREA', emptyingCents: 420 }),
			offer({ id: 'OWN', area: null, contracts: ['F-1'], emptyingCents: 380 })
		];
		expect(offerFor(offers, 'F-1', container)?.id).toBe('OWN');
		expect(offerFor(offers, 'F-2', container)?.id).toBe('AREA');
		expect(offerFor(offers, 'F-2', { ...container, address: 'Cēsis' })?.id).toBe('ALL');
	});
});

const catalogueLine = {
	type: 'service',
	id: 'VAL-MIX-240',
	fraction: 'mixed',
	volumeLitres: 240,
	area: 'Valmiera',
	frequencies: ['1 reizi nedēļā', '1 reizi 2 nedēļās'],
	emptyingPrice: '4.20',
	rentPrice: '1.50',
	vatRate: 21,
	extraDays: ['tue', 'fri']
};

describe('the catalogue in the import', () => {
	it('is read from JSON Lines and CSV alike, and replaced by the next export that has one', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		const first = await runImport(
			db,
			writeJsonLines(dir, [header(), catalogueLine, privateCustomer('F-1')])
		);
		expect(first.problems).toEqual([]);
		expect(first.counts.catalogueUpdated).toBe(true);
		expect(await listOffers(db)).toEqual([offer()]);

		const csv = writeCsvExportOf('2026-11-21', '2026-11-22', {
			'services.csv': [
				[
					'id',
					'fraction',
					'volume_litres',
					'area',
					'frequencies',
					'emptying_price',
					'rent_price',
					'vat_rate',
					'skip',
					'cutoff_days',
					'cutoff_time',
					'extra_days'
				],
				[
					'VAL-MIX-240',
					'mixed',
					'240',
					'Valmiera',
					'1 reizi nedēļā, 1 reizi 2 nedēļās',
					'4,20',
					'1,50',
					'21',
					'',
					'',
					'',
					'tue fri'
				]
			]
		});
		const same = await runImport(db, csv);
		expect(same.problems).toEqual([]);
		expect(same.counts.catalogueUpdated).toBe(false);
	});

	it('names every bad field and changes nothing', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		await runImport(db, writeJsonLines(dir, [header(), catalogueLine]));
		const bad = await runImport(
			db,
			writeJsonLines(dir, [
				header('2026-11-21'),
				{
					...catalogueLine,
					id: 'BAD',
					frequencies: ['kad vajag'],
					emptyingPrice: '4,205',
					vatRate: 121,
					skip: 'never',
					cutoffTime: '25:00',
					extraDays: ['someday']
				},
				catalogueLine,
				{ ...catalogueLine, id: 'SECOND' },
				{ ...catalogueLine, volumeLitres: 120 }
			])
		);
		expect(bad.problems.map((p) => `${p.field}: ${p.reason}`)).toEqual([
			'frequencies[0]: must be a frequency in the billing system\'s words, such as "1 reizi 2 nedēļās"',
			'extraDays[0]: must be one of: mon, tue, wed, thu, fri, sat, sun',
			'cutoffTime: "25:00" is not a time (HH:MM)',
			'emptyingPrice: "4,205" is not an amount in euros with at most 2 decimals',
			'vatRate: must be a whole number from 0 to 100',
			'skip: must be one of: allowed, move_only',
			'volumeLitres: a second offer of 240 l for the same fraction, area and contracts',
			'id: offer "VAL-MIX-240" appears more than once'
		]);
		expect(await listOffers(db)).toEqual([offer()]);
	});
});

describe('an order on the request machinery', () => {
	it('is quoted again when placed, stored with its prices, and read back by owner', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		const customer = privateCustomer('F-1', {
			containers: [{ ...container, dates: ['2026-12-01', '2026-12-15', '2026-12-29'] }]
		});
		await runImport(db, writeJsonLines(dir, [header(), catalogueLine, customer]));
		const { id } = await db
			.selectFrom('customer')
			.select('id')
			.where('contract_number', '=', 'F-1')
			.executeTakeFirstOrThrow();
		const now = new Date('2026-12-10T08:00:00Z');
		const who = {
			customerId: id,
			accountId: null,
			sessionKind: 'contract' as const,
			locale: 'lv',
			contractNumber: 'F-1'
		};
		const contact = { name: 'Līga Ozoliņa', phone: null, email: 'liga@example.lv' };
		const ctx = { db, now, origin: 'https://klientiem.example' };
		const extra = await placeOrder(
			ctx,
			who,
			{ kind: 'extra', containerCode: 'K1', date: '2026-12-18' },
			contact
		);
		expect(extra).toMatchObject({ reference: expect.stringMatching(/^KL-/) });
		const skip = await placeOrder(
			ctx,
			who,
			{ kind: 'skip', containerCode: 'K1', date: '2026-12-15' },
			contact
		);
		expect('reference' in skip).toBe(true);
		// The same emptying again, as a second tab would: refused with the first's reference.
		const again = await placeOrder(
			ctx,
			who,
			{ kind: 'move', containerCode: 'K1', date: '2026-12-15', newDate: '2026-12-18' },
			contact
		);
		expect(again).toEqual({
			refused: { why: 'ordered', reference: 'reference' in skip ? skip.reference : '' }
		});
		// Another customer's id cannot read it.
		if (!('reference' in extra)) return;
		expect(await getCustomerRequest(db, id + 1, extra.reference)).toBeNull();
		const stored = await getCustomerRequest(db, id, extra.reference);
		expect(stored).toMatchObject({
			kind: 'extra',
			state: 'submitted',
			collectionDate: '2026-12-18',
			place: null,
			order: { priceCents: 420, vatRate: 21, count: 1 }
		});
		expect(requestSummary(stored!, 'lv').replace(/\u00a0/g, ' ')).toBe(
			'Papildu izvešana: Sadzīves atkritumi, Rīgas iela 1, Valmiera, 18.12.2026; 5,08 € ar PVN (4,20 € + PVN 21 %).'
		);
		const staff = await listRequestsForStaff(db, { after: 0, limit: 10 });
		expect(staff.requests.map((r) => r.kind)).toEqual(['extra', 'skip']);
		const data = await loadOrderData(db, { id, contractNumber: 'F-1' }, now, await listOffers(db));
		expect([...data.openOrders.values()].map((o) => o.kind).sort()).toEqual(['extra', 'skip']);
		const mail = await db.selectFrom('outbox').select(['subject', 'text_body']).execute();
		expect(mail).toHaveLength(2);
		expect(mail[0]!.text_body).toContain('Mēs saņēmām jūsu pasūtījumu');

		// The next export leaves the skipped day out: the skip is done, the extra still open.
		const carriedOut = await runImport(
			db,
			writeJsonLines(dir, [
				header('2026-11-21'),
				catalogueLine,
				{ ...customer, containers: [{ ...container, dates: ['2026-12-01', '2026-12-29'] }] }
			])
		);
		expect(carriedOut.counts.requestsAnswered).toBe(1);
		expect(
			await getCustomerRequest(db, id, 'reference' in skip ? skip.reference : '')
		).toMatchObject({
			state: 'collected',
			history: [{ state: 'submitted' }, { state: 'collected' }]
		});
		expect((await getCustomerRequest(db, id, extra.reference))?.state).toBe('submitted');
		expect(
			(await db.selectFrom('outbox').select('text_body').execute()).at(-1)?.text_body
		).toContain('ir izpildīts');
		// The same export again changes nothing.
		const again2 = await runImport(
			db,
			writeJsonLines(dir, [
				header('2026-11-21'),
				catalogueLine,
				{ ...customer, containers: [{ ...container, dates: ['2026-12-01', '2026-12-29'] }] }
			])
		);
		expect(again2.counts.requestsAnswered).toBe(0);
	});
});

describe('the demo data', () => {
	it('has a catalogue, and the private demo an order of each kind in each state', async () => {
		const db = await memoryDb();
		const file = `${tempDir()}/demo.jsonl`;
		await writeDemoExport(file, { customers: 0, today: '2026-12-02' });
		expect((await runImport(db, file)).status).toBe('succeeded');
		expect((await listOffers(db)).length).toBeGreaterThan(5);
		const now = new Date('2026-12-02T08:00:00Z');
		await seedDemoRequests(db, now);
		const orders = (await listRequestsForStaff(db, { after: 0, limit: 100 })).requests.filter(
			(r) => r.kind !== 'missed_collection'
		);
		expect(orders.map((r) => `${r.kind} ${r.state}`)).toEqual([
			'skip submitted',
			'move received',
			'extra scheduled',
			'container_change collected',
			'container_change rejected'
		]);
		expect(orders.every((r) => r.contractNumber === DEMO_PRIVATE_CONTRACT)).toBe(true);
		expect(orders[4]!.history.map((e) => e.state)).toEqual(['submitted', 'received', 'rejected']);
	});
});

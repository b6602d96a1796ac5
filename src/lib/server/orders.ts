/**
 * What a customer may order, decided from the data (src/lib/domain/order.ts): the catalogue's
 * offer for the container where it stands, the working days before the day, the container's
 * own dates and the orders already open. The pages ask it to offer choices, the check page to
 * quote, and placing an order asks it again inside the transaction that records it.
 */
import { addDays, dayInRiga, timeInRiga, weekdayOf } from '$lib/dates';
import {
	allowsFrequency,
	DEFAULT_CUTOFF,
	emptyingsPerMonth,
	extraEmptyingPrice,
	minimumFrequency,
	monthlyPrice,
	NO_PRICE,
	offerFor,
	offersFor,
	WEEKDAYS,
	type Price,
	type ServiceOffer
} from '$lib/domain/catalogue';
import type { ContainerInfo } from '$lib/domain/container';
import {
	quoteAsRequest,
	type Cutoff,
	type EntryOrderState,
	type OpenOrder,
	type OrderAnswers,
	type OrderQuote,
	type OrderRefusal
} from '$lib/domain/order';
import type { Fraction } from '$lib/calendar';
import { isResolved, type RequestStatus, type ServiceRequest } from '$lib/domain/service-request';
import { listCollections, listContainers } from './calendar';
import type { Db } from './db';
import { listOffers } from './catalogue';
import type { WorkContext } from './context';
import type { Requester } from './customer-request';
import { loadMailBrand } from './mail/templates';
import {
	applyRequestStatuses,
	listCustomerRequests,
	newReference,
	recordState
} from './service-request';
import { workingDays, type WorkingDays } from './working-days';

/** The cut-off of an order for `day`: so many working days before it, at the offer's time. */
export function cutoffOf(
	day: string,
	rule: { cutoffWorkingDays: number; cutoffTime: string } = {
		cutoffWorkingDays: DEFAULT_CUTOFF.workingDays,
		cutoffTime: DEFAULT_CUTOFF.time
	},
	calendar: WorkingDays = workingDays()
): Cutoff {
	let cutoff = day;
	for (let found = 0; found < rule.cutoffWorkingDays;)
		if (calendar.isWorkingDay((cutoff = addDays(cutoff, -1)))) found++;
	return { day: cutoff, time: rule.cutoffTime };
}

/** A moment as Riga's clock shows it: read once, as a page compares it with many cut-offs. */
export interface Clock {
	day: string;
	time: string;
}

export const clockOf = (now: Date): Clock => ({ day: dayInRiga(now), time: timeInRiga(now) });

/** Whether the clock shows a time before the cut-off (Riga's, summer time or not). */
export function beforeCutoff(cutoff: Cutoff, clock: Clock): boolean {
	return clock.day < cutoff.day || (clock.day === cutoff.day && clock.time < cutoff.time);
}

/** What a page needs to know of the customer's data to decide an order. */
export interface OrderData {
	contractNumber: string;
	containers: ContainerInfo[];
	/** Each container's dates (from today on is enough), by code. */
	dates: Map<string, Set<string>>;
	offers: ServiceOffer[];
	/** The open skips and moves, and extra emptyings, by orderKey. */
	openOrders: Map<string, OpenOrder>;
	clock: Clock;
	calendar?: WorkingDays;
}

/** How open orders are looked up: kind group, container code and day. */
export const orderKey = (group: 'date' | 'extra', containerCode: string, date: string) =>
	`${group}\u0000${containerCode}\u0000${date}`;

// How far around the planned day a move may go, and how far ahead an extra may be ordered.
const MOVE_BEFORE_DAYS = 7;
const MOVE_AFTER_DAYS = 14;
const EXTRA_AHEAD_DAYS = 28;

const container = (data: OrderData, code: string) => data.containers.find((c) => c.code === code);

const refused = (refusal: OrderRefusal) => ({ ok: false as const, refusal });

const offerOf = (data: Pick<OrderData, 'offers' | 'contractNumber'>, of: ContainerInfo) =>
	offerFor(data.offers, data.contractNumber, of);

/**
 * The days a crew can come for this offer between two days (inclusive): its weekdays, on
 * working days, whose own cut-off has not passed, and not already a date of the container.
 */
function serviceDays(
	data: OrderData,
	offer: ServiceOffer,
	code: string | null,
	from: string,
	to: string
): string[] {
	const calendar = data.calendar ?? workingDays();
	const own = (code && data.dates.get(code)) || new Set<string>();
	const days: string[] = [];
	for (let day = from; day <= to; day = addDays(day, 1)) {
		if (!offer.extraDays.includes(WEEKDAYS[weekdayOf(day)]!)) continue;
		if (!calendar.isWorkingDay(day) || own.has(day)) continue;
		if (beforeCutoff(cutoffOf(day, offer, calendar), data.clock)) days.push(day);
	}
	return days;
}

export type DateChoices =
	| { ok: true; cutoff: Cutoff; skip: boolean; moveTo: string[] }
	| { ok: false; refusal: OrderRefusal };

/** Whether a container's emptying on `date` can be skipped or moved, and to which days. */
export function dateChoices(data: OrderData, containerCode: string, date: string): DateChoices {
	const of = container(data, containerCode);
	if (!of || !data.dates.get(containerCode)?.has(date)) return refused({ why: 'gone' });
	const offer = offerOf(data, of);
	if (!offer) return refused({ why: 'no_offer' });
	const ordered = data.openOrders.get(orderKey('date', containerCode, date));
	if (ordered) return refused({ why: 'ordered', reference: ordered.reference });
	const cutoff = cutoffOf(date, offer, data.calendar);
	if (!beforeCutoff(cutoff, data.clock)) return refused({ why: 'past_cutoff', cutoff });
	const today = data.clock.day;
	const earliest = addDays(date, -MOVE_BEFORE_DAYS);
	const moveTo = serviceDays(
		data,
		offer,
		containerCode,
		earliest > today ? earliest : addDays(today, 1),
		addDays(date, MOVE_AFTER_DAYS)
	);
	const skip = offer.skip === 'allowed';
	if (!skip && moveTo.length === 0) return refused({ why: 'move_only' });
	return { ok: true, cutoff, skip, moveTo };
}

export type ExtraChoices =
	| { ok: true; days: { date: string; cutoff: Cutoff }[]; price: Price }
	| { ok: false; refusal: OrderRefusal };

/** The days an extra emptying of a container can be ordered for, and its price. */
export function extraChoices(data: OrderData, containerCode: string): ExtraChoices {
	const of = container(data, containerCode);
	if (!of) return refused({ why: 'gone' });
	const offer = offerOf(data, of);
	if (!offer) return refused({ why: 'no_offer' });
	if (offer.extraDays.length === 0) return refused({ why: 'not_offered' });
	const today = data.clock.day;
	const days = serviceDays(
		data,
		offer,
		containerCode,
		addDays(today, 1),
		addDays(today, EXTRA_AHEAD_DAYS)
	)
		.filter((date) => !data.openOrders.has(orderKey('extra', containerCode, date)))
		.map((date) => ({ date, cutoff: cutoffOf(date, offer, data.calendar) }));
	return { ok: true, days, price: extraEmptyingPrice(offer, of.count) };
}

/**
 * The first day a container change can start: a new size, frequency, container or removal
 * from the first of a month, so a month is billed one way; next month's first when its
 * cut-off has not passed, else the month after's.
 */
export function changeStart(
	data: OrderData,
	offer: ServiceOffer | null
): Cutoff & { start: string } {
	const rule = offer ?? {
		cutoffWorkingDays: DEFAULT_CUTOFF.workingDays,
		cutoffTime: DEFAULT_CUTOFF.time
	};
	const today = data.clock.day;
	let start = firstOfNextMonth(today);
	let cutoff = cutoffOf(start, rule, data.calendar);
	if (!beforeCutoff(cutoff, data.clock)) {
		start = firstOfNextMonth(start);
		cutoff = cutoffOf(start, rule, data.calendar);
	}
	return { ...cutoff, start };
}

const firstOfNextMonth = (day: string) => {
	const [year, month] = day.split('-').map(Number) as [number, number];
	return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
};

/** The first working day a damaged or lost container can be replaced: its cut-off not passed. */
function replacementDay(data: OrderData, offer: ServiceOffer): Cutoff & { start: string } {
	const calendar = data.calendar ?? workingDays();
	for (let day = addDays(data.clock.day, 1); ; day = addDays(day, 1)) {
		if (!calendar.isWorkingDay(day)) continue;
		const cutoff = cutoffOf(day, offer, calendar);
		if (beforeCutoff(cutoff, data.clock)) return { ...cutoff, start: day };
	}
}

/** A size and frequency the catalogue offers, with its month's price for `count` containers. */
export interface SizeChoice {
	volumeLitres: number;
	frequency: string;
	price: Price;
}

/** Every size and frequency of the offers, the least frequent last within a size. */
function sizeChoices(offers: ServiceOffer[], count: number): SizeChoice[] {
	return offers
		.toSorted((a, b) => a.volumeLitres - b.volumeLitres)
		.flatMap((offer) =>
			offer.frequencies
				.toSorted((a, b) => (emptyingsPerMonth(b) ?? 0) - (emptyingsPerMonth(a) ?? 0))
				.map((frequency) => ({
					volumeLitres: offer.volumeLitres,
					frequency,
					price: monthlyPrice(offer, frequency, count)!
				}))
		);
}

export type ChangeChoices =
	| {
			ok: true;
			before: Price | null;
			sizes: SizeChoice[];
			/** Whether it can be removed; the only mixed-waste container of an address cannot. */
			removable: boolean;
			start: string;
			cutoff: Cutoff;
			replacement: { start: string; cutoff: Cutoff };
	  }
	| { ok: false; refusal: OrderRefusal };

/** What a container can be changed to, and what its month costs before and after. */
export function changeChoices(data: OrderData, containerCode: string): ChangeChoices {
	const of = container(data, containerCode);
	if (!of) return refused({ why: 'gone' });
	const offer = offerOf(data, of);
	if (!offer) return refused({ why: 'no_offer' });
	const here = offersFor(data.offers, { contractNumber: data.contractNumber, ...of });
	const sizes = sizeChoices(here, of.count).filter(
		(size) =>
			size.volumeLitres !== of.volumeLitres ||
			emptyingsPerMonth(size.frequency) !== emptyingsPerMonth(of.frequency)
	);
	const removable =
		of.fraction !== 'mixed' ||
		data.containers.some(
			(other) => other !== of && other.fraction === 'mixed' && other.address === of.address
		);
	const { start, ...cutoff } = changeStart(data, offer);
	const { start: replaced, ...replacementCutoff } = replacementDay(data, offer);
	return {
		ok: true,
		before: monthlyPrice(offer, of.frequency, of.count),
		sizes,
		removable,
		start,
		cutoff,
		replacement: { start: replaced, cutoff: replacementCutoff }
	};
}

/** The fractions a container can be added for at an address, as the catalogue offers them. */
export const ADDABLE_FRACTIONS: readonly Fraction[] = ['paper', 'plastic_metal', 'glass', 'bio'];

export interface AddChoices {
	addresses: {
		address: string;
		fractions: { fraction: Fraction; sizes: SizeChoice[] }[];
	}[];
	start: string;
	cutoff: Cutoff;
}

/** The sorted-waste and bio containers each address can have added: fractions it has none of. */
export function addChoices(data: OrderData): AddChoices {
	const addresses = [...new Set(data.containers.map((c) => c.address))].sort();
	const { start, ...cutoff } = changeStart(data, null);
	return {
		addresses: addresses
			.map((address) => ({
				address,
				fractions: ADDABLE_FRACTIONS.filter(
					(fraction) =>
						!data.containers.some((c) => c.address === address && c.fraction === fraction)
				)
					.map((fraction) => ({
						fraction,
						sizes: sizeChoices(
							offersFor(data.offers, { contractNumber: data.contractNumber, address, fraction }),
							1
						)
					}))
					.filter((choice) => choice.sizes.length > 0)
			}))
			.filter((choice) => choice.fractions.length > 0),
		start,
		cutoff
	};
}

/**
 * The order as the portal would take it now, or why not: the check page shows it, and
 * placing the order quotes again from the data in its transaction.
 */
export function quoteOrder(
	data: OrderData,
	answers: OrderAnswers
): { ok: true; quote: OrderQuote } | { ok: false; refusal: OrderRefusal } {
	const base = {
		newDate: null,
		change: null,
		newVolumeLitres: null,
		newFrequency: null,
		before: null,
		price: null
	};
	if (answers.kind === 'container_change' && answers.change === 'add') {
		const choices = addChoices(data);
		const size = choices.addresses
			.find((a) => a.address === answers.address)
			?.fractions.find((f) => f.fraction === answers.fraction)
			?.sizes.find(
				(s) => s.volumeLitres === answers.volumeLitres && s.frequency === answers.frequency
			);
		if (!size) return refused({ why: 'not_offered' });
		return {
			ok: true,
			quote: {
				...base,
				kind: answers.kind,
				container: {
					code: null,
					fraction: answers.fraction,
					volumeLitres: answers.volumeLitres,
					address: answers.address,
					count: 1,
					frequency: null
				},
				date: choices.start,
				change: 'add',
				newVolumeLitres: answers.volumeLitres,
				newFrequency: answers.frequency,
				before: NO_PRICE(size.price.vatRate),
				price: size.price,
				cutoff: choices.cutoff
			}
		};
	}
	const of = container(data, answers.containerCode);
	if (!of) return refused({ why: 'gone' });
	const about = {
		code: of.code,
		fraction: of.fraction,
		volumeLitres: of.volumeLitres,
		address: of.address,
		count: of.count,
		frequency: of.frequency
	};
	switch (answers.kind) {
		case 'skip':
		case 'move': {
			const choices = dateChoices(data, answers.containerCode, answers.date);
			if (!choices.ok) return choices;
			if (answers.kind === 'skip' && !choices.skip) return refused({ why: 'move_only' });
			if (answers.kind === 'move' && !choices.moveTo.includes(answers.newDate))
				return refused({ why: 'no_such_day' });
			return {
				ok: true,
				quote: {
					...base,
					kind: answers.kind,
					container: about,
					date: answers.date,
					newDate: answers.kind === 'move' ? answers.newDate : null,
					cutoff: choices.cutoff
				}
			};
		}
		case 'extra': {
			const choices = extraChoices(data, answers.containerCode);
			if (!choices.ok) return choices;
			const day = choices.days.find((d) => d.date === answers.date);
			if (!day) return refused({ why: 'no_such_day' });
			return {
				ok: true,
				quote: {
					...base,
					kind: 'extra',
					container: about,
					date: day.date,
					price: choices.price,
					cutoff: day.cutoff
				}
			};
		}
		case 'container_change': {
			const choices = changeChoices(data, answers.containerCode);
			if (!choices.ok) return choices;
			const change = {
				...base,
				kind: answers.kind,
				container: about,
				change: answers.change,
				before: choices.before
			};
			if (answers.change === 'resize') {
				const offer = offerFor(data.offers, data.contractNumber, {
					...of,
					volumeLitres: answers.volumeLitres
				});
				if (!offer) return refused({ why: 'not_offered' });
				if (!allowsFrequency(offer, answers.frequency)) {
					const minimum = minimumFrequency(offer);
					const wanted = emptyingsPerMonth(answers.frequency);
					const below = minimum !== null && wanted !== null && wanted < emptyingsPerMonth(minimum)!;
					return refused(below ? { why: 'below_minimum', minimum } : { why: 'not_offered' });
				}
				const size = choices.sizes.find(
					(s) =>
						s.volumeLitres === answers.volumeLitres &&
						emptyingsPerMonth(s.frequency) === emptyingsPerMonth(answers.frequency)
				);
				if (!size) return refused({ why: 'not_offered' });
				return {
					ok: true,
					quote: {
						...change,
						date: choices.start,
						newVolumeLitres: size.volumeLitres,
						newFrequency: size.frequency,
						price: size.price,
						cutoff: choices.cutoff
					}
				};
			}
			if (answers.change === 'remove') {
				if (!choices.removable) return refused({ why: 'last_mixed' });
				return {
					ok: true,
					quote: {
						...change,
						date: choices.start,
						price: NO_PRICE(choices.before?.vatRate ?? 0),
						cutoff: choices.cutoff
					}
				};
			}
			return {
				ok: true,
				quote: {
					...change,
					date: choices.replacement.start,
					price: choices.before,
					cutoff: choices.replacement.cutoff
				}
			};
		}
	}
}

/**
 * What the calendar shows at a container's emptying: the order open for it, or until when
 * one can be made, or that the time for it has passed. Null when the catalogue has nothing
 * for the container. One cut-off per day, so a year's calendar is cheap.
 */
export function entryOrderState(
	data: Omit<OrderData, 'dates'>,
	entry: { containerCode: string; date: string }
): EntryOrderState | null {
	const ordered = data.openOrders.get(orderKey('date', entry.containerCode, entry.date));
	if (ordered) return { state: 'ordered', ...ordered };
	const of = data.containers.find((c) => c.code === entry.containerCode);
	const offer = of && offerOf(data, of);
	if (!offer) return null;
	const cutoff = cutoffOf(entry.date, offer, data.calendar);
	return { state: beforeCutoff(cutoff, data.clock) ? 'open' : 'closed', cutoff };
}

/** The open skips, moves and extra emptyings among a customer's requests, by orderKey. */
export function openOrdersOf(requests: ServiceRequest[]): Map<string, OpenOrder> {
	const open = new Map<string, OpenOrder>();
	for (const request of requests) {
		const { kind, container } = request;
		if (isResolved(request.state) || !container.code) continue;
		if (kind !== 'skip' && kind !== 'move' && kind !== 'extra') continue;
		open.set(
			orderKey(kind === 'extra' ? 'extra' : 'date', container.code, request.collectionDate),
			{
				reference: request.reference,
				kind,
				newDate: request.order?.newDate ?? null
			}
		);
	}
	return open;
}

// A year ahead: the calendar offers every emptying it shows.
const DATES_AHEAD_DAYS = 400;

/** The customer's data an order is decided on, read by owner. */
export async function loadOrderData(
	db: Db,
	customer: { id: number; contractNumber: string },
	now: Date,
	offers: ServiceOffer[]
): Promise<OrderData> {
	const clock = clockOf(now);
	const [containers, entries, requests] = await Promise.all([
		listContainers(db, customer.id),
		listCollections(db, customer.id, clock.day, addDays(clock.day, DATES_AHEAD_DAYS)),
		listCustomerRequests(db, customer.id, now)
	]);
	const dates = new Map<string, Set<string>>();
	for (const entry of entries) {
		const own = dates.get(entry.containerCode) ?? new Set<string>();
		own.add(entry.date);
		dates.set(entry.containerCode, own);
	}
	return {
		contractNumber: customer.contractNumber,
		containers,
		dates,
		offers,
		openOrders: openOrdersOf(requests),
		clock
	};
}

/** A unique index said no: on SQLite and on PostgreSQL. */
function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/**
 * Records an order, its first event and its e-mail together, after quoting it again from the
 * data: the answers came through several pages, and meanwhile the cut-off passed, an import
 * changed the calendar or another tab ordered the same.
 */
export async function placeOrder(
	{ db, now, origin }: WorkContext,
	who: Requester & { contractNumber: string },
	answers: OrderAnswers,
	contact: ServiceRequest['contact']
): Promise<{ reference: string } | { refused: OrderRefusal }> {
	try {
		return await db.transaction().execute(async (trx) => {
			const data = await loadOrderData(
				trx,
				{ id: who.customerId, contractNumber: who.contractNumber },
				now,
				await listOffers(trx)
			);
			const quoted = quoteOrder(data, answers);
			if (!quoted.ok) return { refused: quoted.refusal };
			const { quote } = quoted;
			const order = quoteAsRequest(quote).order!;
			const at = now.toISOString();
			const row = await trx
				.insertInto('service_request')
				.values({
					reference: newReference(),
					customer_id: who.customerId,
					account_id: who.accountId,
					session_kind: who.sessionKind,
					kind: quote.kind,
					container_code: quote.container.code,
					fraction: quote.container.fraction,
					volume_litres: quote.container.volumeLitres,
					address: quote.container.address,
					collection_date: quote.date,
					new_date: order.newDate,
					container_change: order.change,
					count: order.count,
					frequency: order.frequency,
					new_volume_litres: order.newVolumeLitres,
					new_frequency: order.newFrequency,
					vat_rate: order.vatRate,
					price_before_cents: order.priceBeforeCents,
					price_cents: order.priceCents,
					contact_name: contact.name,
					contact_phone: contact.phone,
					contact_email: contact.email,
					locale: who.locale,
					state: 'submitted',
					created_at: at,
					updated_at: at
				})
				.returningAll()
				.executeTakeFirstOrThrow();
			await recordState(trx, row, { state: 'submitted', note: null, returnDate: null }, at, {
				origin,
				brand: await loadMailBrand(trx)
			});
			return { reference: row.reference };
		});
	} catch (error) {
		if (!isUniqueViolation(error) || answers.kind === 'container_change') throw error;
		// Another tab's order of the same emptying came first (service_request_order_once).
		const data = await loadOrderData(
			db,
			{ id: who.customerId, contractNumber: who.contractNumber },
			now,
			[]
		);
		const group = answers.kind === 'extra' ? 'extra' : 'date';
		const first = data.openOrders.get(orderKey(group, answers.containerCode, answers.date));
		if (!first) throw error;
		return { refused: { why: 'ordered', reference: first.reference } };
	}
}

/**
 * The skips and moves an import has carried out, marked done: a skipped day the container no
 * longer has, a moved one that now has its new day instead. The company need not answer
 * those by hand; what the export leaves as it was waits for its answer.
 */
export async function confirmCarriedOutOrders(context: WorkContext): Promise<number> {
	const { db } = context;
	const open = await db
		.selectFrom('service_request')
		.select(['reference', 'kind', 'customer_id', 'container_code', 'collection_date', 'new_date'])
		.where('kind', 'in', ['skip', 'move'])
		.where('state', 'not in', ['collected', 'rejected'])
		.execute();
	const statuses: RequestStatus[] = [];
	for (const order of open) {
		if (!order.container_code) continue;
		const days = [order.collection_date, ...(order.new_date ? [order.new_date] : [])];
		const container = await db
			.selectFrom('container')
			.leftJoin('collection_date', (join) =>
				join
					.onRef('collection_date.container_id', '=', 'container.id')
					.on('collection_date.collection_date', 'in', days)
			)
			.select('collection_date.collection_date')
			.where('container.customer_id', '=', order.customer_id)
			.where('container.code', '=', order.container_code)
			.execute();
		// A container the export no longer has is the company's to answer for.
		if (container.length === 0) continue;
		const has = new Set(container.map((row) => row.collection_date));
		const done =
			!has.has(order.collection_date) &&
			(order.kind === 'skip' || (order.new_date !== null && has.has(order.new_date)));
		if (done)
			statuses.push({ reference: order.reference, state: 'collected', date: null, note: null });
	}
	return (await applyRequestStatuses(context, statuses)).applied;
}

/**
 * How a service request, its states, a report's eligibility and an order's refusal are worded
 * on every page and in e-mails.
 */
import { fractionName } from '../fractions';
import { describeFrequency } from '../frequency';
import { day, longDay, money, onDay } from '../format';
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';
import type { Price } from './catalogue';
import type { Cutoff, OrderRefusal } from './order';
import type {
	Eligibility,
	OrderDetails,
	PutOutPlace,
	RequestKind,
	RequestState,
	ServiceRequest
} from './service-request';
import { totalsOf } from './document';

const STATE_WORDS = {
	submitted: m.request_state_submitted,
	received: m.request_state_received,
	scheduled: m.request_state_scheduled,
	collected: m.request_state_collected,
	rejected: m.request_state_rejected
} satisfies Record<RequestState, unknown>;

/** A state's word; an order that is carried out is "done", not "collected". */
export const requestStateLabel = (
	state: RequestState,
	locale: Locale,
	kind: RequestKind = 'missed_collection'
) =>
	state === 'collected' && kind !== 'missed_collection'
		? m.request_state_done({}, { locale })
		: STATE_WORDS[state]({}, { locale });

const KIND_WORDS = {
	missed_collection: m.request_kind_missed_collection,
	skip: m.request_kind_skip,
	move: m.request_kind_move,
	extra: m.request_kind_extra,
	container_change: m.request_kind_container_change
} satisfies Record<RequestKind, unknown>;

export const requestKindLabel = (kind: RequestKind, locale: Locale) =>
	KIND_WORDS[kind]({}, { locale });

const PLACE_WORDS = {
	usual: m.report_place_usual,
	kerb: m.report_place_kerb,
	other: m.report_place_other
} satisfies Record<PutOutPlace, unknown>;

export const placeLabel = (place: PutOutPlace, locale: Locale) =>
	PLACE_WORDS[place]({}, { locale });

/** Why a collection cannot be reported, in the customer's words; null when it can. */
export function eligibilityText(eligibility: Eligibility, locale: Locale): string | null {
	if (eligibility.ok) return null;
	const options = { locale };
	switch (eligibility.why) {
		case 'reported':
			return m.report_why_reported({ reference: eligibility.reference }, options);
		case 'not_put_out':
			return eligibility.reason
				? m.report_why_not_put_out_reason({ reason: eligibility.reason }, options)
				: m.report_why_not_put_out({}, options);
		case 'future':
			return m.report_why_future({}, options);
		case 'too_early':
			return m.report_why_too_early({ time: eligibility.after }, options);
		case 'too_late':
			return m.report_why_too_late({ deadline: longDay(eligibility.deadline, locale) }, options);
		case 'gone':
			return m.report_why_gone({}, options);
	}
}

/** "Ieplānots: atkārtota izvešana 03.12.2026" and the like: a state with what it carries. */
export function stateSummary(
	event: { state: RequestState; returnDate: string | null },
	locale: Locale,
	kind: RequestKind = 'missed_collection'
): string {
	const label = requestStateLabel(event.state, locale, kind);
	if (event.state !== 'scheduled' || !event.returnDate) return label;
	const date = day(event.returnDate, locale);
	return kind === 'missed_collection'
		? m.request_scheduled_for({ state: label, date }, { locale })
		: m.order_scheduled_for({ state: label, date }, { locale });
}

/** "līdz 12:00, 14. aprīlī": until when an order is taken. */
export const cutoffText = (cutoff: Cutoff, locale: Locale) =>
	m.order_until({ time: cutoff.time, date: onDay(cutoff.day, locale) }, { locale });

/** "5,08 € ar PVN (4,20 € + PVN 21 %)": a price as an order shows it. */
export function priceText(price: Price, locale: Locale): string {
	return m.order_price(
		{
			total: money(price.totalCents, locale),
			net: money(price.netCents, locale),
			rate: price.vatRate
		},
		{ locale }
	);
}

/** A month's price: "12,34 € mēnesī ar PVN". */
export const monthlyText = (price: Price, locale: Locale) =>
	m.order_monthly({ total: money(price.totalCents, locale) }, { locale });

/** "240 l, 1 reizi 2 nedēļās". */
export const sizeText = (volumeLitres: number, frequency: string | null, locale: Locale) =>
	frequency ? `${volumeLitres} l, ${describeFrequency(frequency, locale)}` : `${volumeLitres} l`;

/** A stored order's price, at the VAT rate it was shown with. */
const storedPrice = (netCents: number | null, vatRate: number | null): Price | null =>
	netCents === null || vatRate === null ? null : { ...totalsOf([{ netCents, vatRate }]), vatRate };

/** What a request is about, in one sentence: on its page, in the lists and in its e-mails. */
export function requestSummary(request: Omit<ServiceRequest, 'history'>, locale: Locale): string {
	const options = { locale };
	const { container, order } = request;
	const about = {
		fraction: fractionName(container.fraction, locale),
		address: container.address,
		date: day(request.collectionDate, locale)
	};
	if (request.kind === 'missed_collection' || !order)
		return m.mail_request_what(
			{ ...about, date: longDay(request.collectionDate, locale) },
			options
		);
	const from = sizeText(container.volumeLitres, order.frequency, locale);
	switch (request.kind) {
		case 'skip':
			return m.order_summary_skip(about, options);
		case 'move':
			return m.order_summary_move(
				{ ...about, newDate: day(order.newDate ?? request.collectionDate, locale) },
				options
			);
		case 'extra': {
			const price = storedPrice(order.priceCents, order.vatRate);
			return m.order_summary_extra(
				{ ...about, price: price ? priceText(price, locale) : '—' },
				options
			);
		}
		case 'container_change': {
			const to = sizeText(
				order.newVolumeLitres ?? container.volumeLitres,
				order.newFrequency,
				locale
			);
			switch (order.change) {
				case 'add':
					return m.order_summary_add({ ...about, to }, options);
				case 'remove':
					return m.order_summary_remove({ ...about, from }, options);
				case 'damaged':
					return m.order_summary_damaged({ ...about, from }, options);
				case 'lost':
					return m.order_summary_lost({ ...about, from }, options);
				default:
					return m.order_summary_resize({ ...about, from, to }, options);
			}
		}
	}
}

/** The month's prices an order was shown, before and after, when it has them. */
export function orderPrices(request: Pick<ServiceRequest, 'kind' | 'order'>): {
	before: Price | null;
	after: Price | null;
} {
	const order = request.order;
	if (!order) return { before: null, after: null };
	return {
		before: storedPrice(order.priceBeforeCents, order.vatRate),
		after: storedPrice(order.priceCents, order.vatRate)
	};
}

/** Why an order cannot be made, in the customer's words. */
export function refusalText(refusal: OrderRefusal, locale: Locale): string {
	const options = { locale };
	switch (refusal.why) {
		case 'no_offer':
			return m.order_why_no_offer({}, options);
		case 'gone':
			return m.order_why_gone({}, options);
		case 'past_cutoff':
			return m.order_why_past_cutoff({ until: cutoffText(refusal.cutoff, locale) }, options);
		case 'ordered':
			return m.order_why_ordered({ reference: refusal.reference }, options);
		case 'move_only':
			return m.order_why_move_only({}, options);
		case 'no_such_day':
			return m.order_why_no_such_day({}, options);
		case 'below_minimum':
			return m.order_why_below_minimum(
				{ minimum: describeFrequency(refusal.minimum, locale) },
				options
			);
		case 'not_offered':
			return m.order_why_not_offered({}, options);
		case 'last_mixed':
			return m.order_why_last_mixed({}, options);
	}
}

export interface Fact {
	key:
		'kind' | 'container' | 'date' | 'newDate' | 'change' | 'price' | 'before' | 'after' | 'place';
	label: string;
	value: string;
	/** A second line: the container's address. */
	line?: string;
}

const CHANGE_WORDS = {
	resize: m.order_change_sizes,
	add: m.order_add_title,
	remove: m.order_change_remove,
	damaged: m.order_change_damaged,
	lost: m.order_change_lost
} satisfies Record<NonNullable<OrderDetails['change']>, unknown>;

/**
 * A request's facts as a list of label and value, the same on its page and, for an order not
 * yet sent, on the check page.
 */
export function requestFacts(
	request: Pick<
		ServiceRequest,
		'kind' | 'container' | 'collectionDate' | 'place' | 'placeNote' | 'order'
	>,
	locale: Locale
): Fact[] {
	const options = { locale };
	const { container, order } = request;
	const facts: Fact[] = [
		{
			key: 'kind',
			label: m.request_kind({}, options),
			value: requestKindLabel(request.kind, locale)
		},
		{
			key: 'container',
			label: m.report_check_container({}, options),
			value: `${fractionName(container.fraction, locale)}, ${container.volumeLitres} l${order?.count && order.count > 1 ? ` × ${order.count}` : ''}`,
			line: container.address
		}
	];
	const dateLabel =
		request.kind === 'missed_collection'
			? m.report_check_date({}, options)
			: request.kind === 'container_change'
				? m.order_check_start({}, options)
				: m.order_check_date({}, options);
	facts.push({ key: 'date', label: dateLabel, value: longDay(request.collectionDate, locale) });
	if (request.place)
		facts.push({
			key: 'place',
			label: m.report_check_place({}, options),
			value: placeLabel(request.place, locale) + (request.placeNote ? `: ${request.placeNote}` : '')
		});
	if (!order) return facts;
	if (order.newDate)
		facts.push({
			key: 'newDate',
			label: m.order_check_new_date({}, options),
			value: longDay(order.newDate, locale)
		});
	if (order.change) {
		const to = sizeText(
			order.newVolumeLitres ?? container.volumeLitres,
			order.newFrequency,
			locale
		);
		const from = sizeText(container.volumeLitres, order.frequency, locale);
		facts.push({
			key: 'change',
			label: m.order_check_what({}, options),
			value:
				order.change === 'resize'
					? `${from} → ${to}`
					: order.change === 'add'
						? to
						: CHANGE_WORDS[order.change]({}, options)
		});
	}
	const { before, after } = orderPrices(request);
	if (request.kind === 'extra' && after)
		facts.push({
			key: 'price',
			label: m.order_check_price({}, options),
			value: priceText(after, locale)
		});
	if (request.kind === 'container_change') {
		if (before)
			facts.push({
				key: 'before',
				label: m.order_check_before({}, options),
				value: monthlyText(before, locale)
			});
		if (after)
			facts.push({
				key: 'after',
				label: m.order_check_after({}, options),
				value: monthlyText(after, locale)
			});
	}
	return facts;
}

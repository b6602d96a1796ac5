/**
 * What the order pages share: the signed-in customer's order data (the catalogue from the
 * published import, the rest read by owner), and keeping a page's answers once the data
 * allows them, then on to the contact question.
 */
import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isRecordCode } from '$lib/validators';
import type { OrderAnswers } from '$lib/domain/order';
import { refusalText } from '$lib/domain/request-view';
import type { Locale } from '$lib/paraglide/runtime';
import type { SessionUser } from './auth/session';
import { ORDER_PATH, readOrderDraft, writeOrderDraft } from './order-draft';
import { loadOrderData, quoteOrder, type OrderData } from './orders';
import { loadPublished } from './published';
import { requestContext } from './request-context';

/** The container an order page's address names, checked as any input is. */
export function containerOf(url: URL): string {
	const code = url.searchParams.get('container') ?? '';
	if (!isRecordCode(code)) error(400, m.error_form());
	return code;
}

/** A size and frequency as one radio button's value: `240:1 reizi nedēļā`. */
export const sizeValue = (size: { volumeLitres: number; frequency: string }) =>
	`${size.volumeLitres}:${size.frequency}`;

export function readSize(value: string): { volumeLitres: number; frequency: string } | null {
	const match = /^(\d{1,5}):(.{1,80})$/.exec(value);
	return match ? { volumeLitres: Number(match[1]), frequency: match[2]!.trim() } : null;
}

export async function loadCustomerOrderData(user: SessionUser): Promise<OrderData> {
	const { db, now } = requestContext();
	const { offers } = await loadPublished();
	return loadOrderData(db, user.customer, now, offers);
}

/** The answers the draft holds, to show a page again as it was answered. */
export const answeredBefore = (cookies: Cookies, user: SessionUser): OrderAnswers | null =>
	readOrderDraft(cookies, user.customer.id)?.answers ?? null;

/**
 * Quotes the answers; when the data allows them, keeps them and goes on. An action that has
 * read the order data already passes it, so it is read once.
 */
export async function keepAnswers(
	event: { cookies: Cookies; url: URL },
	user: SessionUser,
	answers: OrderAnswers,
	locale: Locale,
	data?: OrderData
) {
	const quoted = quoteOrder(data ?? (await loadCustomerOrderData(user)), answers);
	if (!quoted.ok) return fail(409, { message: refusalText(quoted.refusal, locale) });
	const draft = readOrderDraft(event.cookies, user.customer.id);
	writeOrderDraft(event.cookies, event.url, {
		customerId: user.customer.id,
		answers,
		contact: draft?.contact ?? null
	});
	redirect(303, `${ORDER_PATH}/contact`);
}

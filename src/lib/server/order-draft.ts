/**
 * An order's answers between its pages, in a cookie of the path /orders, as a report's are
 * (report-draft.ts): checked as any input on every read, a bad one an order not begun, and
 * quoted again from the data when the order is sent.
 */
import { redirect, type Cookies } from '@sveltejs/kit';
import { isFraction } from '$lib/calendar';
import { parseDay } from '$lib/dates';
import type { OrderAnswers } from '$lib/domain/order';
import { isRecordCode } from '$lib/validators';
import {
	cleanText,
	clearDraftCookie,
	readContact,
	readDraftCookie,
	writeDraftCookie,
	type Contact
} from './report-draft';

export const ORDER_PATH = '/orders';
const COOKIE = { name: 'order', path: ORDER_PATH };

export interface OrderDraft {
	customerId: number;
	answers: OrderAnswers;
	contact: Contact | null;
}

const code = (value: unknown) => (typeof value === 'string' && isRecordCode(value) ? value : null);
const day = (value: unknown) => (parseDay(value) === value ? (value as string) : null);
const litres = (value: unknown) =>
	Number.isInteger(value) && (value as number) > 0 && (value as number) <= 40000
		? (value as number)
		: null;
const words = (value: unknown) => cleanText(value, 80);

/** The answers as the pages wrote them; null for anything else. */
export function readAnswers(value: unknown): OrderAnswers | null {
	if (typeof value !== 'object' || value === null) return null;
	const a = value as Record<string, unknown>;
	const containerCode = code(a.containerCode);
	const date = day(a.date);
	switch (a.kind) {
		case 'skip':
		case 'extra':
			return containerCode && date ? { kind: a.kind, containerCode, date } : null;
		case 'move': {
			const newDate = day(a.newDate);
			return containerCode && date && newDate
				? { kind: 'move', containerCode, date, newDate }
				: null;
		}
		case 'container_change': {
			const volumeLitres = litres(a.volumeLitres);
			const frequency = words(a.frequency);
			if (a.change === 'resize')
				return containerCode && volumeLitres && frequency
					? { kind: a.kind, change: 'resize', containerCode, volumeLitres, frequency }
					: null;
			if (a.change === 'remove' || a.change === 'damaged' || a.change === 'lost')
				return containerCode ? { kind: a.kind, change: a.change, containerCode } : null;
			const address = cleanText(a.address, 200);
			const fraction = typeof a.fraction === 'string' && isFraction(a.fraction) ? a.fraction : null;
			return a.change === 'add' && address && fraction && volumeLitres && frequency
				? { kind: a.kind, change: 'add', address, fraction, volumeLitres, frequency }
				: null;
		}
		default:
			return null;
	}
}

export function readOrderDraft(cookies: Cookies, customerId: number): OrderDraft | null {
	const value = readDraftCookie(cookies, COOKIE.name, customerId);
	const answers = value && readAnswers(value.answers);
	if (!value || !answers) return null;
	const contact = value.contact === null ? null : readContact(value.contact);
	if (value.contact !== null && !contact) return null;
	return { customerId, answers, contact };
}

export const writeOrderDraft = (cookies: Cookies, url: URL, draft: OrderDraft) =>
	writeDraftCookie(cookies, url, COOKIE, draft);

export const clearOrderDraft = (cookies: Cookies, url: URL) =>
	clearDraftCookie(cookies, url, COOKIE);

/**
 * The draft a later page builds on; without one, the calendar, where every order begins
 * (an order not begun, or a cookie that expired).
 */
export function requireOrderDraft(
	cookies: Cookies,
	customerId: number,
	needs: 'answers' | 'contact'
): OrderDraft {
	const draft = readOrderDraft(cookies, customerId);
	if (!draft) redirect(303, '/calendar');
	if (needs === 'contact' && !draft.contact) redirect(303, `${ORDER_PATH}/contact`);
	return draft;
}

/** The page an order's answers were given on, for "Change" and "Back". */
export function answersPage(answers: OrderAnswers): string {
	const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
	switch (answers.kind) {
		case 'skip':
		case 'move':
			return `${ORDER_PATH}/date${query({ container: answers.containerCode, date: answers.date })}`;
		case 'extra':
			return `${ORDER_PATH}/extra${query({ container: answers.containerCode })}`;
		case 'container_change':
			return answers.change === 'add'
				? `${ORDER_PATH}/container/add`
				: `${ORDER_PATH}/container${query({ container: answers.containerCode })}`;
	}
}

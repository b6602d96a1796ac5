/**
 * The answers of a missed-collection report between its question pages, kept in a cookie of
 * that path: one question a page works without JavaScript, nothing is half-written to the
 * database, and a report left half-way is gone within the hour. The cookie is the client's
 * to change, so it is checked as any input is, on every read; a bad one is a report not
 * begun. What it says is checked again against the customer's data when the report is sent.
 */
import { redirect, type Cookies } from '@sveltejs/kit';
import { parseDay } from '$lib/dates';
import { PUT_OUT_PLACES, type PutOutPlace } from '$lib/domain/service-request';
import { checkEmail, checkPhone, INVISIBLE_CHARACTERS, isRecordCode } from '$lib/validators';
import { cookieAttributes } from './cookies';
import { isObject } from './import/fields';

const COOKIE = 'report';
export const REPORT_PATH = '/calendar/report';
const KEPT_SECONDS = 60 * 60;

export interface Contact {
	name: string;
	phone: string | null;
	email: string | null;
}

export interface ReportDraft {
	/** The contract it was begun for: a switch of contract in another tab starts anew. */
	customerId: number;
	containerCode: string;
	date: string;
	place: PutOutPlace | null;
	placeNote: string | null;
	contact: Contact | null;
}

export const NAME_MAX = 100;
export const PLACE_NOTE_MAX = 300;

/** A line of text as typed: trimmed, within its length, without invisible characters. */
export function cleanText(value: unknown, max: number): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim().replace(/\s+/g, ' ');
	return text !== '' && text.length <= max && !INVISIBLE_CHARACTERS.test(text) ? text : null;
}

export function readContact(value: unknown): Contact | null {
	if (!isObject(value)) return null;
	const name = cleanText(value.name, NAME_MAX);
	const phone = value.phone === null ? null : checkPhone(String(value.phone));
	const email = value.email === null ? null : checkEmail(String(value.email));
	if (!name || (phone && !phone.ok) || (email && !email.ok) || (!phone && !email)) return null;
	return { name, phone: phone?.ok ? phone.value : null, email: email?.ok ? email.value : null };
}

/** A draft cookie's JSON, when it is an object begun for this contract. */
export function readDraftCookie(
	cookies: Cookies,
	name: string,
	customerId: number
): Record<string, unknown> | null {
	const raw = cookies.get(name);
	if (!raw) return null;
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		return null;
	}
	return isObject(value) && value.customerId === customerId ? value : null;
}

export function readDraft(cookies: Cookies, customerId: number): ReportDraft | null {
	const value = readDraftCookie(cookies, COOKIE, customerId);
	if (!value) return null;
	const containerCode = typeof value.containerCode === 'string' ? value.containerCode : '';
	const date = parseDay(value.date);
	if (!isRecordCode(containerCode) || !date || date !== value.date) return null;
	const place = PUT_OUT_PLACES.find((p) => p === value.place) ?? null;
	const placeNote = value.placeNote === null ? null : cleanText(value.placeNote, PLACE_NOTE_MAX);
	if (value.place !== null && (!place || (place === 'other') !== (placeNote !== null))) return null;
	const contact = value.contact === null ? null : readContact(value.contact);
	if (value.contact !== null && !contact) return null;
	return { customerId, containerCode, date, place, placeNote, contact };
}

/** Keeps a draft for the hour, on its own path only. */
export function writeDraftCookie(
	cookies: Cookies,
	url: URL,
	cookie: { name: string; path: string },
	draft: { customerId: number }
): void {
	cookies.set(cookie.name, JSON.stringify(draft), {
		...cookieAttributes(url),
		path: cookie.path,
		maxAge: KEPT_SECONDS
	});
}

export function clearDraftCookie(
	cookies: Cookies,
	url: URL,
	cookie: { name: string; path: string }
): void {
	cookies.delete(cookie.name, { ...cookieAttributes(url), path: cookie.path });
}

const REPORT_COOKIE = { name: COOKIE, path: REPORT_PATH };

export const writeDraft = (cookies: Cookies, url: URL, draft: ReportDraft) =>
	writeDraftCookie(cookies, url, REPORT_COOKIE, draft);

export const clearDraft = (cookies: Cookies, url: URL) =>
	clearDraftCookie(cookies, url, REPORT_COOKIE);

/**
 * The answers a question page builds on; without them, the first page whose answer is
 * missing (a report not begun, an answer skipped by typing the address).
 */
export function requireDraft(
	cookies: Cookies,
	customerId: number,
	needs: 'container' | 'place' | 'contact'
): ReportDraft {
	const draft = readDraft(cookies, customerId);
	if (!draft) redirect(303, REPORT_PATH);
	if (needs !== 'container' && !draft.place) redirect(303, `${REPORT_PATH}/location`);
	if (needs === 'contact' && !draft.contact) redirect(303, `${REPORT_PATH}/contact`);
	return draft;
}

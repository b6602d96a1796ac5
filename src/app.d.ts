import type { Locale } from '$lib/paraglide/runtime';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			locale: Locale;
		}
	}
}

export {};

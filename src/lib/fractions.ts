/** The names of the waste fractions in the customer's language. */
import type { Fraction } from './calendar';
import { m } from './paraglide/messages';
import type { Locale } from './paraglide/runtime';

/** In the page's language, or in the given one (an e-mail's). */
export function fractionName(fraction: Fraction, locale?: Locale): string {
	const names: Record<Fraction, typeof m.fraction_mixed> = {
		mixed: m.fraction_mixed,
		paper: m.fraction_paper,
		plastic_metal: m.fraction_plastic_metal,
		glass: m.fraction_glass,
		bio: m.fraction_bio,
		packaging_bags: m.fraction_packaging_bags
	};
	return names[fraction]({}, locale ? { locale } : undefined);
}

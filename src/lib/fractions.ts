/** The names of the waste fractions in the customer's language. */
import type { Fraction } from './calendar';
import { m } from './paraglide/messages';

export function fractionName(fraction: Fraction): string {
	const names: Record<Fraction, () => string> = {
		mixed: m.fraction_mixed,
		paper: m.fraction_paper,
		plastic_metal: m.fraction_plastic_metal,
		glass: m.fraction_glass,
		bio: m.fraction_bio,
		packaging_bags: m.fraction_packaging_bags
	};
	return names[fraction]();
}

import catalogueJson from '../../resources/catalogue/catalogue.json' with { type: 'json' };
import type { Catalogue } from '../../shared/domain/catalogue';

/** The evidence catalogue this version of the app ships (docs/domain §3). */
export const SHIPPED_CATALOGUE = catalogueJson as Catalogue;

import type { LocalAuthority } from '../../../shared/domain/local-authority';
import { LOCAL_AUTHORITIES } from '../../catalogue/local-authorities';

/** The area an import is for: a local authority, or a region where a file has no authority rows. */
export type ChosenArea = { kind: 'la'; la: LocalAuthority } | { kind: 'region'; name: string; code: string };

const simplified = new Map<string, string>();
/** Names are simplified once each: a national file asks about the same 150-odd names thousands of times. */
const simplify = (text: string): string => {
  let out = simplified.get(text);
  if (out === undefined) {
    out = simplifyName(text);
    if (simplified.size < 10_000) simplified.set(text, out);
  }
  return out;
};
const simplifyName = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(city of|county of|council|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Names as DfE spells them in its several files: "Kingston Upon Hull, City of", "County Durham", "Durham". */
export function sameAuthorityName(a: string, b: string): boolean {
  return simplify(a) === simplify(b) || simplify(a).replace(/^county /, '') === simplify(b).replace(/^county /, '');
}

export function authorityByName(name: string): LocalAuthority | undefined {
  return LOCAL_AUTHORITIES.find(
    (la) =>
      sameAuthorityName(la.name, name) || (la.dfeTidyName !== undefined && sameAuthorityName(la.dfeTidyName, name)),
  );
}

const REGIONS = [...new Map(LOCAL_AUTHORITIES.map((la) => [la.regionCode, la.region])).entries()].map(
  ([code, name]) => ({ code, name }),
);

/**
 * Finds the area an officer named: an authority by name, old (DfE) code or new (ONS) code, or a region by name or
 * code. Null when nothing matches, so the caller can say what would.
 */
export function resolveArea(text: string): ChosenArea | null {
  const query = text.trim();
  if (!query) return null;
  const upper = query.toUpperCase();
  const lower = query.toLowerCase();
  const exact = LOCAL_AUTHORITIES.find(
    (a) =>
      a.oldCode === query ||
      a.newCode === upper ||
      a.name.toLowerCase() === lower ||
      a.dfeTidyName?.toLowerCase() === lower,
  );
  if (exact) return { kind: 'la', la: exact };
  // A region's own name before an authority's loose one: "London" is the region, not the City of London.
  const region = REGIONS.find((r) => r.code === upper || simplify(r.name) === simplify(query));
  if (region) return { kind: 'region', name: region.name, code: region.code };
  const la = authorityByName(query);
  return la ? { kind: 'la', la } : null;
}

export function describeArea(area: ChosenArea): { code: string; name: string } {
  return area.kind === 'la' ? { code: area.la.oldCode, name: area.la.name } : { code: area.code, name: area.name };
}

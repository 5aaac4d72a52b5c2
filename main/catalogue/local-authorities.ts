import laJson from '../../resources/local-authorities.json' with { type: 'json' };
import type { LocalAuthority } from '../../shared/domain/local-authority';

export const LOCAL_AUTHORITIES = (laJson as { authorities: LocalAuthority[] }).authorities;

export function findLocalAuthorityByOldCode(code: string): LocalAuthority | undefined {
  return LOCAL_AUTHORITIES.find((la) => la.oldCode === code);
}

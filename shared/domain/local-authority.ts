export interface LocalAuthority {
  name: string;
  /** DfE three-digit LA number, e.g. "841". */
  oldCode: string;
  /** ONS nine-character code, e.g. "E06000005". */
  newCode: string;
  region: string;
  regionCode: string;
  /** Where DfE's tidy statistics files spell the name differently (e.g. "County Durham"). */
  dfeTidyName?: string;
}

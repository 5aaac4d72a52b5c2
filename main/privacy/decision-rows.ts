/** A row of the privacy_decisions table: a finding an officer marked as not personal data, with the reason. */
export interface FindingDecisionRow {
  finding_key: string;
  kind: string;
  location: string;
  decision: 'false-positive';
  reason: string;
  decided_at: string;
  decided_by: string;
}

/** A row of the privacy_file_decisions table: a file left out, or confirmed to hold no personal data ('undecided' is no row). */
export interface FileDecisionRow {
  attachment_id: number;
  decision: 'excluded' | 'confirmed-no-personal-data';
  reason: string;
  decided_at: string;
  decided_by: string;
}

/** A row of the privacy_text_scans table: a stored file's findings, kept while the rules they were found by stay the same. */
export interface TextScanRow {
  sha256: string;
  /** The key of the rules (and day) the findings were made with. */
  rules: string;
  /** JSON array of findings. */
  findings: string;
}

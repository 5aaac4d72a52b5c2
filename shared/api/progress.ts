/** Progress of long work (imports, scans, pack builds), pushed from main while an operation runs. */
export interface ProgressEvent {
  operation: string;
  /** Short phrase a person can read, e.g. "Checking the database". */
  phase: string;
  done: number;
  total: number;
}

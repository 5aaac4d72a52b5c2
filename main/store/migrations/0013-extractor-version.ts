// Never edit once shipped: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
// Which version of the text reader read each stored file: files read before tracked changes, comments, notes,
// headers, document properties and PDF annotations were read (version 1) need reading again or a decision.
export default `
ALTER TABLE blobs ADD COLUMN extractor_version INTEGER NOT NULL DEFAULT 1 CHECK (extractor_version >= 1);
`;

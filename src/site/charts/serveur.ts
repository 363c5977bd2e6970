// Build-time DOM for Plot (linkedom). Not imported by browser code.
import { parseHTML } from 'linkedom';

let doc: Document | undefined;

/** A shared linkedom document: Plot only creates detached elements in it. */
export function documentServeur(): Document {
  doc ??= parseHTML('<!doctype html><html lang="fr"><head></head><body></body></html>').document as unknown as Document;
  return doc;
}

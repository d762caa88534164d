/**
 * Privacy: erasure of one person with suppression against their return, subject export, consent per
 * purpose, owner-only files, and the instance key behind the blind indexes (docs/privacy.md).
 */

export { decryptField, encryptField, isEncrypted } from './cipher.js';
export { compactDatabase } from './compact.js';
export {
  type ConsentState,
  checkPurpose,
  consentCondition,
  PURPOSES,
  type Purpose,
  profileConsent,
  refreshConsents,
} from './consent.js';
export { type EncryptionState, enableEncryption, encryptionState } from './enable.js';
export {
  encryptionEnabled,
  FieldCrypto,
  fieldCrypto,
  forgetFieldCrypto,
  personalKey,
} from './fields.js';
export { DIR_MODE, databaseFiles, FILE_MODE, restrictFiles, restrictUmask } from './files.js';
export { type Footprint, findFootprint } from './footprint.js';
export {
  type ForgetOptions,
  type ForgetResult,
  forgetPerson,
  overviewCacheFiles,
} from './forget.js';
export {
  blindIndex,
  type Identifier,
  type IdentifierMatcher,
  knownMatcher,
  textHolds,
} from './identifiers.js';
export { databaseKey, type InstanceKey, keyFilePath, loadInstanceKey, requireDatabaseKey } from './key.js';
export {
  maskSmtpUrl,
  openSecret,
  resealSecrets,
  SECRET_COLUMNS,
  type SecretColumn,
  sealSecret,
} from './secrets.js';
export {
  type SubjectExport,
  type SubjectExportWritten,
  saveSubjectExport,
  subjectExport,
  writeSubjectExport,
} from './subject-export.js';
export { dropSuppressedRows, type SuppressedType, SuppressionList } from './suppress.js';

export {
  type AuditAction,
  type AuditEntry,
  type AuditRecord,
  type AuditVerification,
  appendAudit,
  cliActor,
  listAudit,
  verifyAudit,
} from './audit.js';
export { safeEqual, secretHash } from './compare.js';
export { neutraliseCell, neutraliseSql } from './csv.js';
export {
  type Actor,
  type CreatedUser,
  createTokenAudited,
  createUserWithToken,
  disableUserAudited,
  resetPasswordAudited,
  revokeTokenAudited,
  setUserLanguageAudited,
} from './manage.js';
export { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
export { maskPersonal, maskSql, maskValue, PERSONAL_FIELDS } from './personal.js';
export {
  type Principal,
  parseRole,
  parseScopes,
  ROLE_SCOPES,
  ROLES,
  type Role,
  SCOPES,
  type Scope,
  seesPersonalData,
} from './roles.js';
export { accessOf, ROUTE_ACCESS, type RouteAccess } from './routes.js';
export { FAILURE_WINDOW_MS, FREE_FAILURES, SignInThrottle } from './throttle.js';
export {
  type CreatedToken,
  createToken,
  DEFAULT_TOKEN_DAYS,
  listTokens,
  principalForToken,
  revokeToken,
  type TokenInfo,
  type TokenRefusal,
} from './tokens.js';
export {
  activeUser,
  activeUserRole,
  checkUserName,
  createUser,
  disableUser,
  listUsers,
  resetPassword,
  setUserLanguage,
  signInUser,
  type UserInfo,
} from './users.js';

export {
  AT_RISK,
  CHURN_RISK_SCORES,
  type ChurnRiskScore,
  churnRiskAggregateSql,
  churnRiskOf,
  isAtRisk,
  latestChurnRiskSql,
} from './churn-risk.js';
export { asOfSql, compileDefinitions, profileOrderFactsSql, viewsSql } from './compile.js';
export { customerKey, hasCustomerKey, type KeyedTable, keyOf } from './customer-key.js';
export {
  AS_OF,
  DEFINITIONS,
  type Definition,
  type DefinitionKind,
  defined,
  definition,
  lineValue,
  measure,
  moneySum,
  moneySumOrNull,
  moneyTotal,
  orderLinesJoin,
  orderProfileJoin,
  orderValue,
  placedOrder,
} from './definitions.js';
export {
  DEFAULT_SETTINGS,
  type DefinitionSettings,
  parseSetting,
  readSettings,
  resetSetting,
  SETTING_NAMES,
  type SettingName,
  writeSetting,
} from './settings.js';
export { profileCount, type StoreStatus, storeStatus } from './status.js';

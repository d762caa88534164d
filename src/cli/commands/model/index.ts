import type { Command } from 'commander';
import { registerModelChurn } from './churn.js';
import { registerModelClv } from './clv.js';
import { registerModelDrift } from './drift.js';
import { registerModelLookalike } from './lookalike.js';
import { registerModelPropensity } from './propensity.js';
import { registerModelRegress } from './regress.js';
import { registerModelRfm } from './rfm.js';
import { registerModelRuns } from './runs.js';
import { registerModelSpend } from './spend.js';
import { registerModelValue } from './value.js';

/** `clientele model …`: the value and prediction models over the warehouse. */
export function registerModel(program: Command): void {
  const model = program
    .command('model')
    .description('fit value and prediction models on the database and score customers');
  for (const register of [
    registerModelRfm,
    registerModelValue,
    registerModelClv,
    registerModelChurn,
    registerModelRegress,
    registerModelLookalike,
    registerModelPropensity,
    registerModelSpend,
    registerModelRuns,
    registerModelDrift,
  ])
    register(model);
  for (const command of model.commands) command.exitOverride();
}

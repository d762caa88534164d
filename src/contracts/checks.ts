import type { StoreStatus } from '../cli/commands/status.js';
import type * as H from '../housekeeping/index.js';
import type { ImportSummary } from '../ingest/index.js';
import type * as M from '../modeling/index.js';
import type { ResonanceReport } from '../resonance/index.js';
import type * as VS from '../voice/index.js';
import type { Agrees } from './agree.js';
import type * as HC from './housekeeping.js';
import type * as I from './imports.js';
import type * as C from './models.js';
import type * as R from './resonance.js';
import type * as S from './status.js';
import type * as V from './voice.js';

// Compile-time only (nothing here runs): each contract against the type its service returns. `web/` never
// imports this file, so the services' types stay out of the web app's build.

type Must<T extends true> = T;

export type ModelContracts = [
  Must<Agrees<typeof C.RfmResult, M.RfmResult>>,
  Must<Agrees<typeof C.ClvResult, M.ClvResult>>,
  Must<Agrees<typeof C.ChurnClassifierResult, M.ChurnResult>>,
  Must<Agrees<typeof C.AliveResult, M.AliveResult>>,
  Must<Agrees<typeof C.RegressResult, M.RegressResult>>,
  Must<Agrees<typeof C.LookalikeResult, M.LookalikeResult>>,
  Must<Agrees<typeof C.ValueResult, M.ValueResult>>,
  Must<Agrees<typeof C.ModelCard, M.ModelCard>>,
  // ModelRun is not compared: the service reads `parameters`, `metrics` and `card` back as untyped JSON; the
  // OpenAPI test checks real runs against the contract's card instead.
];

export type OtherContracts = [
  Must<Agrees<typeof S.StoreStatus, StoreStatus>>,
  Must<Agrees<typeof I.ImportSummary, ImportSummary>>,
  Must<Agrees<typeof R.ResonanceReport, ResonanceReport>>,
];

export type HousekeepingContracts = [
  Must<Agrees<typeof HC.AuditResult, H.AuditResult>>,
  Must<Agrees<typeof HC.DataMap, H.DataMap>>,
  Must<Agrees<typeof HC.DriftResult, H.DriftResult>>,
  Must<Agrees<typeof HC.DecisionResult, H.DecisionResult>>,
];

export type VoiceContracts = [
  Must<Agrees<typeof V.WordsResult, VS.WordsResult>>,
  Must<Agrees<typeof V.SentimentResult, VS.SentimentResult>>,
  Must<Agrees<typeof V.TopicsResult, VS.TopicsResult>>,
  Must<Agrees<typeof V.SwotDraft, VS.SwotDraft>>,
  Must<Agrees<typeof V.NotesSearchResult, { hits: VS.NoteHit[]; notes: number }>>,
  Must<Agrees<typeof V.ScenariosResult, VS.ScenariosResult>>,
];

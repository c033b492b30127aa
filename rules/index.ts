import type { Rule, RuleMeta } from '../src/rule.js';
import parseError from './core/MER000-parse-error.js';
import invalidSuppression from './core/MER001-invalid-suppression.js';
import golangFinalStage from './docker/DKR001-golang-final-stage.js';
import unpinnedBaseImage from './docker/DKR002-unpinned-base-image.js';
import rootFinalStage from './docker/DKR003-root-final-stage.js';
import copyFromUnknownStage from './docker/DKR004-copy-from-unknown-stage.js';
import cgoStaticFinalStage from './docker/DKR005-cgo-static-final-stage.js';
import packageCacheInLayer from './docker/DKR006-package-cache-in-layer.js';
import secretInEnvOrArg from './docker/DKR007-secret-in-env-or-arg.js';
import goModDownloadAfterSource from './docker/DKR008-go-mod-download-after-source.js';
import regionNotAllowed from './residency/RES001-region-not-allowed.js';
import transferOutsideApprovedRegions from './residency/RES002-transfer-outside-approved-regions.js';
import regionUnknown from './residency/RES003-region-unknown.js';

/** Rules the engine reports itself. */
export const builtinRules: RuleMeta[] = [parseError, invalidSuppression];

/** Rules that check documents. Keep sorted by id. */
export const documentRules: Rule[] = [
  golangFinalStage,
  unpinnedBaseImage,
  rootFinalStage,
  copyFromUnknownStage,
  cgoStaticFinalStage,
  packageCacheInLayer,
  secretInEnvOrArg,
  goModDownloadAfterSource,
  regionNotAllowed,
  transferOutsideApprovedRegions,
  regionUnknown,
];

export const allRules: RuleMeta[] = [...builtinRules, ...documentRules];

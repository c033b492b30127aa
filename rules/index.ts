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
import checksumVerificationWeakened from './goproxy/GOP001-checksum-verification-weakened.js';
import proxyOverHttp from './goproxy/GOP002-proxy-over-http.js';
import credentialsInProxyUrl from './goproxy/GOP003-credentials-in-proxy-url.js';
import proxyListFallback from './goproxy/GOP004-proxy-list-fallback.js';
import privatePatternTooBroad from './goproxy/GOP005-private-pattern-too-broad.js';
import proxyHostNotAllowed from './goproxy/GOP006-proxy-host-not-allowed.js';
import ipv6WithoutVpcIpv6 from './network/NET004-ipv6-without-vpc-ipv6.js';
import ecrNoLifecyclePolicy from './terraform/ECR001-ecr-no-lifecycle-policy.js';
import ecrPolicyInvalid from './terraform/ECR002-ecr-policy-invalid.js';
import ecrRetentionUnbounded from './terraform/ECR003-ecr-retention-unbounded.js';
import ecrMutableTags from './terraform/ECR004-ecr-mutable-tags.js';
import ecrScanOnPushDisabled from './terraform/ECR005-ecr-scan-on-push-disabled.js';
import ecrNoCmk from './terraform/ECR006-ecr-no-cmk.js';
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
  ecrNoLifecyclePolicy,
  ecrPolicyInvalid,
  ecrRetentionUnbounded,
  ecrMutableTags,
  ecrScanOnPushDisabled,
  ecrNoCmk,
  checksumVerificationWeakened,
  proxyOverHttp,
  credentialsInProxyUrl,
  proxyListFallback,
  privatePatternTooBroad,
  proxyHostNotAllowed,
  ipv6WithoutVpcIpv6,
  regionNotAllowed,
  transferOutsideApprovedRegions,
  regionUnknown,
];

export const allRules: RuleMeta[] = [...builtinRules, ...documentRules];

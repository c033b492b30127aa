import { normaliseRegion, placeOf, type Cloud } from '../../src/facts/clouds.js';
import { checkPerOrigin, type Occurrence } from '../../src/per-origin.js';
import { linkedClusterLocationsOf } from '../../src/languages/kubernetes/multi-cluster.js';
import { nodePoolZonesOf } from '../../src/languages/kubernetes/node-pools.js';
import { rookPlacementZonesOf } from '../../src/languages/kubernetes/rook-placements.js';
import { sparkPodZonesOf } from '../../src/languages/kubernetes/spark-applications.js';
import { storageZonesOf } from '../../src/languages/kubernetes/storage.js';
import type { KubeObject, KubernetesDocument, ScalarNode } from '../../src/languages/kubernetes/syntax.js';
import type { ZoneSetting } from '../../src/languages/kubernetes/topology.js';
import type { Workload } from '../../src/languages/kubernetes/workloads.js';
import { acceptable, allowedRegions, approvalsNote, howToApprove, regionLabel, WHY } from '../../src/residency.js';
import { defineRule } from '../../src/rule.js';

/** Node labels that pin a pod to a region, and to a zone (whose region counts). */
const REGION_LABELS = new Set(['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region']);
const ZONE_LABELS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);
/** Zone labels of the clouds' CSI disk drivers, which a StorageClass's allowed topologies name. */
const CSI_ZONE_LABELS = new Set(['topology.gke.io/zone', 'topology.ebs.csi.aws.com/zone', 'topology.disk.csi.azure.com/zone']);

/** Environment variables the clouds' SDKs and CLIs read their region from. */
const REGION_VARIABLES: Readonly<Record<string, { cloud: Cloud; zone?: true }>> = {
  AWS_REGION: { cloud: 'aws' },
  AWS_DEFAULT_REGION: { cloud: 'aws' },
  GOOGLE_CLOUD_REGION: { cloud: 'gcp' },
  CLOUDSDK_COMPUTE_REGION: { cloud: 'gcp' },
  CLOUDSDK_COMPUTE_ZONE: { cloud: 'gcp', zone: true },
  AZURE_REGION: { cloud: 'azure' },
  AZURE_LOCATION: { cloud: 'azure' },
  ALIBABA_CLOUD_REGION_ID: { cloud: 'alibaba' },
  ALICLOUD_REGION: { cloud: 'alibaba' },
  OCI_REGION: { cloud: 'oracle' },
  OCI_CLI_REGION: { cloud: 'oracle' },
};

/**
 * A value that names a variable instead of a region: `$(REGION)`, which Kubernetes expands, and `$REGION` or `${REGION}`,
 * which a tool such as envsubst fills in before the manifest is applied.
 */
const NAMES_A_VARIABLE = /\$[({A-Za-z_]/;

const CLOUDS: readonly Cloud[] = ['aws', 'gcp', 'azure', 'alibaba', 'oracle'];

/** A region written in a workload, with the clouds whose region it may be. */
interface Placement {
  value: ScalarNode;
  /** `nodeSelector topology.kubernetes.io/region`, `env AWS_REGION`. */
  setting: string;
  /** What is placed: `Deployment payments`, `container api of Deployment payments`. */
  subject: string;
  candidates: { cloud: Cloud; region: string }[];
}

export default defineRule({
  id: 'RES004',
  slug: 'workload-region-not-allowed',
  level: 'error',
  title: 'Kubernetes workload pinned or configured to a region outside the allowed ones',
  rationale:
    'PDPA s26 (Transfer Limitation) lets personal data leave Singapore only with a standard of protection comparable to the PDPA, as set out in the PDP Regulations 2021 (regs 9–12: legally enforceable obligations, consent after a written summary, or certification). A workload decides where it processes and sends data in two ways the Terraform rules cannot see: a node selector or node affinity on `topology.kubernetes.io/region` or `/zone` (and the deprecated `failure-domain.beta.kubernetes.io` labels) schedules its pods onto nodes in that region of a multi-region cluster, and a region variable such as `AWS_REGION`, `AWS_DEFAULT_REGION`, `GOOGLE_CLOUD_REGION`, `CLOUDSDK_COMPUTE_REGION` or `AZURE_REGION` points the cloud SDK in the container at a region\'s storage, queues and databases. A StorageClass decides where the data itself is written: every volume provisioned from it is created in the zones its `parameters` (`zone`, `zones`, `replica-zones`) or its `allowedTopologies` name, and a statically provisioned PersistentVolume is a disk that already lives in the zones its required `nodeAffinity` names. A Karpenter NodePool (a `Provisioner` before v1beta1) launches its nodes, and so runs every pod it schedules, in the zones or regions its `requirements` allow with `In`. A SparkApplication of the Spark operator (`sparkoperator.k8s.io`) runs its driver and executors on the nodes its `nodeSelector`, and its driver\'s and executors\' own node selectors and node affinity, allow. Rook (`ceph.rook.io`) runs a Ceph cluster\'s monitors and OSDs, which keep the data, on the nodes the node affinity of its placements allows. A multi-cluster Service of GKE\'s multi-cluster ingress (`networking.gke.io` MultiClusterService) serves from the clusters its `spec.clusters` links name, each `location/name`, so its pods run in that zone or region. A zone counts as its region. Region codes are read per cloud as in RES001, with the same allowed regions and approved transfers from .merlint.yaml; a topology label names no cloud, so a code is outside only when it is outside on every cloud that has a region by that name.',
  remediation:
    'Pin the workload, the StorageClass, the PersistentVolume, the NodePool, the SparkApplication or the Rook placement to an allowed region (by default Singapore: AWS `ap-southeast-1`, GCP `asia-southeast1`, Azure `southeastasia`) or remove the pin, link a multi-cluster Service only to clusters in an allowed region, and set the SDK region variable to an allowed region. If the data may be processed there, record the basis in `.merlint.yaml` under `residency.approvedTransfers` (`cloud`, `region`, `basis`, `reference`), as for RES001.',
  kinds: ['kubernetes'],
  tags: ['residency', 'pdpa', 'kubernetes'],
  check: checkPerOrigin(
    ({ workspace, settings: { residency } }) =>
      workspace.documents.flatMap((document) =>
        document.kind !== 'kubernetes'
          ? []
          : [
              ...workspace.kubernetes.workloadsIn(document).flatMap(placements),
              ...document.objects.flatMap((object) => [...zonePlacements(object, [...storageZonesOf(document, object), ...nodePoolZonesOf(object), ...sparkPodZonesOf(object), ...rookPlacementZonesOf(object)]), ...clusterLinkPlacements(document, object)]),
            ]
              .filter(({ candidates }) => candidates.length > 0 && !candidates.some(({ cloud, region }) => acceptable(residency, cloud, region)))
              .map((placement): PlacementOccurrence => ({ at: { path: document.file.path, range: placement.value.range }, subject: placement.subject, reportedFrom: document.file.path, problem: placement.setting, placement })),
      ),
    ({ items, subjects }, { settings: { residency } }) => {
      const { placement } = items[0]!;
      const { cloud, region } = placement.candidates[0]!;
      const written = placement.value.text.trim().toLowerCase();
      const where = written === region ? regionLabel(cloud, region) : `${placement.value.text}, a zone of ${regionLabel(cloud, region)},`;
      const outside = `${placement.setting} ${where} of ${subjects} is outside ${allowedRegions(residency, cloud)}${approvalsNote(residency, cloud, region)}`;
      return `${outside}; ${WHY}: move it to an allowed region, or ${howToApprove(cloud, region)}`;
    },
  ),
});

/** A placement outside the allowed regions; the same value shared through a YAML alias by several containers is one finding. */
interface PlacementOccurrence extends Occurrence {
  readonly placement: Placement;
}

function placements(workload: Workload): Placement[] {
  const pins = workload.nodePins.flatMap((pin): Placement[] => {
    const zone = ZONE_LABELS.has(pin.label);
    if (!zone && !REGION_LABELS.has(pin.label)) return [];
    return pin.values.map((value) => ({ value, setting: `${pin.via} ${pin.label}`, subject: workload.label, candidates: candidates(value.text, zone) }));
  });
  const env = workload.containers.flatMap((container) =>
    container.env.flatMap((variable): Placement[] => {
      const known = REGION_VARIABLES[variable.name];
      if (!known || !variable.value || NAMES_A_VARIABLE.test(variable.value.text)) return [];
      const region = regionOf(known.cloud, variable.value.text, known.zone ?? false);
      return [{ value: variable.value, setting: `env ${variable.name}`, subject: `container ${container.name ?? '(unnamed)'} of ${workload.label}`, candidates: region ? [{ cloud: known.cloud, region }] : [] }];
    }),
  );
  return [...pins, ...env];
}

/**
 * The zones or regions an object's settings place it in: where a StorageClass creates its volumes (its zone parameters, allowed
 * topologies on a zone or region label), a PersistentVolume's disk is, or a Karpenter NodePool launches its nodes.
 */
function zonePlacements(object: KubeObject, zones: readonly ZoneSetting[]): Placement[] {
  return zones.flatMap(({ setting, label, values }): Placement[] => {
    const zone = label === undefined || ZONE_LABELS.has(label) || CSI_ZONE_LABELS.has(label);
    if (!zone && !(label !== undefined && REGION_LABELS.has(label))) return [];
    return values.map((value) => ({ value, setting, subject: `${object.kind} ${object.name ?? '(unnamed)'}`, candidates: candidates(value.text, zone) }));
  });
}

/** The Google Cloud zones or regions of the clusters a multi-cluster Service serves from. */
function clusterLinkPlacements(document: KubernetesDocument, object: KubeObject): Placement[] {
  return linkedClusterLocationsOf(document, object).map((value) => {
    const region = regionOf('gcp', value.text, true) ?? regionOf('gcp', value.text, false);
    return { value, setting: 'cluster link', subject: `${object.kind} ${object.name ?? '(unnamed)'}`, candidates: region ? [{ cloud: 'gcp', region }] : [] };
  });
}

/** The clouds that have a region (or a zone of one) by this name, with the region; the shape decides when no cloud knows the name. */
function candidates(written: string, zone: boolean): { cloud: Cloud; region: string }[] {
  const known = CLOUDS.flatMap((cloud) => {
    const region = regionOf(cloud, written, zone);
    return region && placeOf(cloud, region) ? [{ cloud, region }] : [];
  });
  if (known.length > 0) return known;
  const shaped = CLOUDS.find((cloud) => SHAPES[cloud]?.test(regionOf(cloud, written, zone) ?? ''));
  return shaped ? [{ cloud: shaped, region: regionOf(shaped, written, zone)! }] : [];
}

/** Region codes by their shape, for codes merlint does not know yet: only the clouds whose codes cannot be mistaken for a word. */
const SHAPES: Partial<Readonly<Record<Cloud, RegExp>>> = {
  aws: /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/,
  gcp: /^[a-z]+-[a-z]+\d+$/,
};

/** The region of a written region or zone on one cloud: `ap-northeast-1a` → `ap-northeast-1`, `asia-east1-b` → `asia-east1`, `eastus-2` → `eastus`. */
function regionOf(cloud: Cloud, written: string, zone: boolean): string | undefined {
  const code = normaliseRegion(cloud, written);
  if (!zone) return code;
  if (cloud === 'aws' || cloud === 'alibaba') return /^([a-z]{2}(?:-gov)?-[a-z]+-\d)[a-z]$/.exec(code)?.[1];
  if (cloud === 'gcp') return code === written.trim().toLowerCase() ? undefined : code;
  if (cloud === 'azure') return /^([a-z]+\d?)-\d$/.exec(code)?.[1];
  return undefined;
}

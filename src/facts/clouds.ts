/*
 * Facts about the clouds' regions that residency needs, whatever file names the region: how
 * each cloud writes its region codes, where each region is, Azure's region
 * pairs and GCP's multi- and dual-regions. A region code means nothing without its cloud:
 * ap-southeast-3 is Jakarta on AWS and Kuala Lumpur on Alibaba Cloud.
 */

export type Cloud = 'aws' | 'azure' | 'gcp' | 'alibaba' | 'oracle';

/** The names each cloud gives its documentation and console, for messages. */
export const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: 'AWS', azure: 'Azure', gcp: 'Google Cloud', alibaba: 'Alibaba Cloud', oracle: 'Oracle Cloud' };

/**
 * A region code as the cloud means it: lower case; Azure display names without spaces
 * ("Southeast Asia" is southeastasia); a GCP zone is its region (asia-southeast1-b is in
 * asia-southeast1).
 */
export function normaliseRegion(cloud: Cloud, written: string): string {
  const code = written.trim().toLowerCase();
  if (cloud === 'azure') return code.replace(/\s+/g, '');
  if (cloud === 'gcp') return code.replace(/^([a-z]+-[a-z]+\d+)-[a-z]$/, '$1');
  return code;
}

/** Locations that place nothing in a region: Azure and GCP resources that are global by nature. */
export function isGlobal(code: string): boolean {
  return code === 'global';
}

/** Where a region is, for messages: "Tokyo", "Hong Kong"; undefined for codes merlint does not know. */
export function placeOf(cloud: Cloud, code: string): string | undefined {
  const places = PLACES[cloud];
  return Object.hasOwn(places, code) ? places[code] : undefined;
}

/** `ap-northeast-1 (Tokyo)`, or the bare code when merlint does not know where it is. */
export function describeRegion(cloud: Cloud, code: string): string {
  const multi = multiRegion(cloud, code);
  if (multi) return `${code.toUpperCase()} (${multi.kind}: ${multi.place})`;
  const place = placeOf(cloud, code);
  return place ? `${code} (${place})` : code;
}

/**
 * Azure's regional pairs: geo-redundant storage (GRS, RA-GRS, GZRS, RA-GZRS) and geo-redundant
 * backups replicate to the paired region. Some pairs are one-way (brazilsouth → southcentralus);
 * regions opened since 2020 mostly have none.
 */
const AZURE_PAIRS: Readonly<Record<string, string>> = {
  southeastasia: 'eastasia',
  eastasia: 'southeastasia',
  australiaeast: 'australiasoutheast',
  australiasoutheast: 'australiaeast',
  australiacentral: 'australiacentral2',
  australiacentral2: 'australiacentral',
  japaneast: 'japanwest',
  japanwest: 'japaneast',
  koreacentral: 'koreasouth',
  koreasouth: 'koreacentral',
  centralindia: 'southindia',
  southindia: 'centralindia',
  westindia: 'southindia',
  eastus: 'westus',
  westus: 'eastus',
  eastus2: 'centralus',
  centralus: 'eastus2',
  northcentralus: 'southcentralus',
  southcentralus: 'northcentralus',
  westus2: 'westcentralus',
  westcentralus: 'westus2',
  westus3: 'eastus',
  canadacentral: 'canadaeast',
  canadaeast: 'canadacentral',
  brazilsouth: 'southcentralus',
  northeurope: 'westeurope',
  westeurope: 'northeurope',
  uksouth: 'ukwest',
  ukwest: 'uksouth',
  francecentral: 'francesouth',
  francesouth: 'francecentral',
  germanywestcentral: 'germanynorth',
  germanynorth: 'germanywestcentral',
  switzerlandnorth: 'switzerlandwest',
  switzerlandwest: 'switzerlandnorth',
  norwayeast: 'norwaywest',
  norwaywest: 'norwayeast',
  swedencentral: 'swedensouth',
  uaenorth: 'uaecentral',
  uaecentral: 'uaenorth',
  southafricanorth: 'southafricawest',
  southafricawest: 'southafricanorth',
};

export function azurePair(code: string): string | undefined {
  return Object.hasOwn(AZURE_PAIRS, code) ? AZURE_PAIRS[code] : undefined;
}

/** A location that keeps copies in several regions: its place, and its regions where the cloud names them. */
export interface MultiRegion {
  kind: 'multi-region' | 'dual-region';
  place: string;
  members: readonly string[] | undefined;
}

/**
 * GCP multi-regions (Cloud Storage, BigQuery: US, EU, ASIA; Artifact Registry and Cloud KMS:
 * us, europe, asia), the predefined dual-regions of Cloud Storage, and Spanner's multi-region
 * instance configurations. Google does not list the regions of a storage multi-region, only the
 * geography. A Spanner configuration's members are its read-write regions, which hold full copies;
 * its witness region only votes on writes. eur3 is also a Firestore location, where Finland is a
 * third read-write region (Google's "Multi-region locations" for Firestore and Datastore), so it is
 * a member: the stricter reading holds for both services.
 */
const GCP_MULTI_REGIONS: Readonly<Record<string, MultiRegion>> = {
  asia: { kind: 'multi-region', place: 'data centres across Asia', members: undefined },
  eu: { kind: 'multi-region', place: 'data centres in the European Union', members: undefined },
  europe: { kind: 'multi-region', place: 'data centres across Europe', members: undefined },
  us: { kind: 'multi-region', place: 'data centres across the United States', members: undefined },
  asia1: { kind: 'dual-region', place: 'Tokyo and Osaka', members: ['asia-northeast1', 'asia-northeast2'] },
  eur4: { kind: 'dual-region', place: 'Finland and the Netherlands', members: ['europe-north1', 'europe-west4'] },
  nam4: { kind: 'dual-region', place: 'Iowa and South Carolina', members: ['us-central1', 'us-east1'] },
  eur5: { kind: 'dual-region', place: 'Europe', members: undefined },
  eur7: { kind: 'dual-region', place: 'Europe', members: undefined },
  eur8: { kind: 'dual-region', place: 'Europe', members: undefined },
  nam3: { kind: 'multi-region', place: 'N. Virginia and South Carolina, with a witness in Iowa', members: ['us-east4', 'us-east1'] },
  nam6: { kind: 'multi-region', place: 'data centres across the United States', members: undefined },
  eur3: { kind: 'multi-region', place: 'Belgium, the Netherlands and Finland (Spanner keeps only a witness in Finland)', members: ['europe-west1', 'europe-west4', 'europe-north1'] },
  eur6: { kind: 'multi-region', place: 'the Netherlands and Frankfurt, with a witness in Zurich', members: ['europe-west4', 'europe-west3'] },
  'nam-eur-asia1': { kind: 'multi-region', place: 'North America, Europe and Asia', members: undefined },
};

export function multiRegion(cloud: Cloud, code: string): MultiRegion | undefined {
  return cloud === 'gcp' && Object.hasOwn(GCP_MULTI_REGIONS, code) ? GCP_MULTI_REGIONS[code] : undefined;
}

const PLACES: Readonly<Record<Cloud, Readonly<Record<string, string>>>> = {
  aws: {
    'us-east-1': 'N. Virginia',
    'us-east-2': 'Ohio',
    'us-west-1': 'N. California',
    'us-west-2': 'Oregon',
    'af-south-1': 'Cape Town',
    'ap-east-1': 'Hong Kong',
    'ap-east-2': 'Taipei',
    'ap-south-1': 'Mumbai',
    'ap-south-2': 'Hyderabad',
    'ap-southeast-1': 'Singapore',
    'ap-southeast-2': 'Sydney',
    'ap-southeast-3': 'Jakarta',
    'ap-southeast-4': 'Melbourne',
    'ap-southeast-5': 'Malaysia',
    'ap-southeast-6': 'New Zealand',
    'ap-southeast-7': 'Thailand',
    'ap-northeast-1': 'Tokyo',
    'ap-northeast-2': 'Seoul',
    'ap-northeast-3': 'Osaka',
    'ca-central-1': 'Canada Central',
    'ca-west-1': 'Calgary',
    'eu-central-1': 'Frankfurt',
    'eu-central-2': 'Zurich',
    'eu-west-1': 'Ireland',
    'eu-west-2': 'London',
    'eu-west-3': 'Paris',
    'eu-south-1': 'Milan',
    'eu-south-2': 'Spain',
    'eu-north-1': 'Stockholm',
    'il-central-1': 'Tel Aviv',
    'me-south-1': 'Bahrain',
    'me-central-1': 'UAE',
    'mx-central-1': 'Mexico',
    'sa-east-1': 'São Paulo',
    'us-gov-east-1': 'GovCloud US-East',
    'us-gov-west-1': 'GovCloud US-West',
    'cn-north-1': 'Beijing',
    'cn-northwest-1': 'Ningxia',
  },
  azure: {
    southeastasia: 'Singapore',
    eastasia: 'Hong Kong',
    australiaeast: 'New South Wales',
    australiasoutheast: 'Victoria',
    australiacentral: 'Canberra',
    australiacentral2: 'Canberra',
    japaneast: 'Tokyo',
    japanwest: 'Osaka',
    koreacentral: 'Seoul',
    koreasouth: 'Busan',
    centralindia: 'Pune',
    southindia: 'Chennai',
    westindia: 'Mumbai',
    indonesiacentral: 'Jakarta',
    malaysiawest: 'Kuala Lumpur',
    newzealandnorth: 'Auckland',
    eastus: 'Virginia',
    eastus2: 'Virginia',
    centralus: 'Iowa',
    northcentralus: 'Illinois',
    southcentralus: 'Texas',
    westcentralus: 'Wyoming',
    westus: 'California',
    westus2: 'Washington',
    westus3: 'Arizona',
    canadacentral: 'Toronto',
    canadaeast: 'Quebec City',
    brazilsouth: 'São Paulo State',
    mexicocentral: 'Querétaro',
    northeurope: 'Ireland',
    westeurope: 'Netherlands',
    uksouth: 'London',
    ukwest: 'Cardiff',
    francecentral: 'Paris',
    francesouth: 'Marseille',
    germanywestcentral: 'Frankfurt',
    germanynorth: 'Berlin',
    switzerlandnorth: 'Zurich',
    switzerlandwest: 'Geneva',
    norwayeast: 'Oslo',
    norwaywest: 'Stavanger',
    swedencentral: 'Gävle',
    polandcentral: 'Warsaw',
    italynorth: 'Milan',
    spaincentral: 'Madrid',
    israelcentral: 'Israel',
    qatarcentral: 'Doha',
    uaenorth: 'Dubai',
    uaecentral: 'Abu Dhabi',
    southafricanorth: 'Johannesburg',
    southafricawest: 'Cape Town',
  },
  gcp: {
    'asia-east1': 'Taiwan',
    'asia-east2': 'Hong Kong',
    'asia-northeast1': 'Tokyo',
    'asia-northeast2': 'Osaka',
    'asia-northeast3': 'Seoul',
    'asia-south1': 'Mumbai',
    'asia-south2': 'Delhi',
    'asia-southeast1': 'Singapore',
    'asia-southeast2': 'Jakarta',
    'asia-southeast3': 'Bangkok',
    'australia-southeast1': 'Sydney',
    'australia-southeast2': 'Melbourne',
    'europe-central2': 'Warsaw',
    'europe-north1': 'Finland',
    'europe-north2': 'Stockholm',
    'europe-southwest1': 'Madrid',
    'europe-west1': 'Belgium',
    'europe-west2': 'London',
    'europe-west3': 'Frankfurt',
    'europe-west4': 'Netherlands',
    'europe-west6': 'Zurich',
    'europe-west8': 'Milan',
    'europe-west9': 'Paris',
    'europe-west10': 'Berlin',
    'europe-west12': 'Turin',
    'me-central1': 'Doha',
    'me-central2': 'Dammam',
    'me-west1': 'Tel Aviv',
    'africa-south1': 'Johannesburg',
    'northamerica-northeast1': 'Montréal',
    'northamerica-northeast2': 'Toronto',
    'northamerica-south1': 'Querétaro',
    'southamerica-east1': 'São Paulo',
    'southamerica-west1': 'Santiago',
    'us-central1': 'Iowa',
    'us-east1': 'South Carolina',
    'us-east4': 'N. Virginia',
    'us-east5': 'Columbus',
    'us-south1': 'Dallas',
    'us-west1': 'Oregon',
    'us-west2': 'Los Angeles',
    'us-west3': 'Salt Lake City',
    'us-west4': 'Las Vegas',
    nam5: 'United States, a Firestore multi-region',
    nam7: 'United States, a Firestore multi-region',
  },
  alibaba: {
    'ap-southeast-1': 'Singapore',
    'ap-southeast-3': 'Kuala Lumpur',
    'ap-southeast-5': 'Jakarta',
    'ap-southeast-6': 'Manila',
    'ap-southeast-7': 'Bangkok',
    'ap-southeast-8': 'Johor',
    'ap-northeast-1': 'Tokyo',
    'ap-northeast-2': 'Seoul',
    'cn-hongkong': 'Hong Kong',
    'cn-hangzhou': 'Hangzhou',
    'cn-shanghai': 'Shanghai',
    'cn-qingdao': 'Qingdao',
    'cn-beijing': 'Beijing',
    'cn-zhangjiakou': 'Zhangjiakou',
    'cn-huhehaote': 'Hohhot',
    'cn-wulanchabu': 'Ulanqab',
    'cn-shenzhen': 'Shenzhen',
    'cn-heyuan': 'Heyuan',
    'cn-guangzhou': 'Guangzhou',
    'cn-chengdu': 'Chengdu',
    'us-west-1': 'Silicon Valley',
    'us-east-1': 'Virginia',
    'us-southeast-1': 'Atlanta',
    'eu-central-1': 'Frankfurt',
    'eu-west-1': 'London',
    'me-east-1': 'Dubai',
    'me-central-1': 'Riyadh',
  },
  oracle: {
    'ap-singapore-1': 'Singapore',
    'ap-singapore-2': 'Singapore West',
    'ap-batam-1': 'Batam',
    'ap-kulai-2': 'Kulai',
    'ap-tokyo-1': 'Tokyo',
    'ap-osaka-1': 'Osaka',
    'ap-seoul-1': 'Seoul',
    'ap-chuncheon-1': 'Chuncheon',
    'ap-mumbai-1': 'Mumbai',
    'ap-delhi-1': 'Delhi',
    'ap-hyderabad-1': 'Hyderabad',
    'ap-sydney-1': 'Sydney',
    'ap-melbourne-1': 'Melbourne',
    'us-ashburn-1': 'Ashburn',
    'us-phoenix-1': 'Phoenix',
    'us-sanjose-1': 'San Jose',
    'us-chicago-1': 'Chicago',
    'ca-toronto-1': 'Toronto',
    'ca-montreal-1': 'Montreal',
    'eu-frankfurt-1': 'Frankfurt',
    'eu-amsterdam-1': 'Amsterdam',
    'eu-zurich-1': 'Zurich',
    'eu-madrid-1': 'Madrid',
    'eu-marseille-1': 'Marseille',
    'eu-milan-1': 'Milan',
    'eu-paris-1': 'Paris',
    'eu-stockholm-1': 'Stockholm',
    'uk-london-1': 'London',
    'uk-cardiff-1': 'Newport',
    'me-jeddah-1': 'Jeddah',
    'me-dubai-1': 'Dubai',
    'me-abudhabi-1': 'Abu Dhabi',
    'il-jerusalem-1': 'Jerusalem',
    'sa-saopaulo-1': 'São Paulo',
    'sa-vinhedo-1': 'Vinhedo',
    'sa-santiago-1': 'Santiago',
    'sa-bogota-1': 'Bogotá',
    'mx-queretaro-1': 'Querétaro',
    'mx-monterrey-1': 'Monterrey',
    'af-johannesburg-1': 'Johannesburg',
    'af-casablanca-1': 'Casablanca',
  },
};

/** One `module.<name>[<key>]` step of a module instance address. */
export interface ModuleStep {
  name: string;
  key: number | string | undefined;
  /** The step as written in the address. */
  text: string;
}

const STEP = /module\.([^.[]+)(?:\[(\d+|"(?:[^"\\]|\\.)*")\])?/g;

/** The steps of `module.regions["sg"].module.vpc`; none for the root module's ''. */
export function moduleSteps(address: string): ModuleStep[] {
  return [...address.matchAll(STEP)].map(([text, name, key]) => ({ name: name!, key: key === undefined ? undefined : (JSON.parse(key) as number | string), text }));
}

/** The address of the module instance that calls this one; '' for a module the root calls. */
export function parentAddress(address: string): string {
  return moduleSteps(address)
    .slice(0, -1)
    .map((step) => step.text)
    .join('.');
}

/** Where a module instance's configuration is in the plan: its address without instance keys, as `module_address` writes it. */
export function configurationAddress(address: string): string {
  return moduleSteps(address)
    .map((step) => `module.${step.name}`)
    .join('.');
}

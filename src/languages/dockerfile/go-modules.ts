import { moduleRoots } from '../../go-modules.js';
import type { FileReader } from '../../workspace.js';

/** What the repository around the Dockerfiles says about their builds. */
export interface DockerfileModel {
  /**
   * Whether the Go module around a Dockerfile — the nearest go.mod in its directory or above — vendors
   * its dependencies: vendor/modules.txt beside that go.mod, and a `go` directive of 1.14 or later, from
   * which the go command builds from vendor/ by default and downloads nothing.
   */
  vendorsModules(dockerfilePath: string): boolean;
  /** Whether that module requires another, so that building it may download; true when no go.mod is found. */
  requiresModules(dockerfilePath: string): boolean;
}

export const EMPTY_DOCKERFILE_MODEL: DockerfileModel = { vendorsModules: () => false, requiresModules: () => true };

/** The model over the files under the scan root; each module is looked at once, when a rule first asks. */
export function dockerfileModel(reader: FileReader): DockerfileModel {
  const goMods = new Map<string, string | undefined>();
  const goModIn = (directory: string): string | undefined => {
    if (!goMods.has(directory)) {
      const goMod = reader.read(directory, 'go.mod');
      goMods.set(directory, goMod.ok ? goMod.text : undefined);
    }
    return goMods.get(directory);
  };
  const moduleRootOf = moduleRoots((directory) => goModIn(directory) !== undefined);
  const vendorsByRoot = new Map<string, boolean>();
  const moduleVendors = (root: string): boolean => {
    const goMod = goModIn(root);
    return goMod !== undefined && vendorsByDefault(goMod) && reader.read(root, 'vendor/modules.txt').ok;
  };
  return {
    vendorsModules(path) {
      const root = moduleRootOf(path);
      let vendors = vendorsByRoot.get(root);
      if (vendors === undefined) vendorsByRoot.set(root, (vendors = moduleVendors(root)));
      return vendors;
    },
    requiresModules(path) {
      const goMod = goModIn(moduleRootOf(path));
      return goMod === undefined || requiresAny(goMod);
    },
  };
}

/** Whether a go.mod has a `require` line, or a `require ( … )` block that lists a module. */
function requiresAny(goMod: string): boolean {
  const withoutComments = goMod.replace(/\/\/.*$/gm, '');
  return /^[ \t]*require[ \t]*(?:\(\s*[^\s)]|[^\s(])/m.test(withoutComments);
}

/** Go 1.14 made `-mod=vendor` the default for a module whose go directive is 1.14 or later. */
function vendorsByDefault(goMod: string): boolean {
  const version = /^go[ \t]+1\.(\d+)/m.exec(goMod);
  return version !== null && Number(version[1]) >= 14;
}

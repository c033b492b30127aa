import { parentOf } from '../../paths.js';
import type { FileReader } from '../../workspace.js';

/** What the repository around the Dockerfiles says about their builds. */
export interface DockerfileModel {
  /**
   * Whether the Go module around a Dockerfile — the nearest go.mod in its directory or above — vendors
   * its dependencies: vendor/modules.txt beside that go.mod, and a `go` directive of 1.14 or later, from
   * which the go command builds from vendor/ by default and downloads nothing.
   */
  vendorsModules(dockerfilePath: string): boolean;
}

export const EMPTY_DOCKERFILE_MODEL: DockerfileModel = { vendorsModules: () => false };

/** The model over the files under the scan root; each directory's go.mod is read once, when a rule first asks. */
export function dockerfileModel(reader: FileReader): DockerfileModel {
  const byDirectory = new Map<string, boolean>();
  /** Whether the module that `directory` belongs to (its nearest go.mod, there or above) vendors. */
  const moduleVendors = (directory: string): boolean => {
    let vendors = byDirectory.get(directory);
    if (vendors === undefined) {
      const goMod = reader.read(directory, 'go.mod');
      if (goMod.ok) vendors = vendorsByDefault(goMod.text) && reader.read(directory, 'vendor/modules.txt').ok;
      else vendors = directory !== '' && moduleVendors(parentOf(directory));
      byDirectory.set(directory, vendors);
    }
    return vendors;
  };
  return { vendorsModules: (path) => moduleVendors(parentOf(path)) };
}

/** Go 1.14 made `-mod=vendor` the default for a module whose go directive is 1.14 or later. */
function vendorsByDefault(goMod: string): boolean {
  const version = /^go[ \t]+1\.(\d+)/m.exec(goMod);
  return version !== null && Number(version[1]) >= 14;
}

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
  /** An answer about the module around a path, worked out once for each module root. */
  const perModule = (answer: (root: string, goMod: string | undefined) => boolean): ((path: string) => boolean) => {
    const answers = new Map<string, boolean>();
    return (path) => {
      const root = moduleRootOf(path);
      let answered = answers.get(root);
      if (answered === undefined) answers.set(root, (answered = answer(root, goModIn(root))));
      return answered;
    };
  };
  return {
    vendorsModules: perModule((root, goMod) => goMod !== undefined && vendorsByDefault(goMod) && reader.read(root, 'vendor/modules.txt').ok),
    requiresModules: perModule((_, goMod) => goMod === undefined || requiresAny(goMod)),
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

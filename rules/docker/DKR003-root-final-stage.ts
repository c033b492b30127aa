import type { DockerSettings } from '../../src/config/config.js';
import {
  finalStage,
  imageLabel,
  instructionsOf,
  isGoToolchain,
  isScratch,
  matchesImagePattern,
  stageLineage,
  windowsUserOf,
  type ImageReference,
  type Stage,
  type Word,
} from '../../src/languages/dockerfile/model.js';
import { defineRule } from '../../src/rule.js';
import { dotnetUser, type DotnetUser } from './dotnet-images.js';

const COMPROMISE = 'a compromise of it is root in the container';
const ADVICE = 'end the final stage with a numeric non-root user such as `USER 65532:65532`';
const WINDOWS_COMPROMISE = 'a compromise of it has every right in the container';
const WINDOWS_ADVICE = 'end the final stage with `USER ContainerUser`, the Windows container\'s non-administrator user';

export default defineRule({
  id: 'DKR003',
  slug: 'root-final-stage',
  level: 'error',
  title: 'Final stage runs as root',
  rationale:
    'A container whose image sets no non-root USER runs its process as uid 0. Root inside the container owns every file of the image, can use any capability the runtime grants, and turns a kernel or runtime escape into root on the node. CIS Docker Benchmark 4.1 ("Ensure that a user for the container has been created") asks every image to run as a non-root user, the Kubernetes Pod Security Standards "restricted" profile requires `runAsNonRoot`, under which the kubelet refuses to start an image that runs as root, and the MAS TRM Guidelines ask for the principle of least privilege in access to systems. The level is error rather than warning: the image default is what runs wherever the deployment does not override it (docker run, Compose, ECS, Cloud Run, a Helm chart that forgot `runAsUser`), the fix is one line, and a numeric USER is what lets the kubelet verify `runAsNonRoot: true` and start the container at all. A final stage on scratch with no CMD or ENTRYPOINT is not checked: it carries files (an operator bundle, `--output` artifacts) and runs nothing. Microsoft\'s .NET images are known by their tag: the Linux ones run as root (from .NET 8 they create an `app` user but do not switch to it), the chiseled, distroless and Nano Server ones do not. A tag that names no operating system is Linux-only from .NET 8; before it (`6.0`) it also stands for a Nano Server image, so it runs as root only when built for Linux, which is reported unless `FROM --platform=windows/…` says otherwise. Windows images are known by their name or tag: Server Core and the full Windows image run as ContainerAdministrator, the container\'s administrator, and Nano Server as ContainerUser, which is not one, so a final stage on Nano Server without USER is not reported.',
  remediation:
    'End the final stage with a numeric non-root user: `USER 65532:65532` on scratch or distroless (the `nonroot` user of distroless and Chainguard images), or create one on Debian/Alpine (`RUN adduser -D -u 10001 app`) and `USER 10001`. Prefer a uid to a name: Kubernetes can only verify `runAsNonRoot` for a numeric USER, and scratch has no /etc/passwd to look a name up in. Make sure the files the service writes are owned by that uid (`COPY --chown=65532:65532`). On Windows, end it with `USER ContainerUser`. On Microsoft\'s .NET 8 and later images, `USER $APP_UID` switches to the `app` user they create (uid 1654). A base image that already runs as non-root can be declared in `.merlint.yaml` under `docker.nonRootImages`.',
  kinds: ['dockerfile'],
  tags: ['container', 'least-privilege', 'cis-docker'],
  securitySeverity: 7.0,
  check({ document, settings, report }) {
    const final = finalStage(document);
    if (!final) return;
    const lineage = stageLineage(document, final);
    const setting = lastUser(lineage);
    if (setting) {
      const related = setting.inherited ? [{ path: document.file.path, range: final.from.image.range }] : [];
      if (isRootUser(setting.user.value)) report(setting.user.range, rootUserMessage(setting), { related });
      return;
    }
    const baseFrom = lineage[lineage.length - 1]!.from;
    const base = baseFrom.image;
    if (base.resolved === undefined || runsAsNonRoot(base, settings.docker)) return;
    const windowsUser = windowsUserOf(base);
    if (windowsUser) {
      if (windowsUser === 'ContainerAdministrator') report(final.from.image.range, windowsAdministratorMessage(imageLabel(base)));
      return;
    }
    const dotnet = dotnetUser(baseFrom);
    if (dotnet) {
      if (dotnet.kind !== 'non-root') report(final.from.image.range, dotnetMessage(imageLabel(base), dotnet));
    } else if (!isScratch(base)) {
      report(final.from.image.range, `the final stage sets no USER, so the service runs as the default user of ${imageLabel(base)} (root, unless that image sets another) and ${COMPROMISE}; ${ADVICE}`);
    } else if (declaresCommand(lineage)) {
      report(final.from.image.range, `the final stage sets no USER, so on scratch the service runs as uid 0 and ${COMPROMISE}; ${ADVICE}`);
    }
  },
});

interface UserSetting {
  user: Word;
  stage: Stage;
  inherited: boolean;
}

/** The USER in effect at the end of the final stage, looking through the stages it is built FROM. */
function lastUser(lineage: Stage[]): UserSetting | undefined {
  for (const stage of lineage) {
    const users = instructionsOf(stage, 'USER').flatMap((instruction) => (instruction.user ? [instruction.user] : []));
    const user = users[users.length - 1];
    if (user) return { user, stage, inherited: stage !== lineage[0] };
  }
  return undefined;
}

function rootUserMessage({ user, stage, inherited }: UserSetting): string {
  const where = inherited ? `: the final stage builds on stage ${stage.name ?? stage.index} and sets no USER of its own` : '';
  if (isWindowsAdministrator(user.value)) return `USER ${user.value} runs the service as the Windows container's administrator${where}, so ${WINDOWS_COMPROMISE}; ${WINDOWS_ADVICE}`;
  return `USER ${user.value} runs the service as root${where}, so ${COMPROMISE}; ${ADVICE}`;
}

/** Server Core and the full Windows image run as ContainerAdministrator, the container's administrator. */
function windowsAdministratorMessage(label: string): string {
  return `the final stage sets no USER, so the service runs as ContainerAdministrator, the default user of the Windows image ${label} and the container's administrator, and ${WINDOWS_COMPROMISE}; ${WINDOWS_ADVICE}`;
}

/** A .NET image's user is known from its tag: root on Linux, with an `app` user to switch to since .NET 8. */
function dotnetMessage(label: string, user: DotnetUser): string {
  if (user.kind === 'per-platform') {
    return `the final stage sets no USER, so built for Linux the service runs as root (${label} names a Debian image for Linux, and for Windows a Nano Server one, which runs as ContainerUser) and ${COMPROMISE}; ${ADVICE}, or build from a \`-nanoserver-\` tag`;
  }
  if (user.kind === 'root' && user.appUser) {
    return `the final stage sets no USER, so the service runs as root: ${label} is a Linux image that creates a non-root \`app\` user but does not switch to it, and ${COMPROMISE}; end the final stage with \`USER $APP_UID\`, the image's uid for \`app\``;
  }
  return `the final stage sets no USER, so the service runs as root, the default user of ${label}, and ${COMPROMISE}; ${ADVICE}`;
}

/** A scratch image without CMD or ENTRYPOINT runs nothing: it carries files (an operator bundle, `--output` artifacts). */
function declaresCommand(lineage: Stage[]): boolean {
  return lineage.some((stage) => instructionsOf(stage, 'CMD').length > 0 || instructionsOf(stage, 'ENTRYPOINT').length > 0);
}

/** `root`, `0`, `0:0`, `root:anything`, Windows' `ContainerAdministrator`; a variable (`${APP_UID}`) is not guessed at. */
function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!;
  return name === 'root' || /^0+$/.test(name) || isWindowsAdministrator(name);
}

function isWindowsAdministrator(user: string): boolean {
  return user.toLowerCase() === 'containeradministrator';
}

/**
 * Base images whose own configuration runs as a non-root user: those the team lists in config,
 * those whose name or tag says so (distroless `:nonroot`, `*-unprivileged`, `:*-rootless`),
 * Chainguard images, except Chainguard's Go toolchain, which runs as root.
 */
function runsAsNonRoot(image: ImageReference, settings: DockerSettings): boolean {
  if (matchesImagePattern(image, settings.nonRootImages)) return true;
  if (isGoToolchain(image)) return false;
  const saysNonRoot = /(?:^|[-_./:])(?:non-?root|unprivileged|rootless)(?:$|[-_./:])/;
  const name = `${image.repository}:${image.tag ?? ''}`;
  return saysNonRoot.test(name) || image.registry === 'cgr.dev';
}

import type { ShellDialect } from './types.js';

/*
 * The shell a container image runs scripts in, known from its name for common base images only: Alpine and BusyBox
 * have busybox ash as /bin/sh and no bash; Debian and Ubuntu have dash as /bin/sh and bash beside it; Red Hat's family
 * has bash as /bin/sh; Windows images have no /bin/sh, and BuildKit runs their scripts with `cmd /S /C`. Any other image
 * may have any of them, or none (distroless, scratch).
 */

type Family = 'alpine' | 'debian' | 'redhat' | 'windows';

const DEBIAN = /^(?:debian|ubuntu|buildpack-deps|golang)$/;
const RED_HAT = /^(?:ubi\d*(?:-minimal|-init)?|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux)$/;
/** Microsoft's Windows base images (`mcr.microsoft.com/windows/servercore`, `…/nanoserver`, `…/windows`), and Docker Hub's old ones. */
const WINDOWS_REPOSITORY = /^(?:mcr\.microsoft\.com\/windows(?:\/|$)|(?:docker\.io\/)?microsoft\/(?:windowsservercore|nanoserver)$)/;
/**
 * A tag word that names a Windows base: Server Core or Nano Server (`1.22-windowsservercore-ltsc2022`, `8.0-nanoserver-1809`),
 * a long-term servicing release (`ltsc2022`), or `windows` before a release (`3.9-windows-1809-amd64`). `windows` alone is
 * no evidence: `fyneio/fyne-cross-images:windows` is a Debian image that builds programs for Windows.
 */
const WINDOWS_TAG = /(?:^|[-_.])(?:windowsservercore|servercore|nanoserver|ltsc20\d\d|windows-(?:\d{4}|\d\dh\d))(?=$|[-_.])/;

/** An image's name split into its repository (registry included) and its tag, lower-cased, without its digest. */
function partsOf(reference: string): { repository: string; tag: string } {
  const name = reference.toLowerCase().split('@', 1)[0]!;
  const colon = name.lastIndexOf(':');
  const tagged = colon > name.lastIndexOf('/');
  return { repository: tagged ? name.slice(0, colon) : name, tag: tagged ? name.slice(colon + 1) : '' };
}

/**
 * The family of an image by its repository's last part and its tag (`golang:1.22-alpine` is Alpine's, `golang:1.22`
 * Debian's, `golang:1.22-windowsservercore-ltsc2022` Windows', `registry.access.redhat.com/ubi9/ubi-minimal` Red Hat's);
 * undefined when not known.
 */
function familyOf(reference: string): Family | undefined {
  const { repository, tag } = partsOf(reference);
  if (WINDOWS_TAG.test(tag) || WINDOWS_REPOSITORY.test(repository)) return 'windows';
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  if (last === 'alpine' || last === 'busybox' || /(?:^|-)alpine/.test(tag)) return 'alpine';
  if (DEBIAN.test(last)) return 'debian';
  return RED_HAT.test(last) ? 'redhat' : undefined;
}

/** The dialect of an image's /bin/sh (what `RUN` and `sh -c` run): `ash` in Alpine's family, `bash` in Red Hat's; `sh`, which may be dash, for any other. */
export function imageShDialect(reference: string | undefined): ShellDialect {
  const family = reference === undefined ? undefined : familyOf(reference);
  return family === 'alpine' ? 'ash' : family === 'redhat' ? 'bash' : 'sh';
}

/** Whether an image is a Windows one by its name: BuildKit runs its RUN with `cmd /S /C` unless a SHELL names another. */
export function isWindowsImage(reference: string): boolean {
  return familyOf(reference) === 'windows';
}

/**
 * The user a Windows image runs as without a USER: ContainerUser on Nano Server, which is not an administrator,
 * ContainerAdministrator on Server Core and the full Windows image; undefined for an image not known as a Windows one.
 */
export function windowsDefaultUser(reference: string): 'ContainerUser' | 'ContainerAdministrator' | undefined {
  if (!isWindowsImage(reference)) return undefined;
  return reference.toLowerCase().includes('nanoserver') ? 'ContainerUser' : 'ContainerAdministrator';
}

/**
 * The dialect of a shell found as GitLab's runner finds it, bash where the image has it and else /bin/sh: `bash` in the
 * Debian and Red Hat families, `ash` in Alpine's; for an image not known (or none named), `ash`, whose reading bash shares.
 * Undefined for a Windows image, whose scripts the runner gives to PowerShell.
 */
export function bashOrShDialect(reference: string | undefined): ShellDialect | undefined {
  const family = reference === undefined ? undefined : familyOf(reference);
  if (family === 'windows') return undefined;
  return family === 'debian' || family === 'redhat' ? 'bash' : 'ash';
}
